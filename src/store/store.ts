import type { AlertRule } from '../alerts/types.js';
import type { NormalizedItem, StoredItem, StoredStory } from '../model.js';
import type { BatchLookup, BatchState, ItemIntent } from '../update-model.js';
import type { AlertSummary, ClaimedDelivery, DeliveryClaim, DeliveryFinish, KnownAlert } from './alert-outbox.js';
import type { CycleRecord } from './cycles.js';
import type { PruneOptions, PruneResult } from './retention.js';
import type { JoinResult } from './join-stories.js';
import type { ConfiguredSource, FetchFailure, FetchSuccess, SourceRecord } from './source-state.js';
import type { SplitResult } from './split-story.js';
import type { TopicRewrite } from './topic-membership.js';

/**
 * How a backend answers: `now` with the value itself (SQLite, in process),
 * `later` possibly with a Promise (a database server). `Store`, the
 * contract, may answer either way, so code written against it awaits every
 * answer; code that opened SQLite itself (tests, the bench) holds a
 * `Store<'now'>` and may read answers directly.
 */
export type Timing = 'now' | 'later';
export type Answer<T, W extends Timing> = [W] extends ['now'] ? T : T | Promise<T>;
/** Rows streamed one by one; `for await` reads either kind. */
export type Rows<T, W extends Timing> = [W] extends ['now'] ? Iterable<T> : Iterable<T> | AsyncIterable<T>;

/**
 * The store: the only place in topicwire that speaks SQL, behind this
 * contract. One source's update is one read (loadBatch) and one write
 * (applyBatch); every write that must be atomic is one method, which also
 * marks the content changed when it changes what the topic feeds show.
 */
export interface Store<out W extends Timing = Timing> {
  /** Where the data is (a file path), for messages. */
  readonly file: string;

  /**
   * Everything the decision on one batch needs, read at one point in time:
   * per item its own stored copy, else its tombstone, else the stored items
   * sharing its link, its fingerprint or its band keys (see ItemState).
   */
  loadBatch(lookup: BatchLookup): Answer<BatchState, W>;
  /**
   * Applies a batch's intents in one transaction, in order, with the source's
   * fetch record: all of it or nothing. Returns false, writing nothing, when
   * another writer changed the store since `write.basedOn` was read; the
   * caller loads and decides again.
   */
  applyBatch(write: BatchWrite): Answer<boolean, W>;

  sources: SourceStore<W>;
  topics: TopicStore<W>;
  stories: StoryStore<W>;
  cycles: CycleStore<W>;
  alerts: AlertStore<W>;

  retention: RetentionStore<W>;
  /**
   * Detaches an item from its story for good (`stories split`); see
   * split-story.ts for who keeps the story's id. Throws a StoreError for an
   * unknown item.
   */
  splitItem(itemId: number, now: Date): Answer<SplitResult, W>;
  /**
   * Merges the stories of two items into one (`stories join`; it undoes a
   * split): the story whose face is older keeps its id; see join-stories.ts.
   * Throws a StoreError for an unknown item.
   */
  joinStories(itemA: number, itemB: number): Answer<JoinResult, W>;
  /**
   * Makes the stored items' keys — fingerprints and near-duplicate band keys,
   * what a copy arriving later is matched against — those of `scheme`: when
   * the database was keyed under another version (or before versions were
   * recorded), every item's keys are computed again; otherwise nothing is
   * done. Resumable: the work is committed in chunks of `chunk` items (500
   * unless given) with the point reached, and a reindex cut short goes on
   * from there the next time; the version is recorded when all is done. Call
   * it before the first update of a process (updateSources does). Does not
   * change what the feeds show.
   */
  reindexKeys(scheme: KeyScheme, chunk?: number): Answer<ReindexResult, W>;
  /**
   * Runs one update cycle: the backend may defer its housekeeping until the
   * cycle ends (SQLite: WAL checkpoints, see checkpoints.ts).
   */
  duringCycle<T>(fn: () => Promise<T>): Promise<T>;
  close(): Answer<void, W>;
}

