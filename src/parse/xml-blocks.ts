import { maskOpaqueSections } from './xml-sections.js';

/** A start tag, quoted attribute values allowed to hold `>`. */
const startTagOf = (name: string): RegExp => new RegExp(`<${name}(?=[\\s/>])(?:[^>"']|"[^"]*"|'[^']*')*>`, 'g');
const endTagOf = (name: string): RegExp => new RegExp(`</${name}\\s*>`, 'g');

export interface RootElement {
  name: string;
  openTag: string;
  attributes: Record<string, string>;
}

/** The document element: the first start tag outside comments, PIs and CDATA. */
export function findRootElement(xml: string): RootElement | null {
  const masked = maskOpaqueSections(xml);
  const match = /<([A-Za-z_][\w:.-]*)(?:[^>"']|"[^"]*"|'[^']*')*>/.exec(masked);
  if (match === null || match[1] === undefined) return null;
  const openTag = xml.slice(match.index, match.index + match[0].length);
  return { name: match[1], openTag, attributes: readAttributes(openTag) };
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
  const starts = [...masked.matchAll(startTagOf(name))];
  return starts.map((start, index) => {
    const next = starts[index + 1]?.index ?? masked.length;
    const openEnd = start.index + start[0].length;
    if (start[0].endsWith('/>')) return blockOf(xml, start.index, openEnd);
    const endTag = endTagOf(name);
    endTag.lastIndex = openEnd;
    const close = endTag.exec(masked);
    const end = close !== null && close.index < next ? close.index + close[0].length : next;
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
  const open = startTagOf(name).exec(masked);
  if (open === null || open[0].endsWith('/>')) return undefined;
  const innerStart = open.index + open[0].length;
  const tags = new RegExp(`${startTagOf(name).source}|${endTagOf(name).source}`, 'g');
  tags.lastIndex = innerStart;
  let depth = 1;
  for (let tag = tags.exec(masked); tag !== null; tag = tags.exec(masked)) {
    if (tag[0].startsWith('</')) depth -= 1;
    else if (!tag[0].endsWith('/>')) depth += 1;
    if (depth === 0) return xml.slice(innerStart, tag.index);
  }
  return undefined;
}
