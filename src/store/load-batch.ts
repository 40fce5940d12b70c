import type { BatchLookup, BatchState, ItemLookup, ItemState, LinkMatch, OwnItem, RecentItem, StoredMatch } from '../update-model.js';
import { readDataVersion } from './content-version.js';
import type { EventIndex } from './event-index.js';
import type { BandIndex } from './near-duplicates.js';
import type { Db } from './open-store.js';

interface OwnRow {
  id: number;
  story_id: number;
  content_hash: string;
  link: string | null;
  canonical_link: string | null;
  fingerprint: string;
  first_seen_at: string;
}

interface MatchRow {
  id: number;
  story_id: number;
}

interface LinkRow extends MatchRow {
  source_id: string;
  link: string | null;
}

const toMatch = (row: MatchRow): StoredMatch => ({ id: row.id, storyId: row.story_id });
const toLinkMatch = (row: LinkRow): LinkMatch => ({ id: row.id, storyId: row.story_id, sourceId: row.source_id, link: row.link });

/**
 * The read of one source's update (Store.loadBatch): for each incoming item
 * what the decision needs, in one read transaction, so every answer comes
 * from the same state of the database.
 */
export function createBatchLoader(db: Db, bands: BandIndex, events: EventIndex) {
  const selectOwn = db.prepare<[string, string], OwnRow>(
    'SELECT id, story_id, content_hash, link, canonical_link, fingerprint, first_seen_at FROM items WHERE source_id = ? AND identity_key = ?',
  );
  const selectTombstone = db.prepare<[string, string], { found: number }>(
    'SELECT 1 AS found FROM tombstones WHERE source_id = ? AND identity_key = ?',
  );
  const allByLink = db.prepare<[string], LinkRow>('SELECT id, story_id, source_id, link FROM items WHERE canonical_link = ? ORDER BY id');
  const firstByFingerprint = db.prepare<[string], MatchRow>('SELECT id, story_id FROM items WHERE fingerprint = ? ORDER BY id LIMIT 1');
  const allByFingerprint = db.prepare<[string], MatchRow>('SELECT id, story_id FROM items WHERE fingerprint = ? ORDER BY id');
  const selectRecent = db.prepare<[string, number], RecentItem>(`
    SELECT id, coalesce(published_at, first_seen_at) AS time FROM items
    WHERE source_id = ? ORDER BY coalesce(published_at, first_seen_at) DESC LIMIT ?`);
  const selectRecentSkipping = db.prepare<[string, string, number], RecentItem>(`
    SELECT id, coalesce(published_at, first_seen_at) AS time FROM items
    WHERE source_id = ? AND id NOT IN (SELECT value FROM json_each(?))
    ORDER BY coalesce(published_at, first_seen_at) DESC LIMIT ?`);

  /** The first rows by id (at most `most`) that are not ones the batch may rewrite. */
  function linkMatches(link: string, most: number, skip: ReadonlySet<number>): LinkMatch[] {
    const found: LinkMatch[] = [];
    for (const row of allByLink.iterate(link)) {
      if (skip.has(row.id)) continue;
      found.push(toLinkMatch(row));
      if (found.length >= most) break;
    }
    return found;
  }

  /** The first row by id that is not one the batch may rewrite. */
  function firstMatch(key: string, first: typeof firstByFingerprint, all: typeof allByFingerprint, skip: ReadonlySet<number>): StoredMatch | undefined {
    if (skip.size === 0) {
      const row = first.get(key);
      return row && toMatch(row);
    }
    for (const row of all.iterate(key)) if (!skip.has(row.id)) return toMatch(row);
    return undefined;
  }

  function lookUpNew(item: ItemLookup, lookup: BatchLookup, skip: ReadonlySet<number>): ItemState {
    if (selectTombstone.get(item.sourceId, item.identityKey)) return { tombstoned: true };
    const found = item.storyLink === null ? [] : linkMatches(item.storyLink, lookup.linkMatches, skip);
    const state: ItemState = found.length === 0 ? {} : { linkMatches: found };
    // Another source's item with the link is the same story; the source's own may be another anchor's post.
    if (found.some((match) => match.sourceId !== item.sourceId)) return state;
    const fingerprintMatch = item.storyFingerprint === null ? undefined : firstMatch(item.storyFingerprint, firstByFingerprint, allByFingerprint, skip);
    if (fingerprintMatch) return { ...state, fingerprintMatch };
    const near = item.bands ? { ...state, near: bands.lookUp(item.sourceId, item.bands, lookup.crowdedAbove, skip) } : state;
    return item.events ? { ...near, events: events.lookUp(item.sourceId, item.events, lookup.eventCrowdedAbove ?? lookup.crowdedAbove) } : near;
  }

  return db.transaction((lookup: BatchLookup): BatchState => {
    const rows = lookup.items.map((item) => selectOwn.get(item.sourceId, item.identityKey));
    // Own items an incoming copy differs from are rewritten by the batch:
    // their link, fingerprint and keys are the decision's to follow.
    const rewritable = new Set<number>();
    lookup.items.forEach((item, index) => {
      const row = rows[index];
      if (row && row.content_hash !== item.contentHash) rewritable.add(row.id);
    });
    const items = lookup.items.map((item, index): ItemState => {
      const row = rows[index];
      if (row === undefined) return lookUpNew(item, lookup, rewritable);
      const own: OwnItem = {
        id: row.id,
        storyId: row.story_id,
        contentHash: row.content_hash,
        link: row.link,
        canonicalLink: row.canonical_link,
        fingerprint: row.fingerprint,
        firstSeenAt: row.first_seen_at,
      };
      if (item.bands && rewritable.has(row.id)) own.bands = bands.bandsOf(row.id);
      return { own };
    });
    const wanted = lookup.recentItems;
    const recentItems =
      wanted === undefined
        ? []
        : rewritable.size === 0
          ? selectRecent.all(wanted.sourceId, wanted.count)
          : selectRecentSkipping.all(wanted.sourceId, JSON.stringify([...rewritable]), wanted.count);
    return { version: readDataVersion(db), items, recentItems };
  });
}
