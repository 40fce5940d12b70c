import { REINDEX_CHUNK, toKeyedText, type KeyRow, type Progress } from '../reindex-keys.js';
import type { KeyScheme, ReindexResult } from '../store.js';
import type { Query, Sql } from './connect.js';
import type { BatchVersion } from './content-version.js';

async function readMeta(tx: Query, key: string): Promise<string | undefined> {
  const [row] = await tx<{ value: string }[]>`SELECT value FROM meta WHERE key = ${key}`;
  return row?.value;
}

async function writeMeta(tx: Query, key: string, value: string): Promise<void> {
  await tx`INSERT INTO meta (key, value) VALUES (${key}, ${value}) ON CONFLICT (key) DO UPDATE SET value = excluded.value`;
}

/**
 * Store.reindexKeys on PostgreSQL: SQLite's (../reindex-keys.ts), the same
 * meta keys, chunks and resumption. Each chunk holds the ingest lock and
 * moves the batch version, since it changes what a batch's decision reads:
 * a batch another worker loaded before the chunk is checked again when it
 * is written. Workers starting together each find the version the first
 * one recorded, or resume its progress.
 */
export function createPostgresKeyReindexer(sql: Sql, batches: BatchVersion) {
  async function reindexChunk(tx: Query, scheme: KeyScheme, after: number, size: number): Promise<{ done: number; last: number; finished: boolean }> {
    await batches.lock(tx);
    // Another worker may have finished, or gone further, while this one waited for the lock.
    if ((await readMeta(tx, 'key_scheme')) === scheme.version) return { done: 0, last: after, finished: true };
    const progress = await readMeta(tx, 'key_scheme_reindex');
    const parsed = progress === undefined ? undefined : (JSON.parse(progress) as Progress);
    const from = parsed?.version === scheme.version ? Math.max(after, parsed.after) : after;
    const rows = await tx<KeyRow[]>`
      SELECT id, title, summary, content_html, text, content_hash,
        (SELECT at FROM item_bands WHERE item_id = items.id LIMIT 1) AS band_at
      FROM items WHERE id > ${from} ORDER BY id LIMIT ${size}`;
    const prints = { id: [] as number[], fingerprint: [] as string[] };
    const bands = { key: [] as number[], at: [] as number[], id: [] as number[] };
    const banded: number[] = [];
    for (const row of rows) {
      const item = toKeyedText(row);
      prints.id.push(row.id);
      prints.fingerprint.push(scheme.fingerprintOf(item));
      if (row.band_at === null) continue;
      banded.push(row.id);
      for (const key of scheme.bandKeysOf(item)) {
        bands.key.push(key);
        bands.at.push(row.band_at);
        bands.id.push(row.id);
      }
    }
    if (rows.length > 0) {
      await batches.nextBatch(tx);
      await tx`UPDATE items SET fingerprint = p.fingerprint
        FROM unnest(${prints.id}::bigint[], ${prints.fingerprint}::text[]) AS p(id, fingerprint) WHERE items.id = p.id`;
    }
    if (banded.length > 0) await tx`DELETE FROM item_bands WHERE item_id = ANY(${banded}::bigint[])`;
    if (bands.key.length > 0) {
      await tx`INSERT INTO item_bands (band_key, at, item_id)
        SELECT * FROM unnest(${bands.key}::bigint[], ${bands.at}::bigint[], ${bands.id}::bigint[]) ON CONFLICT DO NOTHING`;
    }
    const last = rows.at(-1)?.id ?? from;
    const finished = rows.length < size;
    if (finished) {
      await writeMeta(tx, 'key_scheme', scheme.version);
      await tx`DELETE FROM meta WHERE key = 'key_scheme_reindex'`;
    } else await writeMeta(tx, 'key_scheme_reindex', JSON.stringify({ version: scheme.version, after: last } satisfies Progress));
    return { done: rows.length, last, finished };
  }

  return async (scheme: KeyScheme, chunk = REINDEX_CHUNK): Promise<ReindexResult> => {
    const from = (await readMeta(sql, 'key_scheme')) ?? null;
    if (from === scheme.version) return { from, to: scheme.version, items: 0 };
    let after = 0;
    let items = 0;
    for (;;) {
      const { done, last, finished } = (await sql.begin((tx) => reindexChunk(tx, scheme, after, chunk))) as { done: number; last: number; finished: boolean };
      items += done;
      after = last;
      if (finished) return { from, to: scheme.version, items };
    }
  };
}
