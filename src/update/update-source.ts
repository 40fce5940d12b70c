import type { Logger } from 'pino';
import type { AlertRule } from '../alerts/index.js';
import type { EventMatcher, NearDuplicateMatcher } from '../cluster/index.js';
import type { SourceConfig } from '../config/types.js';
import { carryCredentials } from '../credentials.js';
import { FetchError, TopicwireError } from '../errors.js';
import { HttpStatusError } from '../fetch/index.js';
import type { FeedHints, FetchOutcome, FetchRequest } from '../model.js';
import type { FetchSuccess, SourceRecord, Store } from '../store/index.js';
import type { IngestCounts } from '../update-model.js';
import { ingestBatch } from './ingest-batch.js';
import { topicsOfRead, type CompiledTopic } from './match-topics.js';
import { planNextFetch, type FetchResult, type NextFetch, type ScheduleBounds } from './plan-next-fetch.js';
import type { ReadFeed, ReadJob } from './read-feed.js';

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
  /** The alerts the batch's write fires (cycleRules). */
  alerts?: readonly AlertRule[];
  /** Near-duplicate clustering (config.json "dedup"), when on. */
  nearDuplicates?: NearDuplicateMatcher | undefined;
  /** Event clustering (config.json "dedup" "events"), when on. */
  events?: EventMatcher | undefined;
  /** Decodes, parses, normalises and indexes a fetched body (and may match its topics), possibly on another thread. */
  read: (job: ReadJob) => Promise<ReadFeed>;
  /** Fetches within the cycle's concurrency limits. */
  fetch: (request: Omit<FetchRequest, 'timeoutMs' | 'maxBytes' | 'signal'>) => Promise<FetchOutcome>;
  /** Resolves when every earlier source of the cycle has been stored. */
  turn: Promise<void>;
  bounds: ScheduleBounds;
  random: () => number;
  /** The schedule tick the cycle runs for (see PlanInput.from). */
  tick?: Date | undefined;
}

export const noCounts = (): IngestCounts => ({ new: 0, updated: 0, duplicate: 0, unchanged: 0, tombstoned: 0 });

/** A permanent redirect seen earlier makes the new URL the one fetched (with the source's credentials, on the same origin). */
function locateSource(record: SourceRecord | undefined, source: SourceConfig): string {
  const moved = record?.redirectUrl;
  return moved == null ? source.location : carryCredentials(source.location, moved);
}

/**
 * One source's update, given what the store knew of it when the cycle
 * started (`record`: validators, a permanent redirect, failures so far):
 *
 *   fetch → read (parse, normalise, index; on the worker pool) → wait for
 *   its turn → load what the decision needs (one read) → decide → match the
 *   topics of what is stored → apply it with the fetch record (one write).
 *
 * Sources are fetched and read concurrently but stored in config order
 * (after `turn`), so which copy of a story is its face, and so the story's
 * id, does not depend on which server answered first. A fetch that changed
 * nothing, and a failure, are one read (the newest items' times, for the
 * plan) and one write (the fetch record) too.
 */
export async function updateSource(update: SourceUpdate, source: SourceConfig, record: SourceRecord | undefined): Promise<SourceOutcome> {
  const { store, logger } = update;
  const started = performance.now();
  const plan = (result: FetchResult, failures: number, recentItemTimes: readonly Date[]): NextFetch =>
    planNextFetch({
      now: update.now(),
      ...(update.tick ? { from: update.tick } : {}),
      result,
      intervalMinutes: source.interval,
      recentItemTimes,
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
    const fetched = await update.fetch({ url: locateSource(record, source), ...(source.headers ? { headers: source.headers } : {}), ...(record?.validators ?? {}) });
    const permanent = fetched.redirects.findLast((r) => r.permanent);
    const success = (hints: FeedHints | undefined, warnings: string[], recentItemTimes: readonly Date[]): FetchSuccess => {
      const next = plan({ ok: true, httpStatus: fetched.status, headers: fetched.headers, hints }, 0, recentItemTimes);
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
      const recorded = success(record?.hints ?? undefined, record?.warnings ? [record.warnings] : [], await store.sources.recentItemTimes(source.id));
      await store.sources.recordSuccess(source.id, recorded);
      return outcome({ status: 'unchanged', ...base, next: { dueAt: recorded.nextDueAt, reason: recorded.dueReason } });
    }
    const feed = await update.read({
      sourceId: source.id,
      sourceTitle: source.title,
      body: fetched.body,
      contentType: fetched.headers['content-type'],
      finalUrl: fetched.finalUrl,
      now: update.now(),
      matchTopics: update.topics.length > 0,
      nearDuplicates: update.nearDuplicates !== undefined,
      events: update.events !== undefined,
    });
    const { items, warnings, siteUrl, hints } = feed;
    await update.turn;
    let next: NextFetch | undefined;
    const counts = await ingestBatch(store, items, {
      now: update.now(),
      classify: topicsOfRead(update.topics, source.title, feed.topics),
      alerts: update.alerts,
      nearDuplicates: update.nearDuplicates,
      events: update.events,
      indexed: feed.indexed,
      preparedEvents: feed.events,
      source: {
        id: source.id,
        success: (recentItemTimes) => {
          const recorded = success(hints, warnings, recentItemTimes);
          next = { dueAt: recorded.nextDueAt, reason: recorded.dueReason };
          return { ...recorded, ...(siteUrl ? { siteUrl } : {}) };
        },
      },
    });
    return outcome({ status: 'ok', ...base, warnings, counts, ...(next ? { next } : {}) });
  } catch (error) {
    if (!(error instanceof TopicwireError)) throw error;
    const httpStatus = error instanceof FetchError ? error.status : undefined;
    await update.turn;
    const headers = error instanceof HttpStatusError ? error.headers : {};
    const next = plan({ ok: false, headers, ...(httpStatus === undefined ? {} : { httpStatus }) }, (record?.failures ?? 0) + 1, await store.sources.recentItemTimes(source.id));
    await store.sources.recordFailure(source.id, {
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
