import { StoreError } from '../errors.js';
import type { ContentVersion } from './content-version.js';
import type { Db } from './open-store.js';
import { deriveStoryUid } from './story-keys.js';

export interface SplitResult {
  itemId: number;
  /** The split item's story: its id is derived from the item, as every story's is from its face. */
  itemStory: string;
  /** The story the other items are in now (null when the item was already alone). */
  othersStory: string | null;
  /** The other items, now apart from the split item. */
  others: number[];
}

export interface MemberRow {
  id: number;
  source_id: string;
  identity_key: string;
  published_at: string | null;
  first_seen_at: string;
}

/**
 * `stories split ITEM`: detaches an item from its story for good. It is
 * marked detached, so later ingests never move it (an update in place keeps
 * its story, and no rule ever moves a stored item).
 *
 * A story's id is derived from its face, so the face never changes silently.
 * When the split item is not the face, it moves to a new story of its own.
 * When it is the face, it keeps its story, and its id, and the other items
 * move to a new story whose face, and id, is the next of them: the feeds keep
 * the entry readers know, and the rest appears as a new entry.
 */
export function createStorySplitter(db: Db, version: ContentVersion) {
  const selectItem = db.prepare<[number], { story_id: number }>('SELECT story_id FROM items WHERE id = ?');
  const selectMembers = db.prepare<[number], MemberRow>(
    'SELECT id, source_id, identity_key, published_at, first_seen_at FROM items WHERE story_id = ? ORDER BY id',
  );
  const selectUid = db.prepare<[number], { uid: string }>('SELECT uid FROM stories WHERE id = ?');
  const insertStory = db.prepare<[string, string, string]>('INSERT INTO stories (uid, sort_date, created_at) VALUES (?, ?, ?)');
  const detach = db.prepare<[number]>(
    'UPDATE items SET detached = 1, merge_reason = NULL, merged_with = NULL, merge_score = NULL WHERE id = ?',
  );
  // The new face started its story: how it once joined the old one no longer applies.
  const clearMerge = db.prepare<[number]>('UPDATE items SET merge_reason = NULL, merged_with = NULL, merge_score = NULL WHERE id = ?');
  const moveItem = db.prepare<[number, number]>('UPDATE items SET story_id = ? WHERE id = ?');
  const moveTopics = db.prepare<[number, number]>('UPDATE item_topics SET story_id = ? WHERE item_id = ?');

  function startStory(face: MemberRow, now: string): { id: number; uid: string } {
    const uid = deriveStoryUid({ sourceId: face.source_id, identityKey: face.identity_key });
    try {
      return { id: Number(insertStory.run(uid, face.published_at ?? face.first_seen_at, now).lastInsertRowid), uid };
    } catch (error) {
      throw new StoreError(`cannot start story ${uid} for item ${face.id}`, { cause: error });
    }
  }

  function move(items: readonly MemberRow[], storyId: number): void {
    for (const item of items) {
      moveItem.run(storyId, item.id);
      moveTopics.run(storyId, item.id);
    }
  }

  const split = db.transaction((itemId: number, now: Date): SplitResult => {
    const item = selectItem.get(itemId);
    if (!item) throw new StoreError(`no stored item ${itemId}`);
    const uid = selectUid.get(item.story_id)?.uid ?? '';
    const members = selectMembers.all(item.story_id);
    const others = members.filter((m) => m.id !== itemId);
    const split = members.find((m) => m.id === itemId);
    detach.run(itemId);
    version.bump();
    const next = others[0];
    if (split === undefined || next === undefined) return { itemId, itemStory: uid, othersStory: null, others: [] };
    const otherIds = others.map((o) => o.id);
    if (members[0] === split) {
      const story = startStory(next, now.toISOString());
      move(others, story.id);
      clearMerge.run(next.id);
      return { itemId, itemStory: uid, othersStory: story.uid, others: otherIds };
    }
    const story = startStory(split, now.toISOString());
    move([split], story.id);
    return { itemId, itemStory: story.uid, othersStory: uid, others: otherIds };
  });
  return (itemId: number, now: Date): SplitResult => split.immediate(itemId, now);
}

export type StorySplitter = ReturnType<typeof createStorySplitter>;
