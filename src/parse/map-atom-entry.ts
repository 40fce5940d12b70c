import type { ParsedItem } from '../model.js';
import { resolveUrl } from '../text/index.js';
import { elementSource, type EntryContext } from './entry-context.js';
import { enclosureUrls, mediaHtml } from './fallback-fields.js';
import { omitUndefined } from './omit-undefined.js';
import { resolveHtmlUrls } from './resolve-urls.js';
import type { RawRecord } from './run-rss-parser.js';
import { RENAMED } from './rename-atom-elements.js';
import { readAtomText } from './text-constructs.js';
import { categoriesOf, firstText, personName, pickLink } from './xml-fields.js';
import { attributeOf, ownAttributes, rawNodes } from './xml-nodes.js';

/** An Atom 1.0 (or 0.3) <entry>, RFC 4287 §4.1.2. */
export function mapAtomEntry(raw: RawRecord, context: EntryContext): ParsedItem {
  const attributes = ownAttributes(raw);
  const xmlBase = attributes['xml:base'];
  const base = xmlBase === undefined ? context.base : (resolveUrl(xmlBase, context.base) ?? context.base);
  const readText = (element: string): string | undefined => {
    const source = elementSource(raw, element, context.block);
    const { html, droppedMediaType } = readAtomText(source);
    if (droppedMediaType !== undefined) {
      context.warnings.push(`entry ${context.index + 1}: dropped <${element}> of binary type ${droppedMediaType}`);
    }
    // xml:base on the element itself scopes only its own content (XML Base §4.2).
    const ownBase = attributeOf(source.node, 'xml:base');
    return html === undefined || ownBase === undefined ? html : resolveHtmlUrls(html, resolveUrl(ownBase, base));
  };
  const links = rawNodes(raw, RENAMED.link);
  const link = pickLink(links);
  const enclosures = enclosureUrls(raw, links);
  const linkBase = link?.base === undefined ? undefined : resolveUrl(link.base, base);
  const content = readText('content');
  const title = readText('title');
  const summary = readText('summary');
  return omitUndefined<ParsedItem>({
    guid: firstText(raw, 'id'),
    link: link === undefined ? undefined : linkBase === undefined ? link.href : (resolveUrl(link.href, linkBase) ?? link.href),
    title: nonBlank(title) ?? mediaHtml(raw, 'title') ?? firstText(raw, 'dc:title') ?? title,
    summaryHtml: nonBlank(summary) ?? mediaHtml(raw, 'description') ?? firstText(raw, 'dc:description'),
    contentHtml: content?.trim() ? content : undefined,
    enclosures: enclosures.length > 0 ? enclosures : undefined,
    author: personName(rawNodes(raw, 'author')) ?? context.feedAuthor,
    categories: categoriesOf(raw),
    published: firstText(raw, RENAMED.published, 'issued', 'created', 'dc:date', 'dcterms:issued', 'dcterms:created'),
    updated: firstText(raw, RENAMED.updated, 'modified', 'dcterms:modified'),
    lang: attributes['xml:lang']?.trim() || undefined,
    baseUrl: base,
  });
}

function nonBlank(html: string | undefined): string | undefined {
  return html?.trim() ? html : undefined;
}
