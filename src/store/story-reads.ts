import type { StoredItem, StoredStory } from '../model.js';
import type { ContentVersion } from './content-version.js';
import type { Db } from './open-store.js';
import { itemColumns, toStoredItem, type ItemRow } from './item-rows.js';

/** How many of the newest stories a topic feed looks through before reading the whole topic. */
const NEWEST_WINDOW = 5000;

/** Reads stories for topic feeds, search and explain. Only SELECTs. */
export function createStoryReads(db: Db, version: ContentVersion) {
  const selectTopicStories = db.prepare<[string, string, number], { story_id: number }>(`
    SELECT s.id AS story_id FROM stories s
    WHERE s.id IN (SELECT story_id FROM item_topics WHERE topic_id = ?) AND s.sort_date >= ?
    ORDER BY s.sort_date DESC, s.id DESC LIMIT ?`);
  // The same answer when it finds `limit` stories: it walks only the newest
  // stories (the stories_sort index) and probes each one's membership, so
  // its cost does not grow with the topic's size, which the query above
  // collects and sorts whole (~100 ms for a topic of 80k stories).
  const selectTopicStoriesAmongNewest = db.prepare<[number, string, string, number], { story_id: number }>(`
    SELECT w.id AS story_id FROM (SELECT id, sort_date FROM stories ORDER BY sort_date DESC, id DESC LIMIT ?) w
    WHERE EXISTS (SELECT 1 FROM item_topics t WHERE t.topic_id = ? AND t.story_id = w.id) AND w.sort_date >= ?
    ORDER BY w.sort_date DESC, w.id DESC LIMIT ?`);
  const selectNewestStories = db.prepare<[number], { story_id: number }>('SELECT id AS story_id FROM stories ORDER BY sort_date DESC, id DESC LIMIT ?');
  const selectStory = db.prepare<[number], { id: number; uid: string }>('SELECT id, uid FROM stories WHERE id = ?');
  const selectStoryItems = db.prepare<[number], ItemRow>(
    `SELECT ${itemColumns} FROM items WHERE story_id = ? ORDER BY id`,
  );
  const selectItemById = db.prepare<[number], ItemRow>(`SELECT ${itemColumns} FROM items WHERE id = ?`);
  const selectItemsByLink = db.prepare<[string, string], ItemRow>(
    `SELECT ${itemColumns} FROM items WHERE link = ? OR canonical_link = ? ORDER BY id`,
  );
  const selectRecent = db.prepare<[], ItemRow>(
    `SELECT ${itemColumns} FROM items ORDER BY coalesce(published_at, first_seen_at) DESC, id DESC`,
  );
  const selectRecentFiltered = db.prepare<[{ source: string | null; topic: string | null; limit: number }], ItemRow>(
    `SELECT ${itemColumns} FROM items
     WHERE (@source IS NULL OR source_id = @source)
       AND (@topic IS NULL OR id IN (SELECT item_id FROM item_topics WHERE topic_id = @topic))
     ORDER BY coalesce(published_at, first_seen_at) DESC, id DESC LIMIT @limit`,
  );
  const selectCounts = db.prepare<[], { items: number; stories: number }>(
    'SELECT (SELECT count(*) FROM items) AS items, (SELECT count(*) FROM stories) AS stories',
  );

  /**
   * A rare topic has fewer than `limit` stories among the newest; only then is
   * it read whole. `since` (ISO) leaves out stories dated before it; sort
   * dates are ISO strings, so "" leaves out none.
   */
  function listTopicStoryIds(topicId: string, limit: number, since: string): { story_id: number }[] {
    const newest = selectTopicStoriesAmongNewest.all(Math.max(NEWEST_WINDOW, limit * 20), topicId, since, limit);
    return newest.length >= limit ? newest : selectTopicStories.all(topicId, since, limit);
  }

  function readStory(storyId: number): StoredStory | undefined {
    const story = selectStory.get(storyId);
    if (!story) return undefined;
    const [face, ...others] = selectStoryItems.all(storyId).map(toStoredItem);
    if (!face) return undefined;
    return { id: story.id, uid: story.uid, face, others };
  }

  return {
    readStory,
    /** A topic's stories, newest first (by the face item's date), none dated before `since` when given. */
    listTopicStories: (topicId: string, limit: number, since?: Date): StoredStory[] =>
      listTopicStoryIds(topicId, limit, since?.toISOString() ?? '')
        .map((r) => readStory(r.story_id))
        .filter((s): s is StoredStory => s !== undefined),
    /** The newest stories (by their face's date, then id), of one topic when given. */
    listStories: (filter: { topicId?: string; limit: number }): StoredStory[] =>
      (filter.topicId === undefined ? selectNewestStories.all(filter.limit) : listTopicStoryIds(filter.topicId, filter.limit, ''))
        .map((r) => readStory(r.story_id))
        .filter((s): s is StoredStory => s !== undefined),
    /** An item by numeric id or by its (canonical) link. */
    findItems: (ref: string): StoredItem[] => {
      if (/^\d+$/.test(ref)) {
        const row = selectItemById.get(Number(ref));
        return row ? [toStoredItem(row)] : [];
      }
      return selectItemsByLink.all(ref, ref).map(toStoredItem);
    },
    /** All items, newest first, streamed (for search). */
    iterateRecentItems: function* (): Generator<StoredItem> {
      for (const row of selectRecent.iterate()) yield toStoredItem(row);
    },
    /** The newest items (`items`), of one source and/or one topic when given. */
    listRecentItems: (filter: { sourceId?: string; topicId?: string; limit: number }): StoredItem[] =>
      selectRecentFiltered.all({ source: filter.sourceId ?? null, topic: filter.topicId ?? null, limit: filter.limit }).map(toStoredItem),
    countAll: (): { items: number; stories: number } => selectCounts.get() ?? { items: 0, stories: 0 },
    /** Changes whenever what the topic feeds show may have changed. */
    readContentVersion: version.read,
  };
}

export type StoryReads = ReturnType<typeof createStoryReads>;
