import type { Logger } from 'pino';
import type { SourceConfig } from '../config/types.js';
import { FetchError, TopicwireError } from '../errors.js';
import { HttpStatusError } from '../fetch/index.js';
import type { FeedHints, FetchOutcome, FetchRequest } from '../model.js';
import type { NearDuplicateMatcher } from '../cluster/index.js';
import type { FetchSuccess, IngestCounts, IngestOptions, Store } from '../store/index.js';
import { classifyItem, type CompiledTopic } from './match-topics.js';
import type { ReadFeed, ReadJob } from './read-feed.js';
import { planNextFetch, type FetchResult, type NextFetch, type ScheduleBounds } from './plan-next-fetch.js';

export interface SourceOutcome {
  sourceId: string;
  status: 'ok' | 'unchanged' | 'failed';
  httpStatus?: number;
  error?: string;
  warnings: string[];
  counts: IngestCounts;
  bytes: number;
  ms: number;
  next?: NextFetch;
}

export interface SourceUpdate {
  store: Store;
  logger: Logger;
  now: () => Date;
  topics: readonly CompiledTopic[];
  /** Near-duplicate clustering (config.json "dedup"), when on. */
  nearDuplicates?: NearDuplicateMatcher | undefined;
  /** Parses, normalises and classifies a fetched body, possibly on another thread. */
  read: (job: ReadJob) => Promise<ReadFeed>;
  /** Fetches within the cycle's concurrency limits. */
  fetch: (request: Omit<FetchRequest, 'timeoutMs' | 'maxBytes' | 'signal'>) => Promise<FetchOutcome>;
  /** Resolves when every earlier source of the cycle has been stored. */
  turn: Promise<void>;
  bounds: ScheduleBounds;
  random: () => number;
}

export const noCounts = (): IngestCounts => ({ new: 0, updated: 0, duplicate: 0, unchanged: 0, tombstoned: 0 });

/** A permanent redirect seen earlier makes the new URL the one fetched. */
export function locateSource(store: Store, source: SourceConfig): string {
  return store.sources.getSource(source.id)?.redirectUrl ?? source.location;
}

/**
 * One source: fetched and parsed concurrently with the others, then stored
 * in config order (after `turn`), so which copy of a story is its face, and so
 * the story's id, does not depend on which server answered first. What is
 * stored includes when to fetch the source next, and why.
 */
export async function updateSource(update: SourceUpdate, source: SourceConfig): Promise<SourceOutcome> {
  const { store, logger } = update;
  const started = performance.now();
  const state = store.sources.getSource(source.id);
  const plan = (result: FetchResult, failures: number): NextFetch =>
    planNextFetch({
      now: update.now(),
      result,
      intervalMinutes: source.interval,
      recentItemTimes: store.sources.recentItemTimes(source.id),
      failures,
      bounds: update.bounds,
      random: update.random,
    });
  const outcome = (fields: Partial<SourceOutcome> & Pick<SourceOutcome, 'status'>): SourceOutcome => {
    const result = { sourceId: source.id, warnings: [], counts: noCounts(), bytes: 0, ms: performance.now() - started, ...fields };
    logFetch(logger, result);
    return result;
  };
  try {
    const fetched = await update.fetch({ url: locateSource(store, source), ...(state?.validators ?? {}) });
    const permanent = fetched.redirects.findLast((r) => r.permanent);
    const success = (hints: FeedHints | undefined, warnings: string[]): FetchSuccess => {
      const next = plan({ ok: true, httpStatus: fetched.status, headers: fetched.headers, hints }, 0);
      return {
        at: update.now(),
        httpStatus: fetched.status,
        validators: fetched.validators,
        nextDueAt: next.dueAt,
        dueReason: next.reason,
        warnings,
        ...(hints ? { hints } : {}),
        ...(permanent ? { redirectUrl: fetched.finalUrl } : {}),
      };
    };
    const base = { httpStatus: fetched.status, bytes: fetched.bytes };
    if (fetched.kind === 'unchanged') {
      await update.turn;
      const recorded = success(state?.hints ?? undefined, state?.warnings ? [state.warnings] : []);
      store.sources.recordSuccess(source.id, recorded);
      return outcome({ status: 'unchanged', ...base, next: { dueAt: recorded.nextDueAt, reason: recorded.dueReason } });
    }
    const feed = await update.read({
      sourceId: source.id,
      sourceTitle: source.title,
      text: fetched.text,
      finalUrl: fetched.finalUrl,
      now: update.now(),
      topics: update.topics,
      nearDuplicates: update.nearDuplicates !== undefined,
    });
    const { items, warnings, siteUrl, hints } = feed;
    await update.turn;
    let next: NextFetch | undefined;
    const counts = store.ingestBatch(items, {
      now: update.now(),
      ...withReadResults(feed, update.nearDuplicates, (item) => classifyItem(update.topics, item, source.title)),
      afterBatch: (batch) => {
        const recorded = success(hints, warnings);
        next = { dueAt: recorded.nextDueAt, reason: recorded.dueReason };
        store.sources.recordSuccess(source.id, { ...recorded, ...(siteUrl ? { siteUrl } : {}) });
        if (batch.new + batch.updated + batch.duplicate > 0) store.cycles.bumpContentVersion();
      },
    });
    return outcome({ status: 'ok', ...base, warnings, counts, ...(next ? { next } : {}) });
  } catch (error) {
    if (!(error instanceof TopicwireError)) throw error;
    const httpStatus = error instanceof FetchError ? error.status : undefined;
    await update.turn;
    const headers = error instanceof HttpStatusError ? error.headers : {};
    const next = plan({ ok: false, headers, ...(httpStatus === undefined ? {} : { httpStatus }) }, (state?.failures ?? 0) + 1);
    store.sources.recordFailure(source.id, {
      at: update.now(),
      error: error.message,
      nextDueAt: next.dueAt,
      dueReason: next.reason,
      ...(next.disable === undefined ? {} : { disable: next.disable }),
      ...(httpStatus === undefined ? {} : { httpStatus }),
    });
    return outcome({ status: 'failed', error: error.message, next, ...(httpStatus === undefined ? {} : { httpStatus }) });
  }
}

/** The topics and index keys the reader worked out (else `classify`), handed to the store's ingest as it asks for them. */
function withReadResults(
  feed: ReadFeed,
  matcher: NearDuplicateMatcher | undefined,
  classify: IngestOptions['classify'],
): Pick<IngestOptions, 'classify' | 'nearDuplicates'> {
  const topics = new Map(feed.items.map((item, index) => [item, feed.topics?.[index]]));
  const indexed = new Map(feed.items.map((item, index) => [item, feed.indexed?.[index]]));
  return {
    classify: (item) => topics.get(item) ?? classify(item),
    nearDuplicates: matcher && { ...matcher, prepare: (item) => matcher.prepare(item, indexed.get(item)) },
  };
}

function logFetch(logger: Logger, outcome: SourceOutcome): void {
  const { sourceId, status, httpStatus, error, counts, bytes, ms, next } = outcome;
  const fields = {
    event: 'fetch',
    source: sourceId,
    status,
    httpStatus,
    bytes,
    ms: Math.round(ms),
    new: counts.new,
    updated: counts.updated,
    duplicate: counts.duplicate,
    nextDueAt: next?.dueAt.toISOString(),
    dueReason: next?.reason,
  };
  if (status === 'failed') logger.warn({ ...fields, error }, `fetch ${sourceId} failed: ${error}`);
  else logger.info(fields, `fetch ${sourceId} ${status}`);
}
