import { createTagEnds, replaceTags } from './tag-ends.js';
import { mapOutsideOpaqueSections } from './xml-sections.js';

/**
 * Namespaces in Feeds: an element is named by its namespace URI and local
 * name, the prefix being the publisher's choice (Namespaces in XML 1.0 §4).
 * rss-parser (xml2js without namespace processing) sees prefixed names, so
 * before it runs every element and attribute of a namespace topicwire reads
 * is renamed to the prefix the rest of the parser knows it by: `<atom:feed>`
 * becomes `<feed>`, `<r:rss>` in the RSS 2.0 namespace `<rss>`, RSS 1.0's
 * `<rss:item>` `<item>`, `<DC:creator>` `<dc:creator>`. An element of another
 * namespace that happens to use one of those prefixes is renamed out of the
 * way, so its `<szf:description>` is never read as the item's.
 */

/** URIs compared as feedparser does: case-insensitively, a trailing "/" ignored. */
const uriKey = (uri: string): string => uri.trim().toLowerCase().replace(/\/$/, '');

/** The namespaces read by their canonical prefix. */
const MODULE_PREFIXES: ReadonlyMap<string, string> = new Map(
  [
    ['http://purl.org/dc/elements/1.1/', 'dc'],
    ['http://purl.org/dc/terms/', 'dcterms'],
    ['http://purl.org/rss/1.0/modules/content/', 'content'],
    ['http://purl.org/rss/1.0/modules/syndication/', 'sy'],
    ['http://www.itunes.com/dtds/podcast-1.0.dtd', 'itunes'],
    ['http://search.yahoo.com/mrss/', 'media'],
    ['http://www.w3.org/1999/xhtml', 'xhtml'],
    ['http://www.w3.org/1999/02/22-rdf-syntax-ns#', 'rdf'],
    ['http://www.w3.org/2005/Atom', 'atom'],
    ['http://purl.org/atom/ns#', 'atom'],
  ].map(([uri, prefix]) => [uriKey(uri ?? ''), prefix ?? '']),
);
const CANONICAL_PREFIXES: ReadonlySet<string> = new Set(MODULE_PREFIXES.values());
const XHTML = uriKey('http://www.w3.org/1999/xhtml');

/** The feed formats' own namespaces, whose elements the parser reads unprefixed. */
const ATOM_NAMESPACES: ReadonlySet<string> = new Set(['http://www.w3.org/2005/Atom', 'http://purl.org/atom/ns#'].map(uriKey));
const RSS_NAMESPACES: ReadonlySet<string> = new Set(
  ['http://backend.userland.com/rss2', 'http://backend.userland.com/rss', 'http://purl.org/rss/1.0/', 'http://my.netscape.com/rdf/simple/0.9/'].map(uriKey),
);

