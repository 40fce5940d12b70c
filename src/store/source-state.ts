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
  /** When its current run of failures began (the first failure, for a source that never succeeded); null unless failing. */
  failingSince: string | null;
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

export interface SourceRow {
  id: string;
  url: string;
  title: string;
  site_url: string | null;
  status: SourceStatus;
  last_fetch_at: string | null;
  last_ok_at: string | null;
  failing_since: string | null;
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

export function toRecord(row: SourceRow): SourceRecord {
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
    failingSince: row.failing_since,
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

/** A configured source as the store is told of it. */
export interface ConfiguredSource {
  id: string;
  url: string;
  title: string;
  /** The URL in canonical form (config's canonicalSourceUrl): the same feed however it is written. Defaults to `url`. */
  canonicalUrl?: string;
}

export interface SourceIdentityRow {
  id: string;
  url: string;
  title: string;
  canonical_url: string | null;
}

/** What fetching a feed taught the store: it stays with that feed, never with its id. */
export const STATE_COLUMNS =
  'site_url, status, last_fetch_at, last_ok_at, http_status, last_error, warnings, failures, etag, last_modified, body_hash, redirect_url, next_due_at, due_reason, hints, disabled_reason, failing_since';

/** How many of a source's newest items its posting rate is read from. */
export const RECENT_ITEMS = 20;

export function createSourceState(db: Db) {
  const selectIdentity = db.prepare<[string], SourceIdentityRow>('SELECT id, url, title, canonical_url FROM sources WHERE id = ?');
  const selectRetired = db.prepare<[string], SourceIdentityRow>('SELECT id, url, title, canonical_url FROM sources WHERE retired_from = ? ORDER BY id');
  const insertSource = db.prepare<[string, string, string, string]>('INSERT INTO sources (id, url, title, canonical_url) VALUES (?, ?, ?, ?)');
  const renameFeed = db.prepare<[string, string, string, string]>('UPDATE sources SET url = ?, title = ?, canonical_url = ? WHERE id = ?');
  const copyToRetired = db.prepare<[string, string, string]>(
    `INSERT INTO sources (id, url, title, canonical_url, retired_from, ${STATE_COLUMNS})
     SELECT ?, url, title, canonical_url, ?, ${STATE_COLUMNS} FROM sources WHERE id = ?`,
  );
  const copyState = db.prepare<[string, string]>(
    `UPDATE sources SET (url, title, canonical_url, ${STATE_COLUMNS}) = (SELECT url, title, canonical_url, ${STATE_COLUMNS} FROM sources WHERE id = ?) WHERE id = ?`,
  );
  const resetState = db.prepare<[string, string, string, string]>(`
    UPDATE sources SET url = ?, title = ?, canonical_url = ?, site_url = NULL, status = 'never', last_fetch_at = NULL,
      last_ok_at = NULL, http_status = NULL, last_error = NULL, warnings = NULL, failures = 0, etag = NULL,
      last_modified = NULL, body_hash = NULL, redirect_url = NULL, next_due_at = NULL, due_reason = NULL, hints = NULL,
      disabled_reason = NULL, failing_since = NULL, retired_from = NULL
    WHERE id = ?`);
  const moveItems = db.prepare<[string, string]>('UPDATE items SET source_id = ? WHERE source_id = ?');
  const moveTombstones = db.prepare<[string, string]>('UPDATE OR REPLACE tombstones SET source_id = ? WHERE source_id = ?');
  const deleteSource = db.prepare<[string]>('DELETE FROM sources WHERE id = ?');
  const selectAll = db.prepare<[], SourceRow>(`
    SELECT s.*, (SELECT count(*) FROM items i WHERE i.source_id = s.id) AS item_count
    FROM sources s WHERE s.retired_from IS NULL ORDER BY s.id`);
  const selectOne = db.prepare<[string], SourceRow>(`
    SELECT s.*, (SELECT count(*) FROM items i WHERE i.source_id = s.id) AS item_count
    FROM sources s WHERE s.id = ?`);
  const markOk = db.prepare(`
    UPDATE sources SET status = 'ok', last_fetch_at = @at, last_ok_at = @at, failing_since = NULL, http_status = @http_status,
      last_error = NULL, warnings = @warnings, failures = 0, etag = @etag, last_modified = @last_modified,
      body_hash = @body_hash, site_url = coalesce(@site_url, site_url), redirect_url = coalesce(@redirect_url, redirect_url),
      hints = coalesce(@hints, hints), next_due_at = @next_due_at, due_reason = @due_reason
    WHERE id = @id`);
  const markFailed = db.prepare(`
    UPDATE sources SET status = CASE WHEN @disable IS NULL THEN 'failing' ELSE 'disabled' END,
      disabled_reason = @disable, last_fetch_at = @at, http_status = @http_status,
      failing_since = CASE WHEN status = 'failing' AND failing_since IS NOT NULL THEN failing_since ELSE @at END,
      last_error = @error, failures = failures + 1, next_due_at = @next_due_at, due_reason = @due_reason
    WHERE id = @id`);
  const selectRecentTimes = db.prepare<[string, number], { t: string }>(`
    SELECT coalesce(published_at, first_seen_at) AS t FROM items
    WHERE source_id = ? ORDER BY coalesce(published_at, first_seen_at) DESC LIMIT ?`);

  // The URL as written, or its canonical form: a later change to the canonical
  // rules must never make every configured feed look new.
  const isSameFeed = (row: SourceIdentityRow, source: ConfiguredSource): boolean =>
    row.url === source.url || (row.canonical_url !== null && row.canonical_url === (source.canonicalUrl ?? source.url));

  /** Moves a feed's row and items from `from` to `to` (a retired id, or back to its own id). */
  function moveFeed(from: string, to: string, retiredFrom: string | null): void {
    if (retiredFrom !== null) copyToRetired.run(to, retiredFrom, from);
    else copyState.run(from, to);
    moveItems.run(to, from);
    moveTombstones.run(to, from);
    if (retiredFrom === null) deleteSource.run(from);
  }

  function retire(id: string): void {
    const taken = new Set(selectRetired.all(id).map((row) => row.id));
    let n = 1;
    while (taken.has(`${id}~${n}`) || selectIdentity.get(`${id}~${n}`) !== undefined) n += 1;
    // "~" is never in a configured id (lower-case letters, digits, "-", "_"), so a retired id never meets one.
    moveFeed(id, `${id}~${n}`, id);
  }

  /**
   * A configured id that names the same feed as before keeps everything; one
   * that now names another feed (`sources remove` and `sources add` of
   * another URL, or an edited "url") starts afresh, and the feed it named
   * before keeps its items, validators, schedule and site link under a
   * retired id, to be given back if it is configured under this id again.
   */
  function syncSource(source: ConfiguredSource): void {
    const canonicalUrl = source.canonicalUrl ?? source.url;
    const row = selectIdentity.get(source.id);
    if (row !== undefined && isSameFeed(row, source)) {
      // Written only when changed: a command that merely reads (sources list, search) then takes no write
      // lock, and never waits for, or fails on, a daemon's long write.
      if (row.url !== source.url || row.title !== source.title || row.canonical_url !== canonicalUrl) renameFeed.run(source.url, source.title, canonicalUrl, source.id);
      return;
    }
    if (row !== undefined) retire(source.id);
    else insertSource.run(source.id, source.url, source.title, canonicalUrl);
    const earlier = selectRetired.all(source.id).find((retired) => isSameFeed(retired, source));
    if (earlier !== undefined) moveFeed(earlier.id, source.id, null);
    if (earlier !== undefined || row !== undefined) {
      if (earlier === undefined) resetState.run(source.url, source.title, canonicalUrl, source.id);
      else renameFeed.run(source.url, source.title, canonicalUrl, source.id);
    }
  }

  return {
    /** Makes the sources table know every configured source (ids, URLs, titles), each with its own history. */
    syncSources: db.transaction((sources: readonly ConfiguredSource[]) => {
      for (const source of sources) syncSource(source);
    }),
    /** Every source but the retired ones (feeds whose id was given to another feed). */
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
