import type { StoredItem, StoredStory } from '../model.js';
import type { Db } from './open-store.js';
import { itemColumns, toStoredItem, type ItemRow } from './item-rows.js';

/** Reads stories for topic feeds, search and explain. Only SELECTs. */
export function createStoryReads(db: Db) {
  const selectTopicStories = db.prepare<[string, number], { story_id: number }>(`
    SELECT s.id AS story_id FROM stories s
    WHERE s.id IN (SELECT story_id FROM item_topics WHERE topic_id = ?)
    ORDER BY s.sort_date DESC, s.id DESC LIMIT ?`);
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
  const selectCounts = db.prepare<[], { items: number; stories: number }>(
    'SELECT (SELECT count(*) FROM items) AS items, (SELECT count(*) FROM stories) AS stories',
  );
  const selectVersion = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'content_version'");

  function readStory(storyId: number): StoredStory | undefined {
    const story = selectStory.get(storyId);
    if (!story) return undefined;
    const [face, ...others] = selectStoryItems.all(storyId).map(toStoredItem);
    if (!face) return undefined;
    return { id: story.id, uid: story.uid, face, others };
  }

  return {
    readStory,
    /** A topic's stories, newest first (by the face item's date). */
    listTopicStories: (topicId: string, limit: number): StoredStory[] =>
      selectTopicStories
        .all(topicId, limit)
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
    countAll: (): { items: number; stories: number } => selectCounts.get() ?? { items: 0, stories: 0 },
    /** Changes whenever what the topic feeds show may have changed. */
    readContentVersion: (): string => selectVersion.get()?.value ?? '0',
  };
}

export type StoryReads = ReturnType<typeof createStoryReads>;
