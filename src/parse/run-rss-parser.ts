import Parser from 'rss-parser';
import { HINT_ELEMENTS } from './read-feed-hints.js';
import { FALLBACK_ELEMENTS } from './fallback-fields.js';
import type { RawRecord } from './raw-record.js';
import { RENAMED } from './rename-atom-elements.js';

// The type lives in its own file: the readers of raw nodes (read-feed-hints,
// xml-fields, xml-nodes) need it, and this file needs them, which was a cycle.
export type { RawRecord } from './raw-record.js';

export interface RawFeed {
  fields: RawRecord;
  items: RawRecord[];
}

/**
 * Elements taken raw (xml2js nodes with their attributes), because
 * rss-parser's own mapping drops attributes (type, mode, xml:base, rel,
 * term) and flattens markup in ways that lose text order.
 */
const ITEM_ELEMENTS = [
  '$', 'title', 'link', 'guid', 'id', 'description', 'summary', 'content', 'content:encoded',
  'author', 'dc:creator', 'category', 'dc:subject', 'pubDate', 'dc:date', 'published', 'updated',
  'issued', 'created', 'modified', 'dc:language', ...Object.values(RENAMED),
  // Fallbacks for a missing main element, as feedparser reads them (see map-rss-item.ts).
  ...FALLBACK_ELEMENTS, 'enclosure',
];
const FEED_ELEMENTS = ['title', 'link', 'description', 'subtitle', 'tagline', 'language', 'dc:language', 'author', RENAMED.link, 'dc:title', 'dc:description', ...HINT_ELEMENTS];

const rawField = (element: string): [string, string, { keepArray: boolean }] => [element, `raw:${element}`, { keepArray: true }];

/**
 * rss-parser 3.13 with the options that close its known gaps: `defaultRSS: 2`
 * accepts an <rss> without a version attribute. A new Parser per call: its
 * xml2js parser keeps state and must not be shared by concurrent parses.
 */
export async function runRssParser(xml: string): Promise<RawFeed> {
  const parser = new Parser<RawRecord, RawRecord>({
    defaultRSS: 2,
    customFields: {
      // rss-parser's typings allow only names for feed fields, but its
      // copyFromXML (lib/utils.js) takes the same [from, to, options] triples
      // for feed fields as for item fields.
      feed: FEED_ELEMENTS.map(rawField) as unknown as string[],
      item: ITEM_ELEMENTS.map(rawField),
    },
  });
  const output = await parser.parseString(xml);
  const items: unknown[] = Array.isArray(output.items) ? output.items : [];
  return { fields: output, items: items.filter(isRecord) };
}

function isRecord(value: unknown): value is RawRecord {
  return typeof value === 'object' && value !== null;
}
