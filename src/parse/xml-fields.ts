import { attributeOf, childNodes, rawNodes, textOf, type XmlNode } from './xml-nodes.js';
import type { RawRecord } from './raw-record.js';

export function firstText(record: RawRecord, ...elements: string[]): string | undefined {
  for (const element of elements) {
    for (const node of rawNodes(record, element)) {
      const text = textOf(node)?.trim();
      if (text) return text;
    }
  }
  return undefined;
}

/**
 * The entry's or channel's web page. RSS gives it as element text; Atom as
 * <link href> where rel is "alternate" or absent (RFC 4287 §4.2.7.2), which
 * some RSS feeds copy without a namespace.
 */
export function pickLink(nodes: XmlNode[]): { href: string; base?: string } | undefined {
  for (const node of nodes) {
    const text = textOf(node)?.trim();
    if (text && attributeOf(node, 'href') === undefined) return { href: text };
  }
  const alternates = nodes.filter((node) => attributeOf(node, 'href')?.trim() && linkRelation(node) === 'alternate');
  const chosen = alternates.find((node) => /html/i.test(attributeOf(node, 'type') ?? 'text/html')) ?? alternates[0];
  const href = attributeOf(chosen, 'href')?.trim();
  if (href === undefined) return undefined;
  const base = attributeOf(chosen, 'xml:base');
  return base === undefined ? { href } : { href, base };
}

/** RFC 4287 §4.2.7.2: no rel is "alternate", and a registered name equals its IANA IRI. */
export function linkRelation(node: XmlNode): string {
  const rel = attributeOf(node, 'rel')?.trim().toLowerCase() ?? '';
  const name = rel.startsWith(IANA_RELATIONS) ? rel.slice(IANA_RELATIONS.length) : rel;
  return name === '' ? 'alternate' : name;
}

const IANA_RELATIONS = 'http://www.iana.org/assignments/relation/';

/**
 * A person: Atom's <name> child (RFC 4287 §3.2), or RSS 2.0's
 * "email (Real Name)" reduced to the name.
 */
export function personName(nodes: XmlNode[]): string | undefined {
  for (const node of nodes) {
    const atomName = textOf(childNodes(node, 'name')[0])?.trim();
    if (atomName) return atomName;
    const text = textOf(node)?.trim();
    if (!text) continue;
    const rssName = /^\S+@\S+\s*\((.+)\)$/.exec(text)?.[1]?.trim();
    return rssName || text;
  }
  return undefined;
}

/** RSS <category>text</category>, Atom <category term="…"/> (RFC 4287 §4.2.2), dc:subject. */
export function categoriesOf(record: RawRecord): string[] {
  const names: string[] = [];
  for (const node of [...rawNodes(record, 'category'), ...rawNodes(record, 'dc:subject')]) {
    const name = (attributeOf(node, 'term') ?? textOf(node) ?? '').trim();
    if (name !== '') names.push(name);
  }
  return names;
}