const DECLARATION = /\sxmlns(?::([A-Za-z_][\w.-]*))?\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
/** A tag's "<", "/" if it ends an element, and its name as prefix and local part; the tag ends where createTagEnds says. */
const TAG_OPENING = /<(\/?)([A-Za-z_][\w.-]*)(?::([A-Za-z_][\w.-]*))?/g;
const ATTRIBUTE = /(\s)([^\s=/>"']+)(\s*=\s*)("[^"]*"|'[^']*')/g;

type Scope = ReadonlyMap<string, string>;

interface OpenElement {
  raw: string;
  scope: Scope;
}

export interface NormalizedNamespaces {
  xml: string;
  /** Whether any name was rewritten. */
  renamed: boolean;
}

/**
 * Renames elements and attributes to their canonical prefixes. Most feeds
 * already use them (declared once on the root), and a scan of their
 * declarations says so without touching the document.
 */
export function normalizeNamespaces(xml: string): NormalizedNamespaces {
  const root = findFirstStartTag(xml);
  const own = ownNamespacesOf(root);
  if (!needsRenaming(xml, root, own)) return { xml, renamed: false };
  return { xml: renameByNamespace(xml, own), renamed: true };
}

function declarationsOf(text: string): [prefix: string, uri: string][] {
  const found: [string, string][] = [];
  if (!text.includes('xmlns')) return found;
  for (const match of text.matchAll(DECLARATION)) found.push([match[1] ?? '', match[2] ?? match[3] ?? '']);
  return found;
}

/** The document element's start tag, past the prolog's declarations, comments and PIs, without scanning the rest. */
function findFirstStartTag(xml: string): NamedTag | null {
  const tagEnd = createTagEnds(xml);
  const opening = new RegExp(TAG_OPENING.source, 'y');
  let at = 0;
  for (;;) {
    at = xml.indexOf('<', at);
    if (at < 0) return null;
    const next = xml[at + 1];
    if (next === '?' || next === '!') {
      const close = xml.startsWith('<!--', at) ? xml.indexOf('-->', at) : xml.indexOf('>', at);
      if (close < 0) return null;
      at = close + 1;
      continue;
    }
    opening.lastIndex = at;
    const open = opening.exec(xml);
    const end = open === null ? -1 : tagEnd(opening.lastIndex);
    if (open === null || end === -1 || open[1] === '/') {
      at += 1;
      continue;
    }
    return readTag(open, xml.slice(at, end));
  }
}

/** A start or end tag as the renaming reads it. */
interface NamedTag {
  slash: string;
  /** The prefix when the name has one, else the local name. */
  first: string;
  /** The local name when the name has a prefix. */
  second: string | undefined;
  /** What comes between the name and the closing ">": attributes, and a "/" for an empty element. */
  rest: string;
}

function readTag(open: RegExpExecArray, tag: string): NamedTag {
  return { slash: open[1] ?? '', first: open[2] ?? '', second: open[3], rest: tag.slice(open[0].length, -1) };
}

/** The root's format decides whose elements are unprefixed: Atom's in an Atom document, RSS's otherwise. */
function ownNamespacesOf(root: NamedTag | null): ReadonlySet<string> {
  if (root === null) return RSS_NAMESPACES;
  const prefix = root.second === undefined ? '' : root.first;
  const uri = new Map(declarationsOf(root.rest)).get(prefix);
  return uri !== undefined && ATOM_NAMESPACES.has(uriKey(uri)) ? ATOM_NAMESPACES : RSS_NAMESPACES;
}

function needsRenaming(xml: string, root: NamedTag | null, own: ReadonlySet<string>): boolean {
  if (root !== null && root.second !== undefined && root.first !== 'rdf') return true;
  const seen = new Map<string, string>();
  for (const [prefix, uri] of declarationsOf(xml)) {
    const key = uriKey(uri);
    const previous = seen.get(prefix);
    if (previous !== undefined && previous !== key) return true;
    seen.set(prefix, key);
    const canonical = MODULE_PREFIXES.get(key);
    if (prefix === '') {
      if (canonical !== undefined && key !== XHTML && !own.has(key)) return true;
    } else if (own.has(key) || (canonical !== undefined ? canonical !== prefix : CANONICAL_PREFIXES.has(prefix))) {
      return true;
    }
  }
  return false;
}

function renameByNamespace(xml: string, own: ReadonlySet<string>): string {
  const stack: OpenElement[] = [];
  const rename = (prefix: string | undefined, local: string, scope: Scope, isAttribute: boolean): string => {
    if (prefix === 'xml' || prefix === 'xmlns') return `${prefix}:${local}`;
    // Unprefixed attributes are in no namespace (Namespaces in XML §6.2).
    const uri = prefix === undefined && isAttribute ? undefined : scope.get(prefix ?? '');
    const raw = prefix === undefined ? local : `${prefix}:${local}`;
    if (uri === undefined) return raw;
    const key = uriKey(uri);
    if (own.has(key) || (prefix === undefined && key === XHTML)) return local;
    const canonical = MODULE_PREFIXES.get(key);
    if (canonical !== undefined) return `${canonical}:${local}`;
    if (prefix === undefined) return local;
    return CANONICAL_PREFIXES.has(prefix) ? `x.${prefix}:${local}` : raw;
  };
  return mapOutsideOpaqueSections(xml, (text) =>
    replaceTags(text, TAG_OPENING, (tag, open) => {
      const { slash, first, second, rest } = readTag(open, tag);
      const [prefix, local] = second === undefined ? [undefined, first] : [first, second];
      const raw = second === undefined ? first : `${first}:${second}`;
      if (slash === '/') {
        const at = stack.findLastIndex((open) => open.raw === raw);
        const scope = stack[at]?.scope ?? stack.at(-1)?.scope ?? new Map<string, string>();
        if (at >= 0) stack.length = at;
        return `</${rename(prefix, local, scope, false)}${rest}>`;
      }
      const parent = stack.at(-1)?.scope ?? new Map<string, string>();
      const declared = declarationsOf(rest);
      const scope = declared.length === 0 ? parent : new Map([...parent, ...declared]);
      if (!rest.endsWith('/')) stack.push({ raw, scope });
      const attributes = rest.includes(':')
        ? rest.replace(ATTRIBUTE, (whole: string, space: string, name: string, equals: string, value: string) => {
            const colon = name.indexOf(':');
            if (colon < 0) return whole;
            return `${space}${rename(name.slice(0, colon), name.slice(colon + 1), scope, true)}${equals}${value}`;
          })
        : rest;
      return `<${rename(prefix, local, scope, false)}${attributes}>`;
    }),
  );
}
