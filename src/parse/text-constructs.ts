import { escapeHtml } from '../text/index.js';
import { attributeOf, childElementNames, serializeChildren, textOf, type XmlNode } from './xml-nodes.js';

/**
 * An element to read: its xml2js node, and a way to find its markup as it
 * stands in the document (looked up only when the node has child elements).
 */
export interface ElementSource {
  node: XmlNode | undefined;
  rawInner: () => string | undefined;
}

/**
 * An RSS element that carries HTML (description, content:encoded, title):
 * normally escaped or CDATA text; when a publisher put unescaped markup in it,
 * the element's own markup is the HTML.
 */
export function readHtmlElement(source: ElementSource): string | undefined {
  const { node } = source;
  if (node === undefined) return undefined;
  if (childElementNames(node).length === 0) return textOf(node) ?? '';
  return markupOf(source);
}

export interface AtomTextResult {
  html: string | undefined;
  /** Set when the element held binary data that cannot be shown as text. */
  droppedMediaType?: string;
}

/**
 * An Atom text construct or atom:content (RFC 4287 §3.1, §4.1.3), as HTML:
 * type "text" is escaped, "html" taken as is, "xhtml" unwrapped from its div;
 * other media types are inline XML, plain text, or base64 (§4.1.3.3),
 * as is Atom 0.3's mode="base64".
 */
export function readAtomText(source: ElementSource): AtomTextResult {
  const { node } = source;
  if (node === undefined) return { html: undefined };
  if (attributeOf(node, 'src') !== undefined && childElementNames(node).length === 0 && !textOf(node)?.trim()) {
    return { html: undefined };
  }
  const type = (attributeOf(node, 'type') ?? 'text').trim().toLowerCase();
  const mode = attributeOf(node, 'mode')?.trim().toLowerCase();
  const text = textOf(node) ?? '';
  if (mode === 'base64' || isBase64MediaType(type)) return decodeBase64(text, type);
  if (type === 'xhtml' || type === 'application/xhtml+xml') {
    return { html: childElementNames(node).length > 0 ? unwrapXhtml(markupOf(source)) : escapeHtml(text) };
  }
  if (childElementNames(node).length > 0) return { html: markupOf(source) };
  if (type === 'html' || type === 'text/html') return { html: text };
  return { html: escapeHtml(text) };
}

function isBase64MediaType(type: string): boolean {
  if (['text', 'html', 'xhtml'].includes(type) || type.startsWith('text/')) return false;
  if (type.endsWith('+xml') || type.endsWith('/xml')) return false;
  return type.includes('/');
}

function decodeBase64(text: string, type: string): AtomTextResult {
  const bytes = Buffer.from(text.replace(/\s+/g, ''), 'base64');
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { html: undefined, droppedMediaType: type };
  }
  if (/[\u0000-\u0008\u000E-\u001F]/.test(decoded)) return { html: undefined, droppedMediaType: type };
  const isHtml = type === 'html' || type === 'xhtml' || type === 'text/html' || type === 'application/xhtml+xml';
  return { html: isHtml ? decoded : escapeHtml(decoded) };
}

/** The element's markup: raw from the document when found, else rebuilt from the xml2js node. */
function markupOf(source: ElementSource): string {
  const raw = source.rawInner();
  if (raw !== undefined) return raw.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, text: string) => escapeHtml(text));
  return source.node === undefined ? '' : serializeChildren(source.node);
}

/** XHTML markup read as HTML: element prefixes (<xhtml:p>) and namespace declarations dropped. */
export function stripXhtmlPrefixes(markup: string): string {
  return markup.replace(/<(\/?)[A-Za-z_][\w.-]*:(?=[A-Za-z_])/g, '<$1').replace(/\s+xmlns(?::[\w.-]+)?\s*=\s*("[^"]*"|'[^']*')/g, '');
}

/**
 * RFC 4287 §3.1.1.3: xhtml content is one xhtml:div that is not part of the
 * content; a prefixed XHTML namespace (<xhtml:p>) is dropped so the markup
 * reads as HTML.
 */
function unwrapXhtml(markup: string): string {
  const unprefixed = stripXhtmlPrefixes(markup);
  const wrapped = /^\s*<div(?:\s[^>]*)?>([\s\S]*)<\/div>\s*$/i.exec(unprefixed);
  return (wrapped?.[1] ?? unprefixed).trim();
}
