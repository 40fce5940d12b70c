import { ParseError } from '../errors.js';
import type { ParsedFeed } from '../model.js';
import { looksLikeJsonFeed, parseJsonFeed } from './parse-json-feed.js';
import { parseXmlFeed } from './parse-xml-feed.js';

/**
 * Reads a decoded feed body: RSS 0.9x/1.0/2.0 or Atom (rss-parser), or JSON
 * Feed 1.x. Recoverable faults are repaired and listed in `warnings`;
 * a ParseError means nothing sound could be read.
 */
export async function parseFeed(text: string, feedUrl: string): Promise<ParsedFeed> {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (body.trim() === '') throw new ParseError('not a feed: the body is empty');
  if (looksLikeJsonFeed(body)) return parseJsonFeed(body);
  if (!body.startsWith('<')) {
    throw new ParseError(`not a feed: the body is neither XML nor JSON (it starts with ${JSON.stringify(body.slice(0, 20))})`);
  }
  return parseXmlFeed(body, feedUrl);
}
