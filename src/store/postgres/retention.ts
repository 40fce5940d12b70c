import type { RetentionStore } from '../store.js';
import type { Sql } from './connect.js';
import type { BatchVersion, PostgresContentVersion } from './content-version.js';

/** Retention (../retention.ts) on PostgreSQL: the same stories go, leaving the same tombstones. */
export function createPostgresRetention(sql: Sql, parts: { version: PostgresContentVersion; batches: BatchVersion }): RetentionStore<'later'> {
  return {
    prune: (options) =>
      sql.begin(async (tx) => {
        await parts.batches.lock(tx);
        const now = options.now.toISOString();
        const expired = await tx<{ id: number }[]>`
          WITH shown AS (
            SELECT story_id FROM (
              SELECT t.topic_id, t.story_id,
                row_number() OVER (PARTITION BY t.topic_id ORDER BY s.sort_date DESC, s.id DESC) AS rank
              FROM (SELECT DISTINCT topic_id, story_id FROM item_topics) t JOIN stories s ON s.id = t.story_id
            ) ranked WHERE rank <= ${options.keepPerTopic}
          )
          SELECT s.id FROM stories s
          WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.story_id = s.id AND i.first_seen_at >= ${options.expiredBefore.toISOString()})
            AND s.id NOT IN (SELECT story_id FROM shown)`;
        const ids = expired.map((r) => r.id);
        let items = 0;
        if (ids.length > 0) {
          await tx`
            INSERT INTO tombstones (source_id, identity_key, removed_at, last_listed_at)
            SELECT source_id, identity_key, ${now}, ${now} FROM items WHERE story_id = ANY(${ids}::bigint[])
            ON CONFLICT (source_id, identity_key) DO UPDATE SET removed_at = excluded.removed_at, last_listed_at = excluded.last_listed_at`;
          await tx`DELETE FROM item_topics WHERE story_id = ANY(${ids}::bigint[])`;
          items = (await tx`DELETE FROM items WHERE story_id = ANY(${ids}::bigint[])`).count;
          await tx`DELETE FROM stories WHERE id = ANY(${ids}::bigint[])`;
          await parts.batches.bump(tx);
          await parts.version.bump(tx);
        }
        const forgotten = (await tx`DELETE FROM tombstones WHERE last_listed_at < ${options.forgetTombstonesBefore.toISOString()}`).count;
        await tx`DELETE FROM cycles WHERE id <= (SELECT max(id) FROM cycles) - 1000`;
        return { stories: ids.length, items, tombstonesForgotten: forgotten };
      }) as ReturnType<RetentionStore<'later'>['prune']>,
  };
}
