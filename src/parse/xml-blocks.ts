import { createTagEnds } from './tag-ends.js';
import { maskOpaqueSections } from './xml-sections.js';

/** A tag found in a document: where it starts and ends, and whether it is an empty-element tag (`<x/>`). */
interface Tag {
  index: number;
  end: number;
  selfClosing: boolean;
}

/** The start tags of `name` in `masked` (a masked document), in order, as the pattern `<name(?=[\s/>])…>` finds them. */
function findStartTags(masked: string, name: string): Tag[] {
  const tagEnd = createTagEnds(masked);
  const opening = new RegExp(`<${name}(?=[\\s/>])`, 'g');
  const tags: Tag[] = [];
  for (let open = opening.exec(masked); open !== null; open = opening.exec(masked)) {
    const end = tagEnd(open.index + open[0].length);
    if (end === -1) continue;
    tags.push({ index: open.index, end, selfClosing: masked[end - 2] === '/' });
    opening.lastIndex = end;
  }
  return tags;
}

/** The end tags of `name` in `masked`, in order. */
function findEndTags(masked: string, name: string): Tag[] {
  return [...masked.matchAll(new RegExp(`</${name}\\s*>`, 'g'))].map((m) => ({ index: m.index, end: m.index + m[0].length, selfClosing: false }));
}

export interface RootElement {
  name: string;
  openTag: string;
  attributes: Record<string, string>;
}

/** The document element: the first start tag outside comments, PIs and CDATA. */
export function findRootElement(xml: string): RootElement | null {
  const masked = maskOpaqueSections(xml);
  const tagEnd = createTagEnds(masked);
  const opening = /<([A-Za-z_][\w:.-]*)/g;
  for (let open = opening.exec(masked); open !== null; open = opening.exec(masked)) {
    const end = tagEnd(open.index + open[0].length);
    if (end === -1 || open[1] === undefined) continue;
    const openTag = xml.slice(open.index, end);
    return { name: open[1], openTag, attributes: readAttributes(openTag) };
  }
  return null;
}

export function readAttributes(tag: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of tag.matchAll(/\s([^\s=/>"']+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const name = match[1];
    if (name !== undefined) attributes[name] = decodeXmlReferences(match[2] ?? match[3] ?? '');
  }
  return attributes;
}

function decodeXmlReferences(value: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (whole, ref: string) => {
    if (!ref.startsWith('#')) return named[ref] ?? whole;
    const codePoint = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : whole;
  });
}

export interface Block {
  start: number;
  end: number;
  text: string;
}

/**
 * The <item> or <entry> elements of a document, in order. A block whose end
 * tag is missing stops where the next one starts, so one broken entry cannot
 * swallow its neighbours.
 */
export function splitBlocks(xml: string, name: string): Block[] {
  const masked = maskOpaqueSections(xml);
  const starts = findStartTags(masked, name);
  const ends = findEndTags(masked, name);
  let e = 0;
  return starts.map((start, index) => {
    const next = starts[index + 1]?.index ?? masked.length;
    if (start.selfClosing) return blockOf(xml, start.index, start.end);
    while (e < ends.length && (ends[e]?.index ?? 0) < start.end) e += 1;
    const close = ends[e];
    const end = close !== undefined && close.index < next ? close.end : next;
    return blockOf(xml, start.index, end);
  });
}

function blockOf(xml: string, start: number, end: number): Block {
  return { start, end, text: xml.slice(start, end) };
}

/**
 * The raw markup inside the first `name` element of `xml` (nested elements of
 * the same name balanced), or undefined. `skip` names elements whose contents
 * are not searched, such as an Atom entry's <source> with its own <title>.
 */
export function findElementContent(xml: string, name: string, skip: readonly string[] = []): string | undefined {
  let masked = maskOpaqueSections(xml);
  for (const skipped of skip) {
    for (const block of splitBlocks(masked, skipped)) {
      masked = masked.slice(0, block.start) + ' '.repeat(block.end - block.start) + masked.slice(block.end);
    }
  }
  const opens = findStartTags(masked, name);
  const open = opens[0];
  if (open === undefined || open.selfClosing) return undefined;
  // Nested elements of the same name balanced: start and end tags merged in document order.
  const tags = [...opens.slice(1), ...findEndTags(masked, name).map((t) => ({ ...t, closing: true }))]
    .filter((t) => t.index >= open.end)
    .sort((a, b) => a.index - b.index);
  let depth = 1;
  // An end tag inside a start tag's quoted attribute value is text, not a tag.
  let insideTagUntil = open.end;
  for (const tag of tags) {
    if ('closing' in tag) {
      if (tag.index < insideTagUntil) continue;
      depth -= 1;
    } else {
      insideTagUntil = tag.end;
      if (!tag.selfClosing) depth += 1;
    }
    if (depth === 0) return xml.slice(open.end, tag.index);
  }
  return undefined;
}
