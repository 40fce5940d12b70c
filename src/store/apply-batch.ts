import type { NormalizedItem } from '../model.js';
import type { ItemRef, JoinReason, StoryRef } from '../update-model.js';
import { readDataVersion, type ContentVersion } from './content-version.js';
import type { AlertOutbox } from './alert-outbox.js';
import { toItemParams } from './item-rows.js';
import type { EventIndex } from './event-index.js';
import type { BandIndex } from './near-duplicates.js';
import type { Db } from './open-store.js';
import type { SourceState } from './source-state.js';
import type { BatchWrite } from './store.js';
import { deriveStoryUid } from './story-keys.js';

/**
 * The write of one source's update (Store.applyBatch): the intents the
 * decision made (src/update/decide.ts), in order and in one transaction with
 * the source's fetch record, so a crash keeps all of it or none. Rows and
 * stories an intent refers to by batch index are the ones earlier intents
 * of the same write inserted.
 */
export function createBatchWriter(db: Db, parts: { bands: BandIndex; events: EventIndex; sources: SourceState; version: ContentVersion; outbox: AlertOutbox; afterCommit: () => void }) {
  // A tombstone the feed still lists is touched, so retention keeps it while it matters.
  const touchTombstone = db.prepare<[string, string, string]>(
    'UPDATE tombstones SET last_listed_at = ? WHERE source_id = ? AND identity_key = ?',
  );
  const insertStory = db.prepare<[string, string, string]>(
    'INSERT INTO stories (uid, sort_date, created_at) VALUES (?, ?, ?) ON CONFLICT (uid) DO NOTHING',
  );

  /**
   * The story's uid is derived from its face, so the same feed read into
   * another database gives it the same id. A source id that another feed
   * had before (its items now under a retired id, see source-state.ts) can
   * meet a uid already taken: the next derivation is used, as deterministic.
   */
  function insertNewStory(item: NormalizedItem, now: string): number {
    for (let attempt = 0; ; attempt += 1) {
      const result = insertStory.run(deriveStoryUid(item, attempt), item.publishedAt ?? now, now);
      if (result.changes > 0) return Number(result.lastInsertRowid);
    }
  }
  const insertItem = db.prepare(`
    INSERT INTO items (source_id, identity_key, identity_from, guid, link, canonical_link, title, summary,
      content_html, text, author, categories, published_at, updated_at, lang, fingerprint, content_hash,
      story_id, first_seen_at, last_seen_at, merge_reason, merged_with, merge_score, event_features)
    VALUES (@source_id, @identity_key, @identity_from, @guid, @link, @canonical_link, @title, @summary,
      @content_html, @text, @author, @categories, @published_at, @updated_at, @lang, @fingerprint, @content_hash,
      @story_id, @now, @now, @merge_reason, @merged_with, @merge_score, @event_features)`);
  const updateItem = db.prepare(`
    UPDATE items SET identity_from = @identity_from, guid = @guid, link = @link, canonical_link = @canonical_link,
      title = @title, summary = @summary, content_html = @content_html, text = @text, author = @author,
      categories = @categories, published_at = @published_at, updated_at = @updated_at, lang = @lang,
      fingerprint = @fingerprint, content_hash = @content_hash, last_seen_at = @now
    WHERE id = @id`);
  const clearTopics = db.prepare<[number]>('DELETE FROM item_topics WHERE item_id = ?');
  const insertTopic = db.prepare<[string, number, number]>(
    'INSERT INTO item_topics (topic_id, item_id, story_id) VALUES (?, ?, ?)',
  );

  const apply = db.transaction((write: BatchWrite): boolean => {
    if (readDataVersion(db) !== write.basedOn) return false;
    const { now } = write;
    /** Per batch index: the row it inserted, and the story it started. */
    const rowIds: number[] = [];
    const startedStories: number[] = [];
    /** The stories an item was filed in: each may now fire an alert. */
    const touched = new Set<number>();
    const rowOf = (ref: ItemRef): number => ('stored' in ref ? ref.stored : (rowIds[ref.batch] as number));
    const storyOf = (ref: StoryRef): number => ('stored' in ref ? ref.stored : (startedStories[ref.startedBy] as number));
    const fileUnderTopics = (index: number, itemId: number, storyId: number): void => {
      touched.add(storyId);
      for (const topicId of write.topics[index] ?? []) insertTopic.run(topicId, itemId, storyId);
    };
    /** Inserts the item with its event evidence, if any, in the same row write; its keys are the caller's. */
    const insert = (item: NormalizedItem, storyId: number, because: JoinReason | undefined, eventFeatures: string | undefined): number =>
      Number(
        insertItem.run({
          ...toItemParams(item),
          story_id: storyId,
          now,
          merge_reason: because?.rule ?? null,
          merged_with: because ? rowOf(because.matched) : null,
          merge_score: because?.score ?? null,
          event_features: eventFeatures ?? null,
        }).lastInsertRowid,
      );

    for (const intent of write.intents) {
      const item = write.items[intent.item] as NormalizedItem;
      switch (intent.kind) {
        case 'unchanged':
          break;
        case 'tombstoned':
          touchTombstone.run(now, item.sourceId, item.identityKey);
          break;
        case 'update': {
          const id = rowOf(intent.row);
          updateItem.run({ ...toItemParams(item), id, now });
          clearTopics.run(id);
          fileUnderTopics(intent.item, id, storyOf(intent.story));
          // The story stays as it is (an update never moves an item); only the keys follow the new text.
          if (intent.bands) parts.bands.replaceKeys(id, intent.bands.keys, intent.bands.at);
          if (intent.events) parts.events.replace(id, intent.events);
          rowIds[intent.item] = id;
          break;
        }
        case 'new': {
          const storyId = insertNewStory(item, now);
          startedStories[intent.item] = storyId;
          const id = insert(item, storyId, undefined, intent.events?.features);
          // A new item has no topics to clear yet.
          fileUnderTopics(intent.item, id, storyId);
          if (intent.bands) parts.bands.addKeys(id, intent.bands.keys, intent.bands.at);
          if (intent.events) parts.events.addKeys(id, intent.events);
          rowIds[intent.item] = id;
          break;
        }
        case 'join': {
          const storyId = storyOf(intent.story);
          const id = insert(item, storyId, intent.because, intent.events?.features);
          fileUnderTopics(intent.item, id, storyId);
          if (intent.bands) parts.bands.addKeys(id, intent.bands.keys, intent.bands.at);
          if (intent.events) parts.events.addKeys(id, intent.events);
          rowIds[intent.item] = id;
          break;
        }
      }
    }
    // Alerts are queued in this transaction, so a story stored is an alert queued, and a crash loses neither.
    if (write.alerts) parts.outbox.recordFirings(write.alerts, touched, now);
    if (write.source) parts.sources.recordSuccess(write.source.id, write.source.success);
    if (write.contentChanged) parts.version.bump();
    return true;
  });

  return (write: BatchWrite): boolean => {
    const applied = apply.immediate(write);
    if (applied) parts.afterCommit();
    return applied;
  };
}
