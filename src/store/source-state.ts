import type { FetchValidators } from '../model.js';
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
}

export interface FetchSuccess {
  at: Date;
  httpStatus: number;
  validators: FetchValidators;
  siteUrl?: string;
  warnings: readonly string[];
  redirectUrl?: string;
}

export interface FetchFailure {
  at: Date;
  httpStatus?: number;
  error: string;
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
  };
}

export function createSourceState(db: Db) {
  const upsert = db.prepare<[string, string, string]>(`
    INSERT INTO sources (id, url, title) VALUES (?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET
      title = excluded.title,
      -- a new URL in config.json starts afresh: old validators belong to the old URL
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
      body_hash = @body_hash, site_url = coalesce(@site_url, site_url), redirect_url = coalesce(@redirect_url, redirect_url)
    WHERE id = @id`);
  const markFailed = db.prepare(`
    UPDATE sources SET status = 'failing', last_fetch_at = @at, http_status = @http_status,
      last_error = @error, failures = failures + 1
    WHERE id = @id`);

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
      });
    },
    recordFailure: (id: string, failure: FetchFailure): void => {
      markFailed.run({ id, at: failure.at.toISOString(), http_status: failure.httpStatus ?? null, error: failure.error });
    },
  };
}

export type SourceState = ReturnType<typeof createSourceState>;
