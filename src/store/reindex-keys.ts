import type { BandIndex } from './near-duplicates.js';
import type { Db } from './open-store.js';
import type { KeyedText, KeyScheme, ReindexResult } from './store.js';

/** An item as a reindex reads it (here, and on PostgreSQL: postgres/reindex-keys.ts). */
export interface KeyRow {
  id: number;
  title: string;
  summary: string;
  content_html: string;
  text: string;
  content_hash: string;
  /** The minute its band keys are filed under; null when it has none. */
  band_at: number | null;
}

/** Where an unfinished reindex got to, so the next start resumes it. */
export interface Progress {
  version: string;
  after: number;
}

/** Items recomputed per transaction: a crash loses at most one chunk's work, and readers never wait long. */
export const REINDEX_CHUNK = 500;

/** The text a scheme computes an item's keys from. */
export const toKeyedText = (row: KeyRow): KeyedText => ({ title: row.title, summary: row.summary, contentHtml: row.content_html, text: row.text, contentHash: row.content_hash });

/**
 * Store.reindexKeys: the keys items are found by — fingerprints and
 * near-duplicate band keys — computed again under the code's key scheme
 * when the database was keyed under another. The version is in `meta`
 * (`key_scheme`); a database from before versions were recorded was keyed
 * under the first. Items are recomputed in id order, a chunk per
 * transaction, and the last id done is recorded with each chunk
 * (`key_scheme_reindex`), so a reindex cut short by a crash or a stop
 * resumes where it was; the version is recorded with the last chunk. An
 * item keeps its place in the band index (its minute) and gets band keys
 * only if it had some: which items are indexed is the decision's to say
 * (src/update/decide.ts), not the scheme's. `afterCommit` runs after each
 * chunk's commit, as after a batch's: during a cycle, where checkpoints wait
 * for its end, it keeps the WAL of a reindex of millions of items bounded
 * (checkpoints.ts); without it a reindex of a million items grew the WAL
 * past 37 GB.
 */
export function createKeyReindexer(db: Db, bands: BandIndex, afterCommit: () => void = () => undefined) {
  const readMeta = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  const writeMeta = db.prepare<[string, string]>('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const deleteMeta = db.prepare<[string]>('DELETE FROM meta WHERE key = ?');
  const selectChunk = db.prepare<[number, number], KeyRow>(`
    SELECT id, title, summary, content_html, text, content_hash,
      (SELECT at FROM item_bands WHERE item_id = items.id LIMIT 1) AS band_at
    FROM items WHERE id > ? ORDER BY id LIMIT ?`);
  const updateFingerprint = db.prepare<[string, number]>('UPDATE items SET fingerprint = ? WHERE id = ?');

  const progressOf = (version: string): number => {
    const raw = readMeta.get('key_scheme_reindex')?.value;
    if (raw === undefined) return 0;
    const progress = JSON.parse(raw) as Progress;
    return progress.version === version ? progress.after : 0;
  };

  /** One chunk, read, recomputed and written in one transaction: an item a writer changes meanwhile is never overwritten with keys of its old text. */
  const reindexChunk = db.transaction((scheme: KeyScheme, after: number, size: number): { done: number; last: number } => {
    const rows = selectChunk.all(after, size);
    for (const row of rows) {
      const item = toKeyedText(row);
      updateFingerprint.run(scheme.fingerprintOf(item), row.id);
      if (row.band_at !== null) bands.replaceKeys(row.id, scheme.bandKeysOf(item), row.band_at);
    }
    const last = rows.at(-1)?.id ?? after;
    if (rows.length < size) {
      writeMeta.run('key_scheme', scheme.version);
      deleteMeta.run('key_scheme_reindex');
    } else writeMeta.run('key_scheme_reindex', JSON.stringify({ version: scheme.version, after: last } satisfies Progress));
    return { done: rows.length, last };
  });

  return (scheme: KeyScheme, chunk = REINDEX_CHUNK): ReindexResult => {
    const from = readMeta.get('key_scheme')?.value ?? null;
    if (from === scheme.version) return { from, to: scheme.version, items: 0 };
    let after = progressOf(scheme.version);
    let items = 0;
    for (;;) {
      const { done, last } = reindexChunk.immediate(scheme, after, chunk);
      afterCommit();
      items += done;
      after = last;
      if (done < chunk) return { from, to: scheme.version, items };
    }
  };
}
