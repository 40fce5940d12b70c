import type { FeedFormat, ParsedFeed, ParsedItem } from '../model.js';
import { resolveUrl } from '../text/index.js';
import type { EntryContext } from './entry-context.js';
import { htmlToText } from './html-to-text.js';
import { mapAtomEntry } from './map-atom-entry.js';
import { mapRssItem } from './map-rss-item.js';
import { omitUndefined } from './omit-undefined.js';
import { readFeedHints } from './read-feed-hints.js';
import { RENAMED } from './rename-atom-elements.js';
import type { RawRecord } from './run-rss-parser.js';
import { readAtomText, readHtmlElement, type ElementSource } from './text-constructs.js';
import { findElementContent, type RootElement } from './xml-blocks.js';
import { firstText, personName, pickLink } from './xml-fields.js';
import { firstRawNode, rawNodes } from './xml-nodes.js';

export interface XmlFeedScope {
  format: Exclude<FeedFormat, 'json'>;
  feedUrl: string;
  root: RootElement;
  /** The document before its first entry, where the feed's own elements are. */
  head: string;
  warnings: string[];
}

export interface RawEntry {
  raw: RawRecord;
  block: string | undefined;
}

/** ParsedFeed from rss-parser's raw fields and entries. */
export function mapXmlFeed(fields: RawRecord, entries: readonly RawEntry[], scope: XmlFeedScope): ParsedFeed {
  const { format, feedUrl, root } = scope;
  const rootBase = root.attributes['xml:base'];
  const feedBase = rootBase === undefined ? undefined : resolveUrl(rootBase, feedUrl);
  // RFC 4287 §2 / RFC 3986 §5.1.3: without xml:base, an Atom document's base is its own URI.
  const entryBase = format === 'atom' ? (feedBase ?? resolveUrl(feedUrl)) : feedBase;
  const readText = (element: string): string | undefined => {
    const source: ElementSource = {
      node: firstRawNode(fields, element),
      rawInner: () => findElementContent(scope.head, element, ['image', 'textinput', 'textInput', 'entry', 'item']),
    };
    const html = format === 'atom' ? readAtomText(source).html : readHtmlElement(source);
    const text = html === undefined ? '' : htmlToText(html);
    return text === '' ? undefined : text;
  };
  const link = pickLink([...rawNodes(fields, 'link'), ...rawNodes(fields, RENAMED.link)]);
  const feedAuthor = format === 'atom' ? personName(rawNodes(fields, 'author')) : undefined;
  const items = entries.map(({ raw, block }, index): ParsedItem => {
    const context: EntryContext = { block, base: entryBase, feedAuthor, index, warnings: scope.warnings };
    return format === 'atom' ? mapAtomEntry(raw, context) : mapRssItem(raw, context);
  });
  return omitUndefined<ParsedFeed>({
    format,
    hints: readFeedHints(fields),
    title: readText('title') ?? readText('dc:title'),
    link: link === undefined ? undefined : (resolveUrl(link.href, link.base, feedBase, feedUrl) ?? link.href),
    description: readText('description') ?? readText('subtitle') ?? readText('tagline') ?? readText('dc:description'),
    lang: root.attributes['xml:lang']?.trim() || firstText(fields, 'language', 'dc:language'),
    items,
    warnings: scope.warnings,
  });
}
