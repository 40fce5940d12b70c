import type { ContentVersion } from './content-version.js';
import type { Db } from './open-store.js';

export interface PruneOptions {
  /** Stories whose every item was first stored before this are expired… */
  expiredBefore: Date;
  /** …unless still among the newest `keepPerTopic` of a topic feed. */
  keepPerTopic: number;
  /** Tombstones no feed has listed since this are forgotten. */
  forgetTombstonesBefore: Date;
  now: Date;
}

export interface PruneResult {
  stories: number;
  items: number;
  tombstonesForgotten: number;
}

/**
 * Retention (docs/design.md "retention"): items leave once retentionDays have passed since
 * topicwire first stored them, whole stories at a time, never one a topic feed
 * still shows. Each removed item leaves a tombstone so a feed that still lists
 * it cannot bring it back.
 */
export function createRetention(db: Db, version: ContentVersion) {
  const selectExpired = db.prepare<[{ before: string; keep: number }], { id: number }>(`
    WITH shown AS (
      SELECT story_id FROM (
        SELECT t.topic_id, t.story_id,
          row_number() OVER (PARTITION BY t.topic_id ORDER BY s.sort_date DESC, s.id DESC) AS rank
        FROM (SELECT DISTINCT topic_id, story_id FROM item_topics) t JOIN stories s ON s.id = t.story_id
      ) WHERE rank <= @keep
    )
    SELECT s.id FROM stories s
    WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.story_id = s.id AND i.first_seen_at >= @before)
      AND s.id NOT IN (SELECT story_id FROM shown)`);
  const tombstone = db.prepare<[{ now: string; story: number }]>(`
    INSERT OR REPLACE INTO tombstones (source_id, identity_key, removed_at, last_listed_at)
    SELECT source_id, identity_key, @now, @now FROM items WHERE story_id = @story`);
  const deleteTopics = db.prepare<[number]>('DELETE FROM item_topics WHERE story_id = ?');
  const deleteItems = db.prepare<[number]>('DELETE FROM items WHERE story_id = ?');
  const deleteStory = db.prepare<[number]>('DELETE FROM stories WHERE id = ?');
  const forgetTombstones = db.prepare<[string]>('DELETE FROM tombstones WHERE last_listed_at < ?');
  const trimCycles = db.prepare('DELETE FROM cycles WHERE id <= (SELECT max(id) FROM cycles) - 1000');

  const prune = db.transaction((options: PruneOptions): PruneResult => {
    const now = options.now.toISOString();
    const expired = selectExpired.all({ before: options.expiredBefore.toISOString(), keep: options.keepPerTopic });
    let items = 0;
    for (const { id } of expired) {
      tombstone.run({ now, story: id });
      deleteTopics.run(id);
      items += deleteItems.run(id).changes;
      deleteStory.run(id);
    }
    const forgotten = forgetTombstones.run(options.forgetTombstonesBefore.toISOString()).changes;
    trimCycles.run();
    if (expired.length > 0) version.bump();
    return { stories: expired.length, items, tombstonesForgotten: forgotten };
  });

  return {
    prune: (options: PruneOptions): PruneResult => {
      const result = prune.immediate(options);
      // Hand freed pages back to the file system so the file does not only grow.
      db.pragma('incremental_vacuum');
      return result;
    },
  };
}
