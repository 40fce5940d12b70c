import { itemColumns, type ItemRow } from '../item-rows.js';
import type { TopicStore } from '../store.js';
import type { PostgresAlertOutbox } from './alert-outbox.js';
import type { Sql } from './connect.js';
import type { BatchVersion, PostgresContentVersion } from './content-version.js';
import { CURSOR_ROWS, streamItems } from './story-reads.js';

/** Topic membership (../topic-membership.ts) on PostgreSQL. */
export function createPostgresTopicMembership(sql: Sql, version: PostgresContentVersion, batches: BatchVersion, outbox: PostgresAlertOutbox): TopicStore<'later'> {
  return {
    getSignatures: async () => new Map((await sql<{ id: string; signature: string }[]>`SELECT id, signature FROM topics`).map((r) => [r.id, r.signature])),
    rewrite: async (change) => {
      await sql.begin(async (tx) => {
        // Workers that start together rewrite one topic in turn, never into each other's rows.
        await batches.lock(tx);
        for (const { topicId, signature, matches } of change.replaced) {
          await tx`DELETE FROM item_topics WHERE topic_id = ${topicId}`;
          for (let start = 0; start < matches.length; start += 20_000) {
            const part = matches.slice(start, start + 20_000);
            await tx`INSERT INTO item_topics (topic_id, item_id, story_id)
              SELECT ${topicId}, * FROM unnest(${part.map((m) => m.itemId)}::bigint[], ${part.map((m) => m.storyId)}::bigint[])`;
          }
          await tx`INSERT INTO topics (id, signature) VALUES (${topicId}, ${signature}) ON CONFLICT (id) DO UPDATE SET signature = excluded.signature`;
        }
        for (const topicId of change.removed) {
          await tx`DELETE FROM item_topics WHERE topic_id = ${topicId}`;
          await tx`DELETE FROM topics WHERE id = ${topicId}`;
        }
        const replaced = change.replaced.map((r) => r.topicId);
        const rules = (change.alerts?.rules ?? []).filter((rule) => rule.topics.some((topic) => replaced.includes(topic)));
        if (rules.length > 0 && change.alerts) await outbox.recordFirings(tx, rules, await outbox.storiesInTopics(tx, replaced), change.alerts.now);
        await version.bump(tx);
      });
    },
    iterateItems: () => streamItems(sql<ItemRow[]>`SELECT ${sql.unsafe(itemColumns)} FROM items ORDER BY id`.cursor(CURSOR_ROWS)),
    countStoriesByTopic: async () =>
      new Map((await sql<{ topic_id: string; stories: number }[]>`SELECT topic_id, count(DISTINCT story_id) AS stories FROM item_topics GROUP BY topic_id`).map((r) => [r.topic_id, r.stories])),
    topicsOfItem: async (itemId) => (await sql<{ topic_id: string }[]>`SELECT topic_id FROM item_topics WHERE item_id = ${itemId} ORDER BY topic_id`).map((r) => r.topic_id),
    topicsOfStory: async (storyId) =>
      (await sql<{ topic_id: string }[]>`SELECT DISTINCT topic_id FROM item_topics WHERE story_id = ${storyId} ORDER BY topic_id`).map((r) => r.topic_id),
  };
}
