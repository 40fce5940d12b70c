import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeBody, fetchFeed } from '../../src/fetch/index.js';
import type { NormalizedItem, ParsedFeed } from '../../src/model.js';
import { normalizeItems, parseFeed } from '../../src/parse/index.js';

const FIXTURES = new URL('../fixtures/parse/', import.meta.url);

/** The path of a file under tests/fixtures/parse/ (corpus/… or derived/…). */
export function corpusPath(name: string): string {
  return fileURLToPath(new URL(name, FIXTURES));
}

/** Every file of the fixtures (other parsers' test suites, derived and hostile cases) and of the samples whose name ends in one of `extensions`. */
export function listFixtureFiles(extensions: readonly string[]): string[] {
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(path.join(dir, name)).isDirectory() ? walk(path.join(dir, name)) : [path.join(dir, name)]));
  const fixtures = path.dirname(corpusPath('corpus'));
  return [fixtures, path.join(fixtures, '../hostile'), path.join(fixtures, '../../../data/samples')].flatMap(walk).filter((file) => extensions.some((extension) => file.endsWith(extension)));
}

export function readCorpusBytes(name: string): Buffer {
  return readFileSync(corpusPath(name));
}

export interface ReadCorpusFeed {
  feed: ParsedFeed;
  items: NormalizedItem[];
  charset: string;
}

/**
 * A fixture read the way a source is: the file source of fetchFeed (its
 * bytes decoded as topicwire decodes a body), then parsed and normalised as
 * if it had been served at `feedUrl`.
 */
export async function readCorpusFeed(name: string, feedUrl = 'https://feeds.example.com/feed.xml'): Promise<ReadCorpusFeed> {
  const outcome = await fetchFeed({ url: corpusPath(name), timeoutMs: 5000, maxBytes: 5_000_000 });
  if (outcome.kind !== 'fetched') throw new Error(`${name}: unexpected ${outcome.kind}`);
  const decoded = decodeBody(outcome.body, outcome.headers['content-type']);
  const feed = await parseFeed(decoded.text, feedUrl);
  const items = normalizeItems(feed, { sourceId: 'corpus', feedUrl, now: new Date('2026-01-01T00:00:00Z') });
  return { feed, items, charset: decoded.charset };
}
