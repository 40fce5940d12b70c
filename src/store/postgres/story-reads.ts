import type { StoredItem, StoredStory } from '../../model.js';
import { itemColumns, toStoredItem, type ItemRow } from '../item-rows.js';
import type { StoryStore } from '../store.js';
import type { Sql } from './connect.js';
import type { PostgresContentVersion } from './content-version.js';

/** Rows a cursor fetches at a time: a stream of every item never holds them all. */
export const CURSOR_ROWS = 500;

/** Streams the rows of `query` (ItemRow columns) as stored items, a cursor's batch at a time. */
export async function* streamItems(rows: AsyncIterable<ItemRow[]>): AsyncGenerator<StoredItem> {
  for await (const batch of rows) for (const row of batch) yield toStoredItem(row);
}

/** Reads of stories and items (../story-reads.ts) on PostgreSQL. Only SELECTs. */
export function createPostgresStoryReads(sql: Sql, version: PostgresContentVersion): StoryStore<'later'> {
  const columns = sql.unsafe(itemColumns);

  async function readStories(ids: readonly number[]): Promise<StoredStory[]> {
    if (ids.length === 0) return [];
    const stories = await sql<{ id: number; uid: string }[]>`SELECT id, uid FROM stories WHERE id = ANY(${ids as number[]}::bigint[])`;
    const items = await sql<ItemRow[]>`SELECT ${columns} FROM items WHERE story_id = ANY(${ids as number[]}::bigint[]) ORDER BY story_id, id`;
    const byStory = new Map<number, StoredItem[]>();
    for (const row of items) {
      const list = byStory.get(row.story_id) ?? [];
      list.push(toStoredItem(row));
      byStory.set(row.story_id, list);
    }
    const uidOf = new Map(stories.map((s) => [s.id, s.uid]));
    return ids.flatMap((id) => {
      const [face, ...others] = byStory.get(id) ?? [];
      const uid = uidOf.get(id);
      return face === undefined || uid === undefined ? [] : [{ id, uid, face, others }];
    });
  }

  return {
    readStory: async (storyId) => (await readStories([storyId]))[0],
    listTopicStories: async (topicId, limit, since) => {
      const rows = await sql<{ id: number }[]>`
        SELECT s.id FROM stories s
        WHERE EXISTS (SELECT 1 FROM item_topics t WHERE t.topic_id = ${topicId} AND t.story_id = s.id) AND s.sort_date >= ${since?.toISOString() ?? ''}
        ORDER BY s.sort_date DESC, s.id DESC LIMIT ${limit}`;
      return readStories(rows.map((r) => r.id));
    },
    listStories: async (filter) => {
      const rows =
        filter.topicId === undefined
          ? await sql<{ id: number }[]>`SELECT id FROM stories ORDER BY sort_date DESC, id DESC LIMIT ${filter.limit}`
          : await sql<{ id: number }[]>`
              SELECT s.id FROM stories s WHERE EXISTS (SELECT 1 FROM item_topics t WHERE t.topic_id = ${filter.topicId} AND t.story_id = s.id)
              ORDER BY s.sort_date DESC, s.id DESC LIMIT ${filter.limit}`;
      return readStories(rows.map((r) => r.id));
    },
    findItems: async (ref) => {
      if (/^\d+$/.test(ref)) return (await sql<ItemRow[]>`SELECT ${columns} FROM items WHERE id = ${Number(ref)}`).map(toStoredItem);
      return (await sql<ItemRow[]>`SELECT ${columns} FROM items WHERE link = ${ref} OR canonical_link = ${ref} ORDER BY id`).map(toStoredItem);
    },
    iterateRecentItems: () =>
      streamItems(sql<ItemRow[]>`SELECT ${columns} FROM items ORDER BY coalesce(published_at, first_seen_at) DESC, id DESC`.cursor(CURSOR_ROWS)),
    listRecentItems: async (filter) =>
      (await sql<ItemRow[]>`
        SELECT ${columns} FROM items
        WHERE (${filter.sourceId ?? null}::text IS NULL OR source_id = ${filter.sourceId ?? null})
          AND (${filter.topicId ?? null}::text IS NULL OR id IN (SELECT item_id FROM item_topics WHERE topic_id = ${filter.topicId ?? null}))
        ORDER BY coalesce(published_at, first_seen_at) DESC, id DESC LIMIT ${filter.limit}`).map(toStoredItem),
    countAll: async () => {
      const [row] = await sql<{ items: number; stories: number }[]>`SELECT (SELECT count(*) FROM items) AS items, (SELECT count(*) FROM stories) AS stories`;
      return row ?? { items: 0, stories: 0 };
    },
    readContentVersion: version.read,
  };
}
