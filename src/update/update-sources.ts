import type { Logger } from 'pino';
import { alertSignature, cycleRules, type AlertRule } from '../alerts/index.js';
import type { Config, SourceConfig } from '../config/types.js';
import { createHostLimiter, fetchFeed } from '../fetch/index.js';
import type { FetchOutcome, FetchRequest } from '../model.js';
import type { Store } from '../store/index.js';
import type { IngestCounts } from '../update-model.js';
import { createEventMatcher, createNearDuplicateMatcher, type EventMatcher } from '../cluster/index.js';
import { findEquivalences } from '../topics/index.js';
import type { CompiledTopic } from './match-topics.js';
import { createFeedReader, type FeedReader } from './feed-readers.js';
import { ensureKeyScheme } from './key-scheme.js';
import type { ReadJob, ReaderSetup } from './read-feed.js';
import { createSourceOrder, type SourceSlot } from './source-order.js';
import { noCounts, updateSource, type SourceOutcome } from './update-source.js';

export type { SourceOutcome } from './update-source.js';

export interface CycleSummary {
  startedAt: Date;
  durationMs: number;
  sources: SourceOutcome[];
  totals: IngestCounts & { ok: number; failed: number };
}

export interface UpdateDeps {
  store: Store;
  config: Config;
  topics: readonly CompiledTopic[];
  logger: Logger;
  now: () => Date;
  fetch?: (request: FetchRequest) => Promise<FetchOutcome>;
  /** Aborts in-flight fetches and reads (a stop that ran out of patience). */
  signal?: AbortSignal;
  /** In [0, 1), for backoff jitter; Math.random unless a test pins it. */
  random?: () => number;
  /** Where fetched bodies are parsed, matching the setup's topics; worker threads when they can be started (createFeedReader). */
  createReader?: (setup: ReaderSetup) => FeedReader;
  /** The schedule tick this cycle runs for: the sources' next fetches are planned from it. */
  tick?: Date;
  /** Told after each source, for progress on a terminal. */
  onSourceDone?: (outcome: SourceOutcome, done: number, total: number) => void;
}

/**
 * An update cycle: the one place where fetching, parsing, storing and topic
 * matching meet (each source's update is updateSource). Sources are fetched
 * concurrently (within the overall and per-host limits, and at most
 * lookAheadOf(config) ahead of the one being stored) and stored one batch at
 * a time in config order; a source's failure is recorded on it and never
 * stops the others.
 */
export async function updateSources(deps: UpdateDeps, sources: readonly SourceConfig[]): Promise<CycleSummary> {
  return deps.store.duringCycle(() => runCycle(deps, sources));
}

