import type { SourceStore } from '../store.js';
import {
  RECENT_ITEMS,
  STATE_COLUMNS,
  toRecord,
  type ConfiguredSource,
  type FetchFailure,
  type FetchSuccess,
  type SourceIdentityRow,
  type SourceRecord,
  type SourceRow,
} from '../source-state.js';
import { CLEAR_CLAIM } from './claims.js';
import type { Query, Sql } from './connect.js';
import type { BatchVersion } from './content-version.js';

/** The sources table on PostgreSQL: the same rules as SQLite's (../source-state.ts), statement for statement. */
export function createPostgresSourceState(sql: Sql, batches: BatchVersion) {
  const isSameFeed = (row: SourceIdentityRow, source: ConfiguredSource): boolean =>
    row.url === source.url || (row.canonical_url !== null && row.canonical_url === (source.canonicalUrl ?? source.url));

  const identity = async (tx: Query, id: string): Promise<SourceIdentityRow | undefined> =>
    (await tx<SourceIdentityRow[]>`SELECT id, url, title, canonical_url FROM sources WHERE id = ${id}`)[0];
  const retired = (tx: Query, id: string) => tx<SourceIdentityRow[]>`SELECT id, url, title, canonical_url FROM sources WHERE retired_from = ${id} ORDER BY id`;
  const rename = (tx: Query, source: ConfiguredSource) =>
    tx`UPDATE sources SET url = ${source.url}, title = ${source.title}, canonical_url = ${source.canonicalUrl ?? source.url} WHERE id = ${source.id}`;

  async function moveFeed(tx: Query, from: string, to: string, retiredFrom: string | null): Promise<void> {
    if (retiredFrom !== null) {
      await tx.unsafe(
        `INSERT INTO sources (id, url, title, canonical_url, retired_from, ${STATE_COLUMNS})
         SELECT $1, url, title, canonical_url, $2, ${STATE_COLUMNS} FROM sources WHERE id = $3`,
        [to, retiredFrom, from],
      );
    } else {
      await tx.unsafe(
        `UPDATE sources SET (url, title, canonical_url, ${STATE_COLUMNS}) = (SELECT url, title, canonical_url, ${STATE_COLUMNS} FROM sources WHERE id = $1) WHERE id = $2`,
        [from, to],
      );
    }
    await tx`UPDATE items SET source_id = ${to} WHERE source_id = ${from}`;
    // SQLite's UPDATE OR REPLACE: a tombstone of the same key already at `to` gives way.
    await tx`DELETE FROM tombstones t WHERE t.source_id = ${to} AND EXISTS (SELECT 1 FROM tombstones f WHERE f.source_id = ${from} AND f.identity_key = t.identity_key)`;
    await tx`UPDATE tombstones SET source_id = ${to} WHERE source_id = ${from}`;
    if (retiredFrom === null) await tx`DELETE FROM sources WHERE id = ${from}`;
  }

  async function retire(tx: Query, id: string): Promise<void> {
    const taken = new Set((await retired(tx, id)).map((row) => row.id));
    let n = 1;
    while (taken.has(`${id}~${n}`) || (await identity(tx, `${id}~${n}`)) !== undefined) n += 1;
    await moveFeed(tx, id, `${id}~${n}`, id);
  }

  async function syncSource(tx: Query, source: ConfiguredSource): Promise<boolean> {
    const canonicalUrl = source.canonicalUrl ?? source.url;
    const row = await identity(tx, source.id);
    if (row !== undefined && isSameFeed(row, source)) {
      if (row.url !== source.url || row.canonical_url !== canonicalUrl) await rename(tx, source);
      else await tx`UPDATE sources SET title = ${source.title} WHERE id = ${source.id} AND title <> ${source.title}`;
      return false;
    }
    if (row !== undefined) await retire(tx, source.id);
    else await tx`INSERT INTO sources (id, url, title, canonical_url) VALUES (${source.id}, ${source.url}, ${source.title}, ${canonicalUrl})`;
    const earlier = (await retired(tx, source.id)).find((r) => isSameFeed(r, source));
    if (earlier !== undefined) await moveFeed(tx, earlier.id, source.id, null);
    if (earlier !== undefined || row !== undefined) {
      if (earlier === undefined) {
        await tx`
          UPDATE sources SET url = ${source.url}, title = ${source.title}, canonical_url = ${canonicalUrl}, site_url = NULL, status = 'never',
            last_fetch_at = NULL, last_ok_at = NULL, http_status = NULL, last_error = NULL, warnings = NULL, failures = 0, etag = NULL,
            last_modified = NULL, body_hash = NULL, redirect_url = NULL, next_due_at = NULL, due_reason = NULL, hints = NULL,
            disabled_reason = NULL, failing_since = NULL, retired_from = NULL
          WHERE id = ${source.id}`;
      } else await rename(tx, source);
    }
    // Items moved between ids: a batch decided before this must be decided again.
    return row !== undefined || earlier !== undefined;
  }

  /** The fetch record's SQL, inside the caller's transaction (applyBatch writes it with the items). */
  async function recordSuccess(tx: Query, id: string, success: FetchSuccess): Promise<void> {
    const at = success.at.toISOString();
    const hints = success.hints === undefined ? null : JSON.stringify(success.hints);
    await tx.unsafe(
      `UPDATE sources SET status = 'ok', last_fetch_at = $2, last_ok_at = $2, failing_since = NULL, http_status = $3,
        last_error = NULL, warnings = $4, failures = 0, etag = $5, last_modified = $6,
        body_hash = $7, site_url = coalesce($8, site_url), redirect_url = coalesce($9, redirect_url),
        hints = coalesce($10, hints), next_due_at = $11, due_reason = $12, ${CLEAR_CLAIM}
      WHERE id = $1`,
      [
        id,
        at,
        success.httpStatus,
        success.warnings.length > 0 ? success.warnings.join('; ') : null,
        success.validators.etag ?? null,
        success.validators.lastModified ?? null,
        success.validators.bodyHash ?? null,
        success.siteUrl ?? null,
        success.redirectUrl ?? null,
        hints,
        success.nextDueAt.toISOString(),
        success.dueReason,
      ],
    );
  }

  const store: SourceStore<'later'> = {
    syncSources: async (sources) => {
      await sql.begin(async (tx) => {
        // Workers that start together sync in turn: the second finds the first's rows.
        await batches.lock(tx);
        let moved = false;
        for (const source of sources) if (await syncSource(tx, source)) moved = true;
        if (moved) await batches.bump(tx);
      });
    },
    listSources: async (): Promise<SourceRecord[]> =>
      (await sql<SourceRow[]>`
        SELECT s.*, (SELECT count(*) FROM items i WHERE i.source_id = s.id) AS item_count
        FROM sources s WHERE s.retired_from IS NULL ORDER BY s.id`).map(toRecord),
    getSource: async (id) => {
      const [row] = await sql<SourceRow[]>`
        SELECT s.*, (SELECT count(*) FROM items i WHERE i.source_id = s.id) AS item_count FROM sources s WHERE s.id = ${id}`;
      return row === undefined ? undefined : toRecord(row);
    },
    recordSuccess: (id, success) => recordSuccess(sql, id, success),
    recordFailure: async (id: string, failure: FetchFailure) => {
      const at = failure.at.toISOString();
      const disable = failure.disable ?? null;
      await sql.unsafe(
        `UPDATE sources SET status = CASE WHEN $2::text IS NULL THEN 'failing' ELSE 'disabled' END,
          disabled_reason = $2, last_fetch_at = $3, http_status = $4,
          failing_since = CASE WHEN status = 'failing' AND failing_since IS NOT NULL THEN failing_since ELSE $3 END,
          last_error = $5, failures = failures + 1, next_due_at = $6, due_reason = $7, ${CLEAR_CLAIM}
        WHERE id = $1`,
        [id, disable, at, failure.httpStatus ?? null, failure.error, failure.nextDueAt.toISOString(), failure.dueReason],
      );
    },
    recentItemTimes: async (id, count = RECENT_ITEMS) =>
      (await sql<{ t: string }[]>`
        SELECT coalesce(published_at, first_seen_at) AS t FROM items
        WHERE source_id = ${id} ORDER BY coalesce(published_at, first_seen_at) DESC LIMIT ${count}`).map((r) => new Date(r.t)),
  };
  return { store, recordSuccess };
}
