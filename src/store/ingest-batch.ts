import type { NormalizedItem } from '../model.js';
import type { Db } from './open-store.js';
import { toItemParams } from './item-rows.js';
import { deriveStoryUid, isStoryFingerprint, isStoryLink } from './story-keys.js';

export interface IngestCounts {
  /** New items that started a story. */
  new: number;
  /** Items whose title or content changed, updated in place. */
  updated: number;
  /** New items that joined a story already stored (same link or same text). */
  duplicate: number;
  unchanged: number;
  /** Items removed by retention that the feed still lists. */
  tombstoned: number;
}

export interface IngestOptions {
  now: Date;
  /** Topic ids a new or changed item belongs to (the topics layer decides). */
  classify: (item: NormalizedItem) => readonly string[];
  /** Written in the same transaction as the items, so a crash cannot split them. */
  afterBatch?: (counts: IngestCounts) => void;
}

/**
 * Stores one source's batch in one transaction (DESIGN.md "deduper"):
 * same source + identity key is one item, updated in place when its content
 * changed; a new item joins the story of any stored item with the same
 * canonical link or fingerprint, otherwise it starts a story of its own.
 */
export function createBatchIngester(db: Db) {
  const findOwn = db.prepare<[string, string], { id: number; content_hash: string; story_id: number }>(
    'SELECT id, content_hash, story_id FROM items WHERE source_id = ? AND identity_key = ?',
  );
  // A tombstone the feed still lists is touched, so retention keeps it while it matters.
  const touchTombstone = db.prepare<[string, string, string]>(
    'UPDATE tombstones SET last_listed_at = ? WHERE source_id = ? AND identity_key = ?',
  );
  const findStoryByLink = db.prepare<[string], { story_id: number }>(
    'SELECT story_id FROM items WHERE canonical_link = ? ORDER BY id LIMIT 1',
  );
  const findStoryByFingerprint = db.prepare<[string], { story_id: number }>(
    'SELECT story_id FROM items WHERE fingerprint = ? ORDER BY id LIMIT 1',
  );
  const insertStory = db.prepare<[string, string, string]>(
    'INSERT INTO stories (uid, sort_date, created_at) VALUES (?, ?, ?)',
  );
  const insertItem = db.prepare(`
    INSERT INTO items (source_id, identity_key, identity_from, guid, link, canonical_link, title, summary,
      content_html, text, author, categories, published_at, updated_at, lang, fingerprint, content_hash,
      story_id, first_seen_at, last_seen_at)
    VALUES (@source_id, @identity_key, @identity_from, @guid, @link, @canonical_link, @title, @summary,
      @content_html, @text, @author, @categories, @published_at, @updated_at, @lang, @fingerprint, @content_hash,
      @story_id, @now, @now)`);
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

  function findStory(item: NormalizedItem): number | undefined {
    if (isStoryLink(item.canonicalLink)) {
      const byLink = findStoryByLink.get(item.canonicalLink);
      if (byLink) return byLink.story_id;
    }
    if (isStoryFingerprint(item)) return findStoryByFingerprint.get(item.fingerprint)?.story_id;
    return undefined;
  }

  function fileUnderTopics(item: NormalizedItem, itemId: number, storyId: number, options: IngestOptions): void {
    clearTopics.run(itemId);
    for (const topicId of options.classify(item)) insertTopic.run(topicId, itemId, storyId);
  }

  function ingestOne(item: NormalizedItem, options: IngestOptions, counts: IngestCounts, now: string): void {
    const own = findOwn.get(item.sourceId, item.identityKey);
    if (own) {
      if (own.content_hash === item.contentHash) {
        counts.unchanged += 1;
        return;
      }
      updateItem.run({ ...toItemParams(item), id: own.id, now });
      fileUnderTopics(item, own.id, own.story_id, options);
      counts.updated += 1;
      return;
    }
    if (touchTombstone.run(now, item.sourceId, item.identityKey).changes > 0) {
      counts.tombstoned += 1;
      return;
    }
    let storyId = findStory(item);
    if (storyId === undefined) {
      const uid = deriveStoryUid(item);
      storyId = Number(insertStory.run(uid, item.publishedAt ?? now, now).lastInsertRowid);
      counts.new += 1;
    } else {
      counts.duplicate += 1;
    }
    const itemId = Number(insertItem.run({ ...toItemParams(item), story_id: storyId, now }).lastInsertRowid);
    fileUnderTopics(item, itemId, storyId, options);
  }

  const ingest = db.transaction((items: readonly NormalizedItem[], options: IngestOptions): IngestCounts => {
    const counts: IngestCounts = { new: 0, updated: 0, duplicate: 0, unchanged: 0, tombstoned: 0 };
    const now = options.now.toISOString();
    for (const item of items) ingestOne(item, options, counts, now);
    options.afterBatch?.(counts);
    return counts;
  });

  return (items: readonly NormalizedItem[], options: IngestOptions): IngestCounts => ingest.immediate(items, options);
}

export type BatchIngester = ReturnType<typeof createBatchIngester>;
