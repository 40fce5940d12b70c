import type { AlertRule } from '../alerts/index.js';
import type { EventMatcher, IndexedItem, NearDuplicateMatcher, PreparedEvent } from '../cluster/index.js';
import { StoreError } from '../errors.js';
import type { NormalizedItem } from '../model.js';
import { RECENT_ITEMS, type FetchSuccess, type Store } from '../store/index.js';
import type { BatchState, IngestCounts } from '../update-model.js';
import { windowMinutes } from './dedup-rules.js';
import { decide, describeLookup, type BatchInput, type Decision, type EventPolicy } from './decide.js';

export interface IngestOptions {
  now: Date;
  /** The topics an item that is stored or updated belongs to (match-topics.ts). */
  classify: (item: NormalizedItem, index: number) => readonly string[];
  /** The alerts the write fires, in its transaction. */
  alerts?: readonly AlertRule[] | undefined;
  /** When set, an item no exact rule places joins the story of a near-duplicate from another source. */
  nearDuplicates?: NearDuplicateMatcher | undefined;
  /** When set, an item no copy rule places joins the story of another outlet's report of the same event. */
  events?: EventMatcher | undefined;
  /** Per item, the index keys worked out when it was read (read-feed.ts). */
  indexed?: readonly (IndexedItem | undefined)[] | undefined;
  /** Per item, the event evidence and keys worked out when it was read (read-feed.ts); else they are worked out here. */
  preparedEvents?: readonly PreparedEvent[] | undefined;
  /** The source's fetch, recorded in the batch's transaction; planned from its newest items' times after the batch. */
  source?: { id: string; success: (recentItemTimes: Date[]) => FetchSuccess } | undefined;
}

/** A batch decided on a state another writer changed is decided again, this many times at most. */
const MAX_ATTEMPTS = 5;

/**
 * Stores one batch: load what the decision needs in one read, decide (pure),
 * match the topics of what is stored, apply it all in one transaction. If
 * another writer committed in between, the store refuses the write and the
 * batch is loaded and decided again.
 */
export async function ingestBatch(store: Store, items: readonly NormalizedItem[], options: IngestOptions): Promise<IngestCounts> {
  const now = options.now.toISOString();
  const input = toBatchInput(items, now, options);
  const recent = options.source && { sourceId: options.source.id, count: RECENT_ITEMS };
  for (let attempt = 1; ; attempt += 1) {
    const state = await store.loadBatch({ ...describeLookup(input, recent), ...(attempt > 1 ? { retry: true } : {}) });
    const decision = decide(input, state);
    const topics = decision.intents.map((intent) => (intent.kind === 'unchanged' || intent.kind === 'tombstoned' ? undefined : options.classify(items[intent.item] as NormalizedItem, intent.item)));
    const { source } = options;
    const applied = await store.applyBatch({
      basedOn: state.version,
      now,
      items,
      intents: decision.intents,
      topics: indexByItem(decision, topics),
      ...(source ? { source: { id: source.id, success: source.success(recentTimesAfter(items, state, decision, now, source.id)) } } : {}),
      contentChanged: decision.counts.new + decision.counts.updated + decision.counts.duplicate > 0,
      ...(options.alerts && options.alerts.length > 0 ? { alerts: options.alerts } : {}),
    });
    if (applied) return decision.counts;
    if (attempt === MAX_ATTEMPTS) throw new StoreError(`the store kept changing while ${items.length} items were being stored; gave up after ${attempt} attempts`);
  }
}

function toBatchInput(items: readonly NormalizedItem[], now: string, options: IngestOptions): BatchInput {
  const events = options.events && toEventPolicy(items, now, options.events, options.preparedEvents);
  const input = toNearDuplicateInput(items, now, options);
  return events ? { ...input, events } : input;
}

function toEventPolicy(items: readonly NormalizedItem[], now: string, matcher: EventMatcher, prepared: readonly PreparedEvent[] | undefined): EventPolicy {
  const entries = items.map((item, index) => prepared?.[index] ?? matcher.prepare({ ...item, publishedAt: item.publishedAt ?? now }));
  return {
    windowHours: matcher.windowHours,
    entries,
    choose: (index, stories) => matcher.choose(entries[index]?.features ?? '', stories),
  };
}

function toNearDuplicateInput(items: readonly NormalizedItem[], now: string, options: IngestOptions): BatchInput {
  const matcher = options.nearDuplicates;
  if (matcher === undefined) return { items, now };
  // A probe is cheap when the reader indexed the item; its features are worked out only when it has candidates.
  const probes = items.map((item, index) => matcher.prepare(item, options.indexed?.[index]));
  return {
    items,
    now,
    nearDuplicates: {
      threshold: matcher.threshold,
      windowMinutes: windowMinutes(matcher.windowMs),
      keys: probes.map((probe) => probe.keys),
      score: (index, candidate) => probes[index]?.score(candidate) ?? 0,
    },
  };
}

function indexByItem(decision: Decision, topics: readonly (readonly string[] | undefined)[]): (readonly string[] | undefined)[] {
  const byItem: (readonly string[] | undefined)[] = [];
  decision.intents.forEach((intent, index) => (byItem[intent.item] = topics[index]));
  return byItem;
}

/**
 * The times of the source's newest items once the batch is stored, as
 * SourceStore.recentItemTimes would read them then: the stored ones the batch
 * leaves alone, with the rows it inserts or rewrites at their new times.
 */
function recentTimesAfter(items: readonly NormalizedItem[], state: BatchState, decision: Decision, now: string, sourceId: string): Date[] {
  const written = new Map<string, string>();
  for (const intent of decision.intents) {
    const item = items[intent.item] as NormalizedItem;
    if (item.sourceId !== sourceId) continue;
    if (intent.kind === 'new' || intent.kind === 'join') written.set(`batch:${intent.item}`, item.publishedAt ?? now);
    if (intent.kind !== 'update') continue;
    const { row } = intent;
    const firstSeen = 'stored' in row ? (state.items[intent.item]?.own?.firstSeenAt ?? now) : now;
    written.set('stored' in row ? `stored:${row.stored}` : `batch:${row.batch}`, item.publishedAt ?? firstSeen);
  }
  const times = [...state.recentItems.map((r) => r.time), ...written.values()];
  // Descending as SQLite orders the text (ISO 8601 times in one format sort as they compare).
  times.sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  return times.slice(0, RECENT_ITEMS).map((t) => new Date(t));
}
