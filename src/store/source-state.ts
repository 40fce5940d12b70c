import type { FeedHints, FetchValidators } from '../model.js';
import type { Db } from './open-store.js';

export type SourceStatus = 'never' | 'ok' | 'failing' | 'disabled';

/** A source as the store knows it: config identity plus what fetching learned. */
export interface SourceRecord {
  id: string;
  url: string;
  title: string;
  siteUrl: string | null;
  status: SourceStatus;
  lastFetchAt: string | null;
  lastOkAt: string | null;
  httpStatus: number | null;
  lastError: string | null;
  warnings: string | null;
  failures: number;
  validators: FetchValidators;
  redirectUrl: string | null;
  itemCount: number;
  nextDueAt: string | null;
  dueReason: string | null;
  /** The feed's own fetch hints from its last parsed body. */
  hints: FeedHints | null;
  disabledReason: string | null;
}

interface SourceRow {
  id: string;
  url: string;
  title: string;
  site_url: string | null;
  status: SourceStatus;
  last_fetch_at: string | null;
  last_ok_at: string | null;
  http_status: number | null;
  last_error: string | null;
  warnings: string | null;
  failures: number;
  etag: string | null;
  last_modified: string | null;
  body_hash: string | null;
  redirect_url: string | null;
  item_count: number;
  next_due_at: string | null;
  due_reason: string | null;
  hints: string | null;
  disabled_reason: string | null;
}

/** When the scheduler wants the source again, and why (shown by `sources list`). */
export interface NextDue {
  nextDueAt: Date;
  dueReason: string;
}

export interface FetchSuccess extends NextDue {
  at: Date;
  hints?: FeedHints;
  httpStatus: number;
  validators: FetchValidators;
  siteUrl?: string;
  warnings: readonly string[];
  redirectUrl?: string;
}

export interface FetchFailure extends NextDue {
  at: Date;
  httpStatus?: number;
  error: string;
  /** Set when the source must not be fetched again (410 Gone), with why. */
  disable?: string;
}

function toRecord(row: SourceRow): SourceRecord {
  const validators: FetchValidators = {};
  if (row.etag !== null) validators.etag = row.etag;
  if (row.last_modified !== null) validators.lastModified = row.last_modified;
  if (row.body_hash !== null) validators.bodyHash = row.body_hash;
  return {
    id: row.id,
    url: row.url,
    title: row.title,
    siteUrl: row.site_url,
    status: row.status,
    lastFetchAt: row.last_fetch_at,
    lastOkAt: row.last_ok_at,
    httpStatus: row.http_status,
    lastError: row.last_error,
    warnings: row.warnings,
    failures: row.failures,
    validators,
    redirectUrl: row.redirect_url,
    itemCount: row.item_count,
    nextDueAt: row.next_due_at,
    dueReason: row.due_reason,
    hints: row.hints === null ? null : (JSON.parse(row.hints) as FeedHints),
    disabledReason: row.disabled_reason,
  };
}

/** How many of a source's newest items its posting rate is read from. */
export const RECENT_ITEMS = 20;

export function createSourceState(db: Db) {
  const upsert = db.prepare<[string, string, string]>(`
    INSERT INTO sources (id, url, title) VALUES (?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET
      title = excluded.title,
      -- a new URL in config.json starts afresh: old validators, schedule and
      -- a 410 belong to the old URL
      status = CASE WHEN url = excluded.url THEN status ELSE 'never' END,
      disabled_reason = CASE WHEN url = excluded.url THEN disabled_reason END,
      next_due_at = CASE WHEN url = excluded.url THEN next_due_at END,
      failures = CASE WHEN url = excluded.url THEN failures ELSE 0 END,
      etag = CASE WHEN url = excluded.url THEN etag END,
      last_modified = CASE WHEN url = excluded.url THEN last_modified END,
      body_hash = CASE WHEN url = excluded.url THEN body_hash END,
      redirect_url = CASE WHEN url = excluded.url THEN redirect_url END,
      url = excluded.url`);
  const selectAll = db.prepare<[], SourceRow>(`
    SELECT s.*, (SELECT count(*) FROM items i WHERE i.source_id = s.id) AS item_count
    FROM sources s ORDER BY s.id`);
  const selectOne = db.prepare<[string], SourceRow>(`
    SELECT s.*, (SELECT count(*) FROM items i WHERE i.source_id = s.id) AS item_count
    FROM sources s WHERE s.id = ?`);
  const markOk = db.prepare(`
    UPDATE sources SET status = 'ok', last_fetch_at = @at, last_ok_at = @at, http_status = @http_status,
      last_error = NULL, warnings = @warnings, failures = 0, etag = @etag, last_modified = @last_modified,
      body_hash = @body_hash, site_url = coalesce(@site_url, site_url), redirect_url = coalesce(@redirect_url, redirect_url),
      hints = coalesce(@hints, hints), next_due_at = @next_due_at, due_reason = @due_reason
    WHERE id = @id`);
  const markFailed = db.prepare(`
    UPDATE sources SET status = CASE WHEN @disable IS NULL THEN 'failing' ELSE 'disabled' END,
      disabled_reason = @disable, last_fetch_at = @at, http_status = @http_status,
      last_error = @error, failures = failures + 1, next_due_at = @next_due_at, due_reason = @due_reason
    WHERE id = @id`);
  const selectRecentTimes = db.prepare<[string, number], { t: string }>(`
    SELECT coalesce(published_at, first_seen_at) AS t FROM items
    WHERE source_id = ? ORDER BY coalesce(published_at, first_seen_at) DESC LIMIT ?`);

  return {
    /** Makes the sources table know every configured source (ids, URLs, titles). */
    syncSources: db.transaction((sources: readonly { id: string; url: string; title: string }[]) => {
      for (const source of sources) upsert.run(source.id, source.url, source.title);
    }),
    listSources: (): SourceRecord[] => selectAll.all().map(toRecord),
    getSource: (id: string): SourceRecord | undefined => {
      const row = selectOne.get(id);
      return row === undefined ? undefined : toRecord(row);
    },
    recordSuccess: (id: string, success: FetchSuccess): void => {
      markOk.run({
        id,
        at: success.at.toISOString(),
        http_status: success.httpStatus,
        warnings: success.warnings.length > 0 ? success.warnings.join('; ') : null,
        etag: success.validators.etag ?? null,
        last_modified: success.validators.lastModified ?? null,
        body_hash: success.validators.bodyHash ?? null,
        site_url: success.siteUrl ?? null,
        redirect_url: success.redirectUrl ?? null,
        hints: success.hints === undefined ? null : JSON.stringify(success.hints),
        next_due_at: success.nextDueAt.toISOString(),
        due_reason: success.dueReason,
      });
    },
    recordFailure: (id: string, failure: FetchFailure): void => {
      markFailed.run({
        id,
        at: failure.at.toISOString(),
        http_status: failure.httpStatus ?? null,
        error: failure.error,
        disable: failure.disable ?? null,
        next_due_at: failure.nextDueAt.toISOString(),
        due_reason: failure.dueReason,
      });
    },
    /** Publication times of the source's newest items (up to `count`), newest first, for its posting rate. */
    recentItemTimes: (id: string, count = RECENT_ITEMS): Date[] => selectRecentTimes.all(id, count).map((r) => new Date(r.t)),
  };
}

export type SourceState = ReturnType<typeof createSourceState>;