async function runCycle(deps: UpdateDeps, sources: readonly SourceConfig[]): Promise<CycleSummary> {
  const { store, config, logger } = deps;
  const startedAt = deps.now();
  const started = performance.now();
  // Stored keys from an older version would never match the items read now.
  await ensureKeyScheme(store, logger);
  await store.sources.syncSources(config.sources.map((s) => ({ id: s.id, url: s.url, title: s.title, canonicalUrl: s.canonicalUrl })));
  const unarmed = new Set(await store.alerts.syncAlerts(config.alerts.map((a) => ({ id: a.id, signature: alertSignature(a) })), startedAt.toISOString()));
  const alerts = cycleRules(config.alerts, unarmed);
  // What fetching needs of each source (validators, a permanent redirect, failures), read once.
  const records = new Map((await store.sources.listSources()).map((r) => [r.id, r]));
  const limiter = createHostLimiter({ concurrency: config.fetch.concurrency, perHost: config.fetch.perHost });
  const fetcher = deps.fetch ?? ((request: FetchRequest) => fetchFeed(request));
  const limits = { timeoutMs: config.fetch.timeoutSeconds * 1000, maxBytes: config.fetch.maxBytes, ...(deps.signal ? { signal: deps.signal } : {}) };
  const nearDuplicates = config.dedup.nearDuplicates ? createNearDuplicateMatcher(config.dedup) : undefined;
  const events = eventMatcherOf(config);
  // Threads for one cycle only: between cycles the daemon holds no parser memory.
  const reader = (deps.createReader ?? createFeedReader)({ topics: deps.topics, equivalences: events ? findEquivalences(config.define) : [] });
  // An abort (a stop out of patience) ends reads too: terminating a thread ends even a read that would not.
  const closeReader = (): void => void reader.close();
  deps.signal?.addEventListener('abort', closeReader, { once: true });
  const bounds = { minMinutes: config.fetch.minIntervalMinutes, maxMinutes: config.fetch.maxIntervalMinutes };
  const bugs: unknown[] = [];
  const slots = createSourceOrder(sources.length, lookAheadOf(config));
  let done = 0;

  const outcomes = await Promise.all(
    sources.map(async (source, order) => {
      const slot = slots[order] as SourceSlot;
      await slot.mayStart;
      const fetch = (request: Omit<FetchRequest, 'timeoutMs' | 'maxBytes' | 'signal'>) =>
        limiter.run(request.url, () => fetcher({ ...request, ...limits }));
      const update = { store, logger, now: deps.now, topics: deps.topics, alerts, nearDuplicates, events, read: (job: ReadJob) => reader.read(job, order), fetch, turn: slot.turn, bounds, random: deps.random ?? Math.random, tick: deps.tick };
      try {
        const outcome = await updateSource(update, source, records.get(source.id)).catch((error: unknown): SourceOutcome => {
          bugs.push(error);
          logger.error({ err: error, source: source.id }, 'unexpected error while updating a source');
          return { sourceId: source.id, status: 'failed', error: `internal error: ${String(error)}`, warnings: [], counts: noCounts(), bytes: 0, ms: 0 };
        });
        done += 1;
        deps.onSourceDone?.(outcome, done, sources.length);
        return outcome;
      } finally {
        slot.done();
      }
    }),
  ).finally(() => {
    deps.signal?.removeEventListener('abort', closeReader);
    return reader.close();
  });
  const summary = summarize(startedAt, performance.now() - started, outcomes);
  await store.cycles.recordCycle({
    startedAt: startedAt.toISOString(),
    finishedAt: deps.now().toISOString(),
    durationMs: Math.round(summary.durationMs),
    sourcesOk: summary.totals.ok,
    sourcesFailed: summary.totals.failed,
    itemsNew: summary.totals.new,
    itemsUpdated: summary.totals.updated,
    itemsDuplicate: summary.totals.duplicate,
  });
  if (unarmed.size > 0 && summary.totals.ok > 0) await armAlerts(deps, alerts.filter((rule) => unarmed.has(rule.id)));
  logger.info({ event: 'cycle', ...summary.totals, ms: Math.round(summary.durationMs) }, 'cycle done');
  if (bugs.length > 0) throw new AggregateError(bugs, `${bugs.length} source(s) hit an unexpected error`);
  return summary;
}

/**
 * Ends the first cycle of new (or changed) alerts, once a cycle has read
 * something: what is in their topics now is recorded (sent, with a backfill),
 * and only stories that enter afterwards fire them.
 */
async function armAlerts(deps: UpdateDeps, rules: readonly AlertRule[]): Promise<void> {
  const recorded = await deps.store.alerts.armAlerts(rules, deps.now().toISOString());
  for (const rule of rules) {
    deps.logger.info({ event: 'alert-armed', alert: rule.id, mode: rule.mode, stories: recorded }, `alert ${rule.id}: first cycle done; stories entering its topics from now on fire it`);
  }
}

/**
 * How many sources may be between starting and being stored: one more than
 * the fetch concurrency keeps every fetch slot busy while the source at the
 * head of the order is parsed and stored. Each source waiting for its turn
 * holds its parsed batch, and a heap's garbage grows with what is live at a
 * collection, so a wider window costs several times its batches in RSS.
 */
export function lookAheadOf(config: Pick<Config, 'fetch'>): number {
  return config.fetch.concurrency + 1;
}

function summarize(startedAt: Date, durationMs: number, sources: SourceOutcome[]): CycleSummary {
  const totals = { ...noCounts(), ok: 0, failed: 0 };
  for (const s of sources) {
    if (s.status === 'failed') totals.failed += 1;
    else totals.ok += 1;
    for (const key of ['new', 'updated', 'duplicate', 'unchanged', 'tombstoned'] as const) totals[key] += s.counts[key];
  }
  return { startedAt, durationMs, sources, totals };
}

/** Event clustering as config.json "dedup" sets it, with the define lists as known equivalences; undefined when off. */
export function eventMatcherOf(config: Pick<Config, 'dedup' | 'define'>): EventMatcher | undefined {
  if (!config.dedup.events) return undefined;
  return createEventMatcher({ threshold: config.dedup.eventThreshold, windowHours: config.dedup.eventWindowHours, equivalences: findEquivalences(config.define) });
}
