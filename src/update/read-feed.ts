import { createEventPreparer, createItemIndexer, type Equivalence, type IndexedItem, type PreparedEvent } from '../cluster/index.js';
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
  /** Whether event clustering is on (config.json "dedup" "events"). */
  events: boolean;
}

/** What a reader is given once, for every job it reads (a worker thread's workerData). */
export interface ReaderSetup {
  topics: readonly CompiledTopic[];
  /** The config's equivalences, for event evidence (findEquivalences). */
  equivalences: readonly Equivalence[];
}

/** A source's items, read and normalised, with what matching and clustering need already worked out. */
export interface ReadFeed {
  items: NormalizedItem[];
  /** Per item: the topics it belongs to, when the job asked for matching. */
  topics: string[][] | undefined;
  /** Per item: its near-duplicate index keys, when clustering is on. */
  indexed: IndexedItem[] | undefined;
  /** Per item: its event evidence and keys, when event clustering is on (undated items are dated when read). */
  events: PreparedEvent[] | undefined;
  warnings: string[];
  siteUrl: string | undefined;
  hints: FeedHints | undefined;
}

/**
 * A reader of feed bodies for `setup`: decodes, parses, normalises and
 * classifies one body, and works out its items' clustering evidence. Pure in
 * what it reads and returns (no store, no network), so it can run on a
 * worker thread: the per-item work of a cycle spreads over the machine's
 * cores while the main thread fetches and writes.
 */
export function createFeedReading(setup: ReaderSetup): (job: ReadJob) => Promise<ReadFeed> {
  const prepareEvent = createEventPreparer(setup.equivalences);
  return async (job) => {
    const { text } = decodeBody(job.body, job.contentType);
    const parsed = await parseFeed(text, job.finalUrl);
    const items = normalizeItems(parsed, { sourceId: job.sourceId, feedUrl: job.finalUrl, now: job.now });
    const matched = job.matchTopics ? items.map((item) => classifyItem(setup.topics, item, job.sourceTitle)) : undefined;
    const indexed = job.nearDuplicates ? items.map(createItemIndexer()) : undefined;
    const now = job.now.toISOString();
    const events = job.events ? items.map((item) => prepareEvent({ ...item, publishedAt: item.publishedAt ?? now })) : undefined;
    return { items, topics: matched, indexed, events, warnings: parsed.warnings, siteUrl: parsed.link, hints: parsed.hints };
  };
}
