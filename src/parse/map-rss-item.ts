import type { ParsedItem } from '../model.js';
import { resolveUrl } from '../text/index.js';
import { elementSource, type EntryContext } from './entry-context.js';
import { bodyHtml, enclosureUrls, firstHtml, mediaHtml } from './fallback-fields.js';
import { omitUndefined } from './omit-undefined.js';
import type { RawRecord } from './run-rss-parser.js';
import { readHtmlElement } from './text-constructs.js';
import { categoriesOf, firstText, personName, pickLink } from './xml-fields.js';
import { attributeOf, firstRawNode, ownAttributes, rawNodes, textOf } from './xml-nodes.js';

/** An RSS 0.9x/2.0 <item> or an RSS 1.0 (RDF) <item>. */
export function mapRssItem(raw: RawRecord, context: EntryContext): ParsedItem {
  const attributes = ownAttributes(raw);
  const guidNode = firstRawNode(raw, 'guid');
  // RSS 1.0 §5.5: rdf:about is the item's URI, its identity.
  const guid = textOf(guidNode)?.trim() || attributes['rdf:about']?.trim() || undefined;
  const isPermaLink = attributeOf(guidNode, 'isPermaLink')?.trim().toLowerCase() !== 'false';
  // RSS 2.0: a guid that is a permalink (the default) is the item's URL.
  const guidLink = guid !== undefined && isPermaLink && /^https?:\/\//i.test(guid) ? guid : undefined;
  const xmlBase = attributes['xml:base'];
  const { block } = context;
  const atomLinks = rawNodes(raw, 'atom:link');
  const enclosures = enclosureUrls(raw, atomLinks);
  return omitUndefined<ParsedItem>({
    guid,
    link: pickLink(rawNodes(raw, 'link'))?.href ?? pickLink(atomLinks)?.href ?? guidLink,
    title: firstHtml(raw, block, 'title', 'dc:title', 'itunes:title') ?? mediaHtml(raw, 'title') ?? readHtmlElement(elementSource(raw, 'title', block)),
    summaryHtml: firstHtml(raw, block, 'description', 'dc:description', 'itunes:summary') ?? mediaHtml(raw, 'description'),
    contentHtml: firstHtml(raw, block, 'content:encoded') ?? bodyHtml(raw, block),
    enclosures: enclosures.length > 0 ? enclosures : undefined,
    author: personName(rawNodes(raw, 'dc:creator')) ?? personName(rawNodes(raw, 'author')),
    categories: categoriesOf(raw),
    published: firstText(raw, 'pubDate', 'dc:date', 'dcterms:issued', 'dcterms:created', 'atom:published'),
    updated: firstText(raw, 'updated', 'modified', 'dcterms:modified', 'atom:updated'),
    lang: firstText(raw, 'dc:language') ?? attributes['xml:lang'],
    baseUrl: xmlBase === undefined ? context.base : (resolveUrl(xmlBase, context.base) ?? context.base),
  });
}