/** What a fingerprint and band keys are computed from: an item's text as stored. */
export type KeyedText = Pick<StoredItem, 'title' | 'summary' | 'contentHtml' | 'text' | 'contentHash'>;

/**
 * How the keys items are found by are computed, under one version
 * (src/update/key-scheme.ts). The store keeps the version it keyed its items
 * under, and reindexes them when another is asked for.
 */
export interface KeyScheme {
  readonly version: string;
  /** The item's fingerprint (NormalizedItem.fingerprint). */
  fingerprintOf(item: KeyedText): string;
  /** The item's near-duplicate band keys; asked only of an item that is in the band index. */
  bandKeysOf(item: KeyedText): readonly number[];
}

/** What a reindex did. */
export interface ReindexResult {
  /** The version the items were keyed under; null for a database that never recorded one (the first version). */
  from: string | null;
  to: string;
  /** Items recomputed in this call (0 when the version was already current). */
  items: number;
}

/** What applyBatch writes. */
export interface BatchWrite {
  /** BatchState.version of the state the intents were decided on. */
  basedOn: string;
  /** When, as stored in first/last-seen times (ISO 8601). */
  now: string;
  items: readonly NormalizedItem[];
  intents: readonly ItemIntent[];
  /** Per item, the topics it is filed under: given for every item stored or updated. */
  topics: readonly (readonly string[] | undefined)[];
  /** The source's fetch, recorded in the same transaction. */
  source?: { id: string; success: FetchSuccess };
  /** Whether what the topic feeds show may have changed. */
  contentChanged: boolean;
  /**
   * The configured alerts: in the same transaction, each story the batch
   * stored or updated an item of fires those whose topics it is now in, once
   * it has their number of outlets (decideFirings), queuing a delivery, a
   * digest entry, or only a record, as the rule's mode says.
   */
  alerts?: readonly AlertRule[];
}

/** The configured sources and what fetching learned about each. */
export interface SourceStore<out W extends Timing = Timing> {
  /**
   * Makes the store know every configured source. A source is its id and its
   * feed (canonical URL): an id given to another feed starts afresh, and the
   * old feed's history moves to a retired id (see source-state.ts).
   */
  syncSources(sources: readonly ConfiguredSource[]): Answer<void, W>;
  /** Every known source, by id, with its item count. */
  listSources(): Answer<SourceRecord[], W>;
  getSource(id: string): Answer<SourceRecord | undefined, W>;
  /** A fetch that succeeded (200 or 304), with its validators and next due time. */
  recordSuccess(id: string, success: FetchSuccess): Answer<void, W>;
  /** A fetch that failed; `failure.disable` disables the source. */
  recordFailure(id: string, failure: FetchFailure): Answer<void, W>;
  /** Publication times of the source's newest `count` items (default 20), newest first, for its posting rate. */
  recentItemTimes(id: string, count?: number): Answer<Date[], W>;
}

/**
 * Topic membership: recorded per item (an item matched the query), read per
 * story (a story is in a topic when any of its items is).
 */
export interface TopicStore<out W extends Timing = Timing> {
  /** Each topic's signature: the query and sources its membership was computed from. */
  getSignatures(): Answer<Map<string, string>, W>;
  /**
   * In one transaction: replaces the membership of each `replaced` topic and
   * remembers its signature, forgets each `removed` topic, and marks the
   * content changed.
   */
  rewrite(change: TopicRewrite): Answer<void, W>;
  /** Every stored item, streamed, for recomputing a topic. */
  iterateItems(): Rows<StoredItem, W>;
  countStoriesByTopic(): Answer<Map<string, number>, W>;
  topicsOfItem(itemId: number): Answer<string[], W>;
  topicsOfStory(storyId: number): Answer<string[], W>;
}

