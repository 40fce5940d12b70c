import { isXmlChar } from '../text/index.js';
import { decodeNamedReference, htmlNumericCodePoint, XML_PREDEFINED_ENTITIES } from './html-entities.js';
import { mapOutsideOpaqueSections, maskOpaqueSections } from './xml-sections.js';

export interface PreparedXml {
  xml: string;
  /** The <!DOCTYPE …> that was removed, if any. */
  doctype: string | null;
  warnings: string[];
}

/**
 * Makes a feed body safe and as well-formed as text repairs can make it before
 * the XML parser sees it:
 * - the DOCTYPE is removed, internal subset included: no entity declaration is
 *   ever expanded ("billion laughs", external entities), and undeclared
 *   entities are then handled like any other unknown reference;
 * - HTML named references (&nbsp;, the full HTML5 list) become numeric ones;
 * - numeric references &#128;–&#159; become the windows-1252 characters
 *   HTML5 reads them as (&#146; is ’), not C1 controls;
 * - a `&` that does not start a valid reference (XML 1.0 §4.1) is escaped;
 * - numeric references to characters XML forbids (§2.2) are dropped.
 */
export function prepareXml(text: string): PreparedXml {
  const warnings: string[] = [];
  const { xml: withoutDoctype, doctype } = stripDoctype(text);
  if (doctype !== null) warnings.push('stripped the <!DOCTYPE> declaration; its entities were not expanded');
  const counts = { mapped: 0, c1: 0, stray: 0, dropped: 0 };
  const xml = mapOutsideOpaqueSections(withoutDoctype, (part) => repairReferences(part, counts));
  if (counts.mapped > 0) warnings.push(`mapped ${plural(counts.mapped, 'HTML named entity', 'HTML named entities')} to character references`);
  if (counts.c1 > 0) warnings.push(`read ${plural(counts.c1, 'character reference', 'character references')} in &#128;–&#159; as windows-1252`);
  if (counts.stray > 0) warnings.push(`escaped ${plural(counts.stray, 'stray ampersand', 'stray ampersands')}`);
  if (counts.dropped > 0) warnings.push(`dropped ${plural(counts.dropped, 'character reference', 'character references')} to characters XML does not allow`);
  return { xml, doctype, warnings };
}

export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * Every `&` but those starting one of the five predefined references, which
 * are always fine as they are: feeds that escape their HTML are full of
 * &lt; and &gt;, and skipping them in the pattern spares a call per tag.
 */
const REFERENCE = /&(?!(?:lt|gt|amp|quot|apos);)(#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z_][A-Za-z0-9._-]*;)?/g;

function repairReferences(text: string, counts: { mapped: number; c1: number; stray: number; dropped: number }): string {
  return text.replace(REFERENCE, (whole: string, ref: string | undefined) => {
    if (ref === undefined) {
      counts.stray += 1;
      return '&amp;';
    }
    const name = ref.slice(0, -1);
    if (name.startsWith('#')) {
      const number = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      const codePoint = htmlNumericCodePoint(number);
      if (!isXmlChar(codePoint)) {
        counts.dropped += 1;
        return '';
      }
      if (codePoint === number) return whole;
      counts.c1 += 1;
      return `&#${codePoint};`;
    }
    if (XML_PREDEFINED_ENTITIES.has(name)) return whole;
    const decoded = decodeNamedReference(whole);
    if (decoded !== undefined) {
      counts.mapped += 1;
      return [...decoded].map((char) => `&#${char.codePointAt(0) ?? 0xfffd};`).join('');
    }
    counts.stray += 1;
    return `&amp;${ref}`;
  });
}

/**
 * Removes the document type declaration (XML 1.0 §2.8; only in the prolog,
 * before the root element), scanning quoted
 * strings and the bracketed internal subset so a `>` inside an entity value
 * does not end it early.
 */
const DOCTYPE = /<!DOCTYPE\b/i;

export function stripDoctype(xml: string): { xml: string; doctype: string | null } {
  // Almost no feed has one; masking the whole body to find out was a pass over every byte.
  if (!DOCTYPE.test(xml)) return { xml, doctype: null };
  const masked = maskOpaqueSections(xml);
  const first = /<!DOCTYPE\b|<[A-Za-z_]/i.exec(masked);
  if (first === null || first[0].length === 2) return { xml, doctype: null };
  const start = first.index;
  let quote: string | null = null;
  let depth = 0;
  for (let i = start + 9; i < masked.length; i += 1) {
    const ch = masked[i];
    if (quote !== null) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '[') {
      depth += 1;
    } else if (ch === ']') {
      depth = Math.max(0, depth - 1);
    } else if (ch === '>' && depth === 0) {
      return { xml: xml.slice(0, start) + xml.slice(i + 1), doctype: xml.slice(start, i + 1) };
    }
  }
  return { xml: xml.slice(0, start), doctype: xml.slice(start) };
}
