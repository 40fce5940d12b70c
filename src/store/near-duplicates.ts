import type { NormalizedItem } from '../model.js';
import type { Db } from './open-store.js';

/**
 * Near-duplicate detection as ingest uses it. The logic (shingles, MinHash,
 * verification) is injected — topicwire's is src/cluster — and the store
 * keeps only the index and the SQL.
 */
export interface NearDuplicateMatcher {
  /** Only items dated within this many milliseconds either side are compared. */
  windowMs: number;
  /** A candidate joins when its score is at least this. */
  threshold: number;
  prepare(item: NormalizedItem): NearDuplicateProbe;
}

export interface NearDuplicateProbe {
  /** Index keys (LSH bands): stored with the item; a near-duplicate shares several. */
  keys: readonly number[];
  /** The verified score of a candidate, in [0, 1]. */
  score(candidate: NearDuplicateCandidate): number;
}

/** What verification reads of a stored item: its text, not its HTML. */
export type NearDuplicateCandidate = Pick<NormalizedItem, 'title' | 'text' | 'summary' | 'contentHash'>;

interface CandidateRow {
  id: number;
  story_id: number;
  title: string;
  text: string;
  summary: string;
  content_hash: string;
}

export interface NearDuplicateMatch {
  storyId: number;
  itemId: number;
  score: number;
}

/**
 * A candidate must share at least this many keys. One shared band is what
 * chance gives texts that merely use the same words; copies share most bands
 * and rewrites several, so asking for two removes most verification work.
 */
const MIN_SHARED_KEYS = 2;
/** Candidates sharing the most keys are verified first, and at most this many. */
const MAX_CANDIDATES = 5;
/**
 * A key that this many items in the window share says nothing (texts built
 * from a tiny vocabulary, a feed's fixed boilerplate lead): it is skipped, as
 * LSH skips overfull buckets, which also bounds the work of one lookup.
 */
const CROWDED_KEY = 64;

/** The index stores times in minutes since the epoch: fine enough for a window of hours, and small. */
const MINUTE = 60_000;

/** Where an item sits in the window: its date, else when it was first seen. */
export function windowTime(item: Pick<NormalizedItem, 'publishedAt'>, now: string): number {
  const time = Date.parse(item.publishedAt ?? now);
  return Math.floor((Number.isNaN(time) ? Date.parse(now) : time) / MINUTE);
}

export function createNearDuplicateIndex(db: Db) {
  // Keys travel as one JSON array: one statement per item instead of one per key.
  const insertKeys = db.prepare<[{ keys: string; at: number; id: number }]>(
    'INSERT OR IGNORE INTO item_bands (band_key, at, item_id) SELECT value, @at, @id FROM json_each(@keys)',
  );
  const deleteKeys = db.prepare<[number]>('DELETE FROM item_bands WHERE item_id = ?');
  const selectHits = db.prepare<[{ keys: string; from: number; to: number; crowded: number; min: number }], { item_id: number; hits: number }>(`
    WITH found AS (
      SELECT band_key, item_id FROM item_bands
      WHERE band_key IN (SELECT value FROM json_each(@keys)) AND at BETWEEN @from AND @to
    ),
    useful AS (SELECT band_key FROM found GROUP BY band_key HAVING count(*) <= @crowded)
    SELECT item_id, count(*) AS hits FROM found
    WHERE band_key IN (SELECT band_key FROM useful)
    GROUP BY item_id HAVING count(*) >= @min
    ORDER BY hits DESC, item_id`);
  // Candidates come from other sources only, and never from a story that
  // source already has an item in: one outlet's items are its own different
  // stories, however alike its templates make them.
  const selectCandidate = db.prepare<[{ id: number; source: string }], CandidateRow>(`
    SELECT id, story_id, title, text, summary, content_hash FROM items
    WHERE id = @id AND source_id <> @source
      AND NOT EXISTS (SELECT 1 FROM items AS o WHERE o.story_id = items.story_id AND o.source_id = @source)`);

  /** Items in the window sharing at least MIN_SHARED_KEYS keys, most shared first. */
  function findCandidates(keys: readonly number[], at: number, windowMs: number): number[] {
    if (keys.length === 0) return [];
    const window = Math.ceil(windowMs / MINUTE);
    const rows = selectHits.all({ keys: JSON.stringify(keys), from: at - window, to: at + window, crowded: CROWDED_KEY, min: Math.min(MIN_SHARED_KEYS, keys.length) });
    return rows.map((row) => row.item_id);
  }

  return {
    /** The best-scoring stored near-duplicate at or above the threshold, if any. */
    findNearDuplicate(item: NormalizedItem, probe: NearDuplicateProbe, matcher: NearDuplicateMatcher, at: number): NearDuplicateMatch | undefined {
      let best: NearDuplicateMatch | undefined;
      let verified = 0;
      for (const id of findCandidates(probe.keys, at, matcher.windowMs)) {
        const row = selectCandidate.get({ id, source: item.sourceId });
        if (row === undefined) continue;
        const score = probe.score({ title: row.title, text: row.text, summary: row.summary, contentHash: row.content_hash });
        if (score >= matcher.threshold && (best === undefined || score > best.score)) best = { storyId: row.story_id, itemId: row.id, score };
        verified += 1;
        if (verified === MAX_CANDIDATES) break;
      }
      return best;
    },
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
