import { StoreError } from '../errors.js';
import type { ContentVersion } from './content-version.js';
import type { Db } from './open-store.js';

export interface JoinResult {
  /** The story both items are in now. */
  story: string;
  /** The story that was merged into it and is gone (null when both were in one story already). */
  absorbed: string | null;
  /** The items that moved. */
  moved: number[];
}

/**
 * `stories join A B`: the items of B's story join A's, or the other way round:
 * a story's face is its oldest item and its id derives from the face, so the
 * story whose face is older keeps its face and id, and the other entry leaves
 * the feeds. Joining an item with one it was split from restores the story
 * `stories split` divided, id included. A and B are no longer kept apart.
 */
export function createStoryJoiner(db: Db, version: ContentVersion) {
  const selectStory = db.prepare<[number], { story_id: number }>('SELECT story_id FROM items WHERE id = ?');
  const selectFace = db.prepare<[number], { face: number; uid: string }>(
    'SELECT min(i.id) AS face, s.uid AS uid FROM items i JOIN stories s ON s.id = i.story_id WHERE i.story_id = ?',
  );
  const selectMembers = db.prepare<[number], { id: number }>('SELECT id FROM items WHERE story_id = ? ORDER BY id');
  const moveItems = db.prepare<[number, number]>('UPDATE items SET story_id = ? WHERE story_id = ?');
  const moveTopics = db.prepare<[number, number]>('UPDATE item_topics SET story_id = ? WHERE story_id = ?');
  const markJoined = db.prepare<[number, number]>("UPDATE items SET merge_reason = 'joined', merged_with = ?, merge_score = NULL WHERE id = ?");
  const attach = db.prepare<[number]>('UPDATE items SET detached = 0 WHERE id = ?');
  const deleteStory = db.prepare<[number]>('DELETE FROM stories WHERE id = ?');

  const join = db.transaction((itemA: number, itemB: number): JoinResult => {
    const storyOf = (id: number): number => {
      const row = selectStory.get(id);
      if (!row) throw new StoreError(`no stored item ${id}`);
      return row.story_id;
    };
    const storyA = storyOf(itemA);
    const storyB = storyOf(itemB);
    attach.run(itemA);
    attach.run(itemB);
    const faceA = selectFace.get(storyA);
    const faceB = selectFace.get(storyB);
    if (!faceA || !faceB) throw new StoreError(`item ${itemA} or ${itemB} has no story`);
    if (storyA === storyB) return { story: faceA.uid, absorbed: null, moved: [] };
    const [keep, gone, keptItem] = faceA.face < faceB.face ? [storyA, storyB, itemA] : [storyB, storyA, itemB];
    const [kept, absorbed] = keep === storyA ? [faceA, faceB] : [faceB, faceA];
    const moved = selectMembers.all(gone).map((r) => r.id);
    moveItems.run(keep, gone);
    moveTopics.run(keep, gone);
    // The absorbed story's face started it; now it joined this one, by hand.
    markJoined.run(keptItem, absorbed.face);
    deleteStory.run(gone);
    version.bump();
    return { story: kept.uid, absorbed: absorbed.uid, moved };
  });
  return (itemA: number, itemB: number): JoinResult => join.immediate(itemA, itemB);
}
