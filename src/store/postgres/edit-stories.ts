import { StoreError } from '../../errors.js';
import type { JoinResult } from '../join-stories.js';
import type { MemberRow, SplitResult } from '../split-story.js';
import { deriveStoryUid } from '../story-keys.js';
import type { Query, Sql } from './connect.js';
import type { BatchVersion, PostgresContentVersion } from './content-version.js';

/**
 * `stories split` and `stories join` (../split-story.ts, ../join-stories.ts)
 * on PostgreSQL, each one transaction under the ingest lock: they move items
 * between stories, which every batch decided before them must see.
 */
export function createPostgresStoryEdits(sql: Sql, parts: { version: PostgresContentVersion; batches: BatchVersion }) {
  async function storyOf(tx: Query, itemId: number): Promise<number> {
    const [row] = await tx<{ story_id: number }[]>`SELECT story_id FROM items WHERE id = ${itemId}`;
    if (!row) throw new StoreError(`no stored item ${itemId}`);
    return row.story_id;
  }

  async function startStory(tx: Query, face: MemberRow, now: string): Promise<{ id: number; uid: string }> {
    const uid = deriveStoryUid({ sourceId: face.source_id, identityKey: face.identity_key });
    try {
      const [row] = await tx<{ id: number }[]>`INSERT INTO stories (uid, sort_date, created_at) VALUES (${uid}, ${face.published_at ?? face.first_seen_at}, ${now}) RETURNING id`;
      return { id: row?.id ?? 0, uid };
    } catch (error) {
      throw new StoreError(`cannot start story ${uid} for item ${face.id}`, { cause: error });
    }
  }

  async function move(tx: Query, ids: readonly number[], storyId: number): Promise<void> {
    await tx`UPDATE items SET story_id = ${storyId} WHERE id = ANY(${ids as number[]}::bigint[])`;
    await tx`UPDATE item_topics SET story_id = ${storyId} WHERE item_id = ANY(${ids as number[]}::bigint[])`;
  }

  const splitItem = (itemId: number, now: Date): Promise<SplitResult> =>
    sql.begin(async (tx) => {
      await parts.batches.bump(tx);
      const storyId = await storyOf(tx, itemId);
      const [story] = await tx<{ uid: string }[]>`SELECT uid FROM stories WHERE id = ${storyId}`;
      const uid = story?.uid ?? '';
      const members = await tx<MemberRow[]>`SELECT id, source_id, identity_key, published_at, first_seen_at FROM items WHERE story_id = ${storyId} ORDER BY id`;
      const others = members.filter((m) => m.id !== itemId);
      const split = members.find((m) => m.id === itemId);
      await tx`UPDATE items SET detached = 1, merge_reason = NULL, merged_with = NULL, merge_score = NULL WHERE id = ${itemId}`;
      await parts.version.bump(tx);
      const next = others[0];
      if (split === undefined || next === undefined) return { itemId, itemStory: uid, othersStory: null, others: [] };
      const otherIds = others.map((o) => o.id);
      if (members[0] === split) {
        const started = await startStory(tx, next, now.toISOString());
        await move(tx, otherIds, started.id);
        await tx`UPDATE items SET merge_reason = NULL, merged_with = NULL, merge_score = NULL WHERE id = ${next.id}`;
        return { itemId, itemStory: uid, othersStory: started.uid, others: otherIds };
      }
      const started = await startStory(tx, split, now.toISOString());
      await move(tx, [split.id], started.id);
      return { itemId, itemStory: started.uid, othersStory: uid, others: otherIds };
    }) as Promise<SplitResult>;

  const joinStories = (itemA: number, itemB: number): Promise<JoinResult> =>
    sql.begin(async (tx) => {
      await parts.batches.bump(tx);
      const storyA = await storyOf(tx, itemA);
      const storyB = await storyOf(tx, itemB);
      await tx`UPDATE items SET detached = 0 WHERE id = ANY(${[itemA, itemB]}::bigint[])`;
      const face = async (story: number) =>
        (await tx<{ face: number; uid: string }[]>`SELECT min(i.id) AS face, s.uid FROM items i JOIN stories s ON s.id = i.story_id WHERE i.story_id = ${story} GROUP BY s.uid`)[0];
      const faceA = await face(storyA);
      const faceB = await face(storyB);
      if (!faceA || !faceB) throw new StoreError(`item ${itemA} or ${itemB} has no story`);
      if (storyA === storyB) return { story: faceA.uid, absorbed: null, moved: [] };
      const [keep, gone, keptItem] = faceA.face < faceB.face ? [storyA, storyB, itemA] : [storyB, storyA, itemB];
      const [kept, absorbed] = keep === storyA ? [faceA, faceB] : [faceB, faceA];
      const moved = (await tx<{ id: number }[]>`SELECT id FROM items WHERE story_id = ${gone} ORDER BY id`).map((r) => r.id);
      await tx`UPDATE items SET story_id = ${keep} WHERE story_id = ${gone}`;
      await tx`UPDATE item_topics SET story_id = ${keep} WHERE story_id = ${gone}`;
      // The absorbed story's face started it; now it joined this one, by hand, through the kept item.
      await tx`UPDATE items SET merge_reason = 'joined', merged_with = ${keptItem}, merge_score = NULL WHERE id = ${absorbed.face}`;
      await tx`DELETE FROM stories WHERE id = ${gone}`;
      await parts.version.bump(tx);
      return { story: kept.uid, absorbed: absorbed.uid, moved };
    }) as Promise<JoinResult>;

  return { splitItem, joinStories };
}
