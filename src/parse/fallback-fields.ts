import { escapeHtml } from '../text/index.js';
import { elementSource } from './entry-context.js';
import type { RawRecord } from './run-rss-parser.js';
import { readHtmlElement, stripXhtmlPrefixes } from './text-constructs.js';
import { linkRelation } from './xml-fields.js';
import { attributeOf, childNodes, rawNodes, textOf, type XmlNode } from './xml-nodes.js';

/**
 * Elements read only when an entry lacks the main one, as feedparser does:
 * Dublin Core and DCMI terms, iTunes, Media RSS (directly or in a
 * media:group, as YouTube writes it), XHTML or plain <body>, and Atom's
 * elements inside RSS. Names are the canonical prefixes that
 * normalizeNamespaces gives every namespace, whatever the feed used.
 */
export const FALLBACK_ELEMENTS = [
  'dc:title', 'dc:description', 'dcterms:issued', 'dcterms:created', 'dcterms:modified',
  'itunes:title', 'itunes:summary', 'body', 'xhtml:body', 'atom:published', 'atom:updated', 'atom:link',
  'media:title', 'media:description', 'media:content', 'media:group',
];

/** The first of `elements` whose HTML is not blank. */
export function firstHtml(raw: RawRecord, block: string | undefined, ...elements: string[]): string | undefined {
  for (const element of elements) {
    const html = readHtmlElement(elementSource(raw, element, block));
    if (html?.trim()) return html;
  }
  return undefined;
}

/** An XHTML (or plain) <body> inside an RSS item, as HTML. */
export function bodyHtml(raw: RawRecord, block: string | undefined): string | undefined {
  const html = firstHtml(raw, block, 'xhtml:body', 'body');
  return html === undefined ? undefined : stripXhtmlPrefixes(html).trim();
}

function mediaNodes(raw: RawRecord, name: string): XmlNode[] {
  return [...rawNodes(raw, `media:${name}`), ...rawNodes(raw, 'media:group').flatMap((group) => childNodes(group, `media:${name}`))];
}

/** media:title or media:description as HTML: plain text unless type="html" (Media RSS 2.0 §"Optional Elements"). */
export function mediaHtml(raw: RawRecord, name: 'title' | 'description'): string | undefined {
  for (const node of mediaNodes(raw, name)) {
    const text = textOf(node)?.trim();
    if (text) return attributeOf(node, 'type')?.trim().toLowerCase() === 'html' ? text : escapeHtml(text);
  }
  return undefined;
}

/** What an entry carries besides its text (RSS <enclosure>, Atom rel="enclosure", media:content), by URL. */
export function enclosureUrls(raw: RawRecord, atomLinks: readonly XmlNode[]): string[] {
  const urls = [
    ...rawNodes(raw, 'enclosure').map((node) => attributeOf(node, 'url')),
    ...atomLinks.filter((node) => linkRelation(node) === 'enclosure').map((node) => attributeOf(node, 'href')),
    ...mediaNodes(raw, 'content').map((node) => attributeOf(node, 'url')),
  ];
  return [...new Set(urls.map((url) => url?.trim() ?? '').filter((url) => url !== ''))];
}
