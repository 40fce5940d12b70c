import type { AlertRule } from '../alerts/types.js';
import type { StoredItem } from '../model.js';
import type { AlertOutbox } from './alert-outbox.js';
import type { ContentVersion } from './content-version.js';
import type { Db } from './open-store.js';
import { itemColumns, toStoredItem, type ItemRow } from './item-rows.js';

export interface TopicMatch {
  itemId: number;
  storyId: number;
}

/** Topics whose membership was recomputed, and topics no longer configured. */
export interface TopicRewrite {
  replaced: readonly { topicId: string; signature: string; matches: readonly TopicMatch[] }[];
  removed: readonly string[];
  /**
   * The configured alerts, each with the mode a re-match gives it (README
   * "Alerts": 'record', so a changed query never floods): in the same
   * transaction, the stories now in a replaced topic fire them once.
   */
  alerts?: { rules: readonly AlertRule[]; now: string };
}

/**
 * Topic membership is recorded per item (an item matched the query) and read
 * per story (a story is in a topic when any of its items is), so a story
 * carried by several sources appears once.
 */
export function createTopicMembership(db: Db, version: ContentVersion, outbox: AlertOutbox) {
  const selectSignatures = db.prepare<[], { id: string; signature: string }>('SELECT id, signature FROM topics');
  const upsertSignature = db.prepare<[string, string]>(
    'INSERT INTO topics (id, signature) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET signature = excluded.signature',
  );
  const clearTopic = db.prepare<[string]>('DELETE FROM item_topics WHERE topic_id = ?');
  const deleteTopic = db.prepare<[string]>('DELETE FROM topics WHERE id = ?');
  const insertMatch = db.prepare<[string, number, number]>(
    'INSERT INTO item_topics (topic_id, item_id, story_id) VALUES (?, ?, ?)',
  );
  const selectItems = db.prepare<[], ItemRow>(`SELECT ${itemColumns} FROM items ORDER BY id`);
  const countStories = db.prepare<[], { topic_id: string; stories: number }>(
    'SELECT topic_id, count(DISTINCT story_id) AS stories FROM item_topics GROUP BY topic_id',
  );
  const selectTopicsOfItem = db.prepare<[number], { topic_id: string }>(
    'SELECT topic_id FROM item_topics WHERE item_id = ? ORDER BY topic_id',
  );
  const selectTopicsOfStory = db.prepare<[number], { topic_id: string }>(
    'SELECT DISTINCT topic_id FROM item_topics WHERE story_id = ? ORDER BY topic_id',
  );

  const rewrite = db.transaction((change: TopicRewrite): void => {
    for (const { topicId, signature, matches } of change.replaced) {
      clearTopic.run(topicId);
      for (const match of matches) insertMatch.run(topicId, match.itemId, match.storyId);
      upsertSignature.run(topicId, signature);
    }
    for (const topicId of change.removed) {
      clearTopic.run(topicId);
      deleteTopic.run(topicId);
    }
    const replaced = change.replaced.map((r) => r.topicId);
    const rules = (change.alerts?.rules ?? []).filter((rule) => rule.topics.some((topic) => replaced.includes(topic)));
    if (rules.length > 0 && change.alerts) outbox.recordFirings(rules, outbox.storiesInTopics(replaced), change.alerts.now);
    version.bump();
  });

  return {
    getSignatures: (): Map<string, string> => new Map(selectSignatures.all().map((r) => [r.id, r.signature])),
    /** Replaces topics' membership (remembering the query it was computed from) and forgets removed topics, in one transaction. */
    rewrite: (change: TopicRewrite): void => rewrite.immediate(change),
    /** Every stored item, streamed, for recomputing a topic. */
    iterateItems: function* (): Generator<StoredItem> {
      for (const row of selectItems.iterate()) yield toStoredItem(row);
    },
    countStoriesByTopic: (): Map<string, number> => new Map(countStories.all().map((r) => [r.topic_id, r.stories])),
    topicsOfItem: (itemId: number): string[] => selectTopicsOfItem.all(itemId).map((r) => r.topic_id),
    topicsOfStory: (storyId: number): string[] => selectTopicsOfStory.all(storyId).map((r) => r.topic_id),
  };
}

export type TopicMembership = ReturnType<typeof createTopicMembership>;
