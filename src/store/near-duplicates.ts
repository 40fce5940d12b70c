import type { BandLookup, IndexBand, NearCandidate } from '../update-model.js';
import type { Db } from './open-store.js';

export interface CandidateRow {
  id: number;
  story_id: number;
  source_id: string;
  title: string;
  text: string;
  summary: string;
  content_hash: string;
  story_has_source: number;
}

/**
 * The near-duplicate band index (`item_bands`): each item's LSH band keys
 * with its time in minutes. Which keys to store, and what a candidate must
 * share, is decided in src/update (dedup-rules.ts); here is only the SQL.
 */
export function createBandIndex(db: Db) {
  // Keys travel as one JSON array: one statement per item instead of one per key.
  const insertKeys = db.prepare<[{ keys: string; at: number; id: number }]>(
    'INSERT OR IGNORE INTO item_bands (band_key, at, item_id) SELECT value, @at, @id FROM json_each(@keys)',
  );
  const deleteKeys = db.prepare<[number]>('DELETE FROM item_bands WHERE item_id = ?');
  const selectBands = db.prepare<[number], IndexBand>('SELECT band_key AS key, at FROM item_bands WHERE item_id = ?');
  const countKeys = db.prepare<[{ keys: string; from: number; to: number }], { key: number; n: number }>(`
    SELECT band_key AS key, count(*) AS n FROM item_bands
    WHERE band_key IN (SELECT value FROM json_each(@keys)) AND at BETWEEN @from AND @to
    GROUP BY band_key`);
  const countKeysSkipping = db.prepare<[{ keys: string; from: number; to: number; skip: string }], { key: number; n: number }>(`
    SELECT band_key AS key, count(*) AS n FROM item_bands
    WHERE band_key IN (SELECT value FROM json_each(@keys)) AND at BETWEEN @from AND @to
      AND item_id NOT IN (SELECT value FROM json_each(@skip))
    GROUP BY band_key`);
  const selectSharing = db.prepare<[{ keys: string; from: number; to: number; min: number }], { item_id: number; keys: string }>(`
    SELECT item_id, group_concat(band_key) AS keys FROM item_bands
    WHERE band_key IN (SELECT value FROM json_each(@keys)) AND at BETWEEN @from AND @to
    GROUP BY item_id HAVING count(*) >= @min`);
  // Candidates come from other sources only; whether their story already has
  // an item of this source is the decision's to weigh.
  const selectCandidates = db.prepare<[{ ids: string; source: string }], CandidateRow>(`
    SELECT id, story_id, source_id, title, text, summary, content_hash,
      EXISTS (SELECT 1 FROM items AS o WHERE o.story_id = items.story_id AND o.source_id = @source) AS story_has_source
    FROM items WHERE id IN (SELECT value FROM json_each(@ids)) AND source_id <> @source`);

  return {
    /**
     * Per looked-up key, how many items in the window have it (leaving out
     * `skip`), and the items of other sources sharing at least `minShared`
     * of the keys that at most `crowdedAbove` items have.
     */
    lookUp(sourceId: string, bands: BandLookup, crowdedAbove: number, skip: ReadonlySet<number>): { counts: number[]; candidates: NearCandidate[] } {
      if (bands.keys.length === 0) return { counts: [], candidates: [] };
      const window = { keys: JSON.stringify(bands.keys), from: bands.from, to: bands.to };
      const rows = skip.size === 0 ? countKeys.all(window) : countKeysSkipping.all({ ...window, skip: JSON.stringify([...skip]) });
      const found = new Map(rows.map((row) => [row.key, row.n]));
      const counts = bands.keys.map((key) => found.get(key) ?? 0);
      const open = rows.filter((row) => row.n <= crowdedAbove).map((row) => row.key);
      if (open.length < bands.minShared || open.length === 0) return { counts, candidates: [] };
      const sharing = selectSharing.all({ ...window, keys: JSON.stringify(open), min: bands.minShared });
      if (sharing.length === 0) return { counts, candidates: [] };
      const keysOf = new Map(sharing.map((row) => [row.item_id, row.keys.split(',').map(Number)]));
      const candidates = selectCandidates.all({ ids: JSON.stringify([...keysOf.keys()]), source: sourceId }).map(
        (row): NearCandidate => ({
          id: row.id,
          storyId: row.story_id,
          sourceId: row.source_id,
          sharedKeys: keysOf.get(row.id) ?? [],
          storyHasSource: row.story_has_source === 1,
          title: row.title,
          text: row.text,
          summary: row.summary,
          contentHash: row.content_hash,
        }),
      );
      return { counts, candidates };
    },
    bandsOf: (itemId: number): IndexBand[] => selectBands.all(itemId),
    addKeys(itemId: number, keys: readonly number[], at: number): void {
      if (keys.length > 0) insertKeys.run({ keys: JSON.stringify(keys), at, id: itemId });
    },
    /** After an update in place: the item's text, and so its keys, changed. */
    replaceKeys(itemId: number, keys: readonly number[], at: number): void {
      deleteKeys.run(itemId);
      if (keys.length > 0) insertKeys.run({ keys: JSON.stringify(keys), at, id: itemId });
    },
  };
}

export type BandIndex = ReturnType<typeof createBandIndex>;
