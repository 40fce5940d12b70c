import { createItemIndexer, type IndexedItem } from '../cluster/index.js';
import type { FeedHints, NormalizedItem } from '../model.js';
import { normalizeItems, parseFeed } from '../parse/index.js';
import { classifyItem, type CompiledTopic } from './match-topics.js';

/** One fetched body to read: everything the CPU-heavy half of a source's update needs, and nothing it could share. */
export interface ReadJob {
  sourceId: string;
  sourceTitle: string;
  text: string;
  finalUrl: string;
  now: Date;
  /** The topics to match items against while reading; undefined leaves matching to the caller (see feed-readers.ts). */
  topics: readonly CompiledTopic[] | undefined;
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
 * Parses, normalises and classifies one feed body. Pure in what it reads and
 * returns (no store, no network), so it can run on a worker thread: the
 * per-item work of a cycle spreads over the machine's cores while the main
 * thread fetches and writes.
 */
export async function readFeed(job: ReadJob): Promise<ReadFeed> {
  const parsed = await parseFeed(job.text, job.finalUrl);
  const items = normalizeItems(parsed, { sourceId: job.sourceId, feedUrl: job.finalUrl, now: job.now });
  const { topics: compiled } = job;
  const topics = compiled && items.map((item) => classifyItem(compiled, item, job.sourceTitle));
  const indexed = job.nearDuplicates ? items.map(createItemIndexer()) : undefined;
  return { items, topics, indexed, warnings: parsed.warnings, siteUrl: parsed.link, hints: parsed.hints };
}
