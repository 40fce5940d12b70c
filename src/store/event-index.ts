import type { EventLookup, EventMember, EventStory } from '../update-model.js';
import type { Db } from './open-store.js';

/**
 * The stories of the open keys' hits, the most shared first. Each hit's story
 * is read from the narrow index items_id_story (migration 8), not from the
 * item's wide row: SQLite's planner takes the rowid look-up into the row
 * otherwise, which for a row larger than a page walks its overflow pages.
 */
export const CANDIDATE_STORIES_SQL = `
    SELECT i.story_id, count(DISTINCT k.event_key) AS hits
    FROM event_keys AS k JOIN items AS i INDEXED BY items_id_story ON i.id = k.item_id
    WHERE k.event_key IN (SELECT value FROM json_each(@keys)) AND k.at BETWEEN @from AND @to
      AND NOT EXISTS (SELECT 1 FROM items AS o WHERE o.story_id = i.story_id AND o.source_id = @source)
    GROUP BY i.story_id HAVING count(DISTINCT k.event_key) >= @min
    ORDER BY hits DESC, i.story_id LIMIT @limit`;

/**
 * The event index (`event_keys`): each report's event keys with its time in
 * hours. Which keys to store and how stories are scored is decided in
 * src/update and src/cluster; here is only the SQL, in plain statements a
 * database server runs as they are (a capped read per key, one grouped
 * join, one bounded read per candidate story).
 */
export function createEventIndex(db: Db) {
  const insertKey = db.prepare<[number, number, number]>('INSERT OR IGNORE INTO event_keys (event_key, at, item_id) VALUES (?, ?, ?)');
  const deleteKeys = db.prepare<[number]>('DELETE FROM event_keys WHERE item_id = ?');
  const setFeatures = db.prepare<[string | null, number]>('UPDATE items SET event_features = ? WHERE id = ?');
  // A key is crowded when its window holds a row past the cap: reading stops
  // there, so a crowded key costs the same at a thousand stored items as at a
  // million. Most keys are crowded; stepping over the rows to the one at the
  // offset costs half of counting them (a coroutine and an aggregate per row).
  const crowdedKey = db.prepare<[number, number, number, number], { crowded: number }>(`
    SELECT 1 AS crowded FROM event_keys WHERE event_key = ? AND at BETWEEN ? AND ? LIMIT 1 OFFSET ?`);
  const selectStories = db.prepare<[{ keys: string; from: number; to: number; source: string; min: number; limit: number }], { story_id: number; hits: number }>(
    CANDIDATE_STORIES_SQL,
  );
  const selectMembers = db.prepare<[number, number], { id: number; story_id: number; source_id: string; event_features: string }>(`
    SELECT id, story_id, source_id, event_features FROM items
    WHERE story_id = ? AND event_features IS NOT NULL ORDER BY story_id, id LIMIT ?`);

  const addKeys = (itemId: number, events: { keys: readonly number[]; at: number }): void => {
    for (const key of new Set(events.keys)) insertKey.run(key, events.at, itemId);
  };

  return {
    /** The candidate stories of another source sharing at least `minShared` of the keys that at most `crowdedAbove` reports in the window have. */
    lookUp(sourceId: string, lookup: EventLookup, crowdedAbove: number): { stories: EventStory[] } {
      const open = lookup.keys.filter((key) => crowdedKey.get(key, lookup.from, lookup.to, crowdedAbove) === undefined);
      if (open.length === 0 || open.length < lookup.minShared) return { stories: [] };
      const found = selectStories.all({ keys: JSON.stringify(open), from: lookup.from, to: lookup.to, source: sourceId, min: lookup.minShared, limit: lookup.stories });
      return {
        stories: found.map((row) => ({
          storyId: row.story_id,
          sharedKeys: row.hits,
          members: selectMembers.all(row.story_id, lookup.members).map((m): EventMember => ({ id: m.id, storyId: m.story_id, sourceId: m.source_id, features: m.event_features })),
        })),
      };
    },
    /** Indexes a new item's keys (its evidence went in with its row). */
    addKeys,
    /** Replaces an item's evidence and keys: an update in place changes its text. */
    replace(itemId: number, events: { keys: readonly number[]; at: number; features: string }): void {
      deleteKeys.run(itemId);
      setFeatures.run(events.features, itemId);
      addKeys(itemId, events);
    },
  };
}

export type EventIndex = ReturnType<typeof createEventIndex>;