/** Reads of stories and items for feeds, search and explain. */
export interface StoryStore<out W extends Timing = Timing> {
  /** A story with its face (first item) and the other items, by id order. */
  readStory(storyId: number): Answer<StoredStory | undefined, W>;
  /**
   * A topic's newest stories (by their face's date, then id), at most
   * `limit`, none dated before `since` when given (a topic's "maxAgeDays").
   */
  listTopicStories(topicId: string, limit: number, since?: Date): Answer<StoredStory[], W>;
  /**
   * The newest stories (by their face's date, then id), at most `limit`, of
   * one topic when `topicId` is given, each with all its items
   * (`stories list`).
   */
  listStories(filter: { topicId?: string; limit: number }): Answer<StoredStory[], W>;
  /** An item by numeric id, or the items whose link or canonical link is `ref`. */
  findItems(ref: string): Answer<StoredItem[], W>;
  /** All items, newest first, streamed (for search). */
  iterateRecentItems(): Rows<StoredItem, W>;
  /** The newest `limit` items, of one source and/or one topic when given (`items`). */
  listRecentItems(filter: { sourceId?: string; topicId?: string; limit: number }): Answer<StoredItem[], W>;
  countAll(): Answer<{ items: number; stories: number }, W>;
  /** Changes whenever what the topic feeds show may have changed, in this process or another. */
  readContentVersion(): Answer<string, W>;
}

/** Retention (README "Scheduling and retention"). */
export interface RetentionStore<out W extends Timing = Timing> {
  /**
   * Removes whole stories whose items were all first stored before
   * `expiredBefore` unless a topic feed still shows them, leaving a tombstone
   * per item; forgets tombstones no feed listed since `forgetTombstonesBefore`.
   */
  prune(options: PruneOptions): Answer<PruneResult, W>;
}

/**
 * Alerts (README "Alerts"): what each has fired for, and the outbox of
 * deliveries. Firings are queued by the writes that file stories under
 * topics (BatchWrite.alerts, TopicRewrite.alerts), in their transaction. A
 * sender claims one due delivery at a time with a lease: a claim is one
 * atomic statement (SQLite: one UPDATE … RETURNING; a server backend: the
 * same with SELECT … FOR UPDATE SKIP LOCKED), so several senders may share
 * one outbox, and a sender that dies lets its lease lapse.
 */
export interface AlertStore<out W extends Timing = Timing> {
  /**
   * Makes the store know the configured alerts; returns the ids of those
   * whose first cycle is to come (new, changed, or never armed). A removed
   * alert is forgotten: its records, waiting digest entries, and pending
   * deliveries (failed, saying why).
   */
  syncAlerts(alerts: readonly KnownAlert[], now: string): Answer<string[], W>;
  /**
   * Ends alerts' first cycle, in one transaction: every story now in their
   * topics that fires them is recorded as the rule's mode says ('record'
   * sends nothing; a backfill sends), and they are armed.
   */
  armAlerts(rules: readonly AlertRule[], now: string): Answer<number, W>;
  /** Claims the earliest due pending delivery of these alerts, counting the attempt; undefined when none is due. */
  claimDelivery(claim: DeliveryClaim): Answer<ClaimedDelivery | undefined, W>;
  /** Records how a claimed attempt went; false when the claim was no longer the owner's (its lease lapsed and another took it). */
  finishDelivery(finish: DeliveryFinish): Answer<boolean, W>;
  /** When the next pending delivery of these alerts is due (a leased one: when its lease lapses). */
  nextDueAt(alertIds: readonly string[]): Answer<string | undefined, W>;
  /**
   * Ends a digest period, in one transaction: the alert's waiting stories
   * become one delivery under `key`; returns how many (0: nothing is queued).
   */
  closeDigest(digest: { alertId: string; key: string; now: string }): Answer<number, W>;
  /** Per known alert: pending, sent and failed deliveries, waiting digest stories, the last attempt. */
  summarizeAlerts(): Answer<AlertSummary[], W>;
}

/** The log of update cycles, for /health and /metrics. */
export interface CycleStore<out W extends Timing = Timing> {
  recordCycle(cycle: CycleRecord): Answer<void, W>;
  lastCycle(): Answer<CycleRecord | undefined, W>;
}
