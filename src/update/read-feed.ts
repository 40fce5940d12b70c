import { createItemIndexer, type IndexedItem } from '../cluster/index.js';
import { decodeBody } from '../fetch/index.js';
import type { FeedHints, NormalizedItem } from '../model.js';
import { normalizeItems, parseFeed } from '../parse/index.js';
import { classifyItem, type CompiledTopic } from './match-topics.js';

/** One fetched body to read: everything the CPU-heavy half of a source's update needs, and nothing it could share. */
export interface ReadJob {
  sourceId: string;
  sourceTitle: string;
  /** The body's bytes as fetched: decoded where it is read (and, sent to a worker thread, moved there, not copied). */
  body: Uint8Array;
  /** The response's Content-Type, for its charset. */
  contentType: string | undefined;
  finalUrl: string;
  now: Date;
  /** Whether to match the reader's topics while reading (see feed-readers.ts); else the caller matches. */
  matchTopics: boolean;
  /** Whether near-duplicate clustering is on (config.json "dedup"). */
  nearDuplicates: boolean;
}

/** A source's items, read and normalised, with what matching and clustering need already worked out. */
export interface ReadFeed {
  items: NormalizedItem[];
  /** Per item: the topics it belongs to, when the job asked for matching. */
  topics: string[][] | undefined;
  /** Per item: its near-duplicate index keys, when clustering is on. */
  indexed: IndexedItem[] | undefined;
  warnings: string[];
  siteUrl: string | undefined;
  hints: FeedHints | undefined;
}

/**
 * Decodes, parses, normalises and classifies one feed body against
 * `topics`. Pure in what it reads and returns (no store, no network), so it
 * can run on a worker thread: the per-item work of a cycle spreads over the
 * machine's cores while the main thread fetches and writes.
 */
export async function readFeed(job: ReadJob, topics: readonly CompiledTopic[]): Promise<ReadFeed> {
  const { text } = decodeBody(job.body, job.contentType);
  const parsed = await parseFeed(text, job.finalUrl);
  const items = normalizeItems(parsed, { sourceId: job.sourceId, feedUrl: job.finalUrl, now: job.now });
  const matched = job.matchTopics ? items.map((item) => classifyItem(topics, item, job.sourceTitle)) : undefined;
  const indexed = job.nearDuplicates ? items.map(createItemIndexer()) : undefined;
  return { items, topics: matched, indexed, warnings: parsed.warnings, siteUrl: parsed.link, hints: parsed.hints };
}
