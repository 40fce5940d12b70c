import type { NormalizedItem } from '../model.js';
import type { Db } from './open-store.js';
import { toItemParams } from './item-rows.js';
import { createNearDuplicateIndex, windowTime, type NearDuplicateMatcher } from './near-duplicates.js';
import { deriveStoryUid, isStoryFingerprint, isStoryLink } from './story-keys.js';

export interface IngestCounts {
  /** New items that started a story. */
  new: number;
  /** Items whose title or content changed, updated in place. */
  updated: number;
  /** New items that joined a story already stored (same link, same text, or a near-duplicate). */
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
  /** When set, an item no exact rule places joins the story of a near-duplicate from another source. */
  nearDuplicates?: NearDuplicateMatcher | undefined;
}

/** How a new item found its story. */
interface StoryMatch {
  storyId: number;
  itemId: number;
  reason: 'link' | 'fingerprint' | 'near-duplicate';
  score: number | null;
}

/**
 * Stores one source's batch in one transaction (DESIGN.md "deduper"):
 * same source + identity key is one item, updated in place when its content
 * changed; a new item joins the story of any stored item with the same
 * canonical link or fingerprint, else (when enabled) the story of the best
 * near-duplicate from another source within the time window, otherwise it
 * starts a story of its own.
 */
export function createBatchIngester(db: Db, afterCommit: () => void = () => undefined) {
  const findOwn = db.prepare<[string, string], { id: number; content_hash: string; story_id: number }>(
    'SELECT id, content_hash, story_id FROM items WHERE source_id = ? AND identity_key = ?',
  );
  // A tombstone the feed still lists is touched, so retention keeps it while it matters.
  const touchTombstone = db.prepare<[string, string, string]>(
    'UPDATE tombstones SET last_listed_at = ? WHERE source_id = ? AND identity_key = ?',
  );
  const findStoriesByLink = db.prepare<[string], { id: number; story_id: number; source_id: string; link: string | null }>(
    'SELECT id, story_id, source_id, link FROM items WHERE canonical_link = ? ORDER BY id LIMIT 16',
  );
  const findStoryByFingerprint = db.prepare<[string], { id: number; story_id: number }>(
    'SELECT id, story_id FROM items WHERE fingerprint = ? ORDER BY id LIMIT 1',
  );
  const insertStory = db.prepare<[string, string, string]>(
    'INSERT INTO stories (uid, sort_date, created_at) VALUES (?, ?, ?) ON CONFLICT (uid) DO NOTHING',
  );
  const insertItem = db.prepare(`
    INSERT INTO items (source_id, identity_key, identity_from, guid, link, canonical_link, title, summary,
      content_html, text, author, categories, published_at, updated_at, lang, fingerprint, content_hash,
      story_id, first_seen_at, last_seen_at, merge_reason, merged_with, merge_score)
    VALUES (@source_id, @identity_key, @identity_from, @guid, @link, @canonical_link, @title, @summary,
      @content_html, @text, @author, @categories, @published_at, @updated_at, @lang, @fingerprint, @content_hash,
      @story_id, @now, @now, @merge_reason, @merged_with, @merge_score)`);
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

  const nearDuplicates = createNearDuplicateIndex(db);

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

  function findExactStory(item: NormalizedItem): StoryMatch | undefined {
    if (isStoryLink(item.canonicalLink)) {
      // The canonical form drops the fragment, so that another outlet's link
      // with "#comments" finds the story; but a source's own items under one
      // page's different #anchors (a weblog's day page, one post per anchor)
      // are its own distinct posts.
      const byLink = findStoriesByLink.all(item.canonicalLink).find((row) => row.source_id !== item.sourceId || fragmentOf(row.link) === fragmentOf(item.link));
      if (byLink) return { storyId: byLink.story_id, itemId: byLink.id, reason: 'link', score: null };
    }
    if (!isStoryFingerprint(item)) return undefined;
    const byText = findStoryByFingerprint.get(item.fingerprint);
    return byText && { storyId: byText.story_id, itemId: byText.id, reason: 'fingerprint', score: null };
  }

  function fileUnderTopics(item: NormalizedItem, itemId: number, storyId: number, options: IngestOptions, isNew: boolean): void {
    // A new item has no topics to clear yet.
    if (!isNew) clearTopics.run(itemId);
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
      fileUnderTopics(item, own.id, own.story_id, options, false);
      // The story stays as it is (an update never moves an item); only the keys follow the new text.
      const probe = options.nearDuplicates?.prepare(item);
      if (probe) nearDuplicates.replaceKeys(own.id, probe.keys, windowTime(item, now));
      counts.updated += 1;
      return;
    }
    if (touchTombstone.run(now, item.sourceId, item.identityKey).changes > 0) {
      counts.tombstoned += 1;
      return;
    }
    const matcher = options.nearDuplicates;
    const probe = matcher?.prepare(item);
    const at = windowTime(item, now);
    let match = findExactStory(item);
    if (match === undefined && matcher && probe) {
      const near = nearDuplicates.findNearDuplicate(item, probe, matcher, at);
      if (near) match = { ...near, reason: 'near-duplicate' };
    }
    let storyId: number;
    if (match === undefined) {
      storyId = insertNewStory(item, now);
      counts.new += 1;
    } else {
      storyId = match.storyId;
      counts.duplicate += 1;
    }
    const itemId = Number(
      insertItem.run({
        ...toItemParams(item),
        story_id: storyId,
        now,
        merge_reason: match?.reason ?? null,
        merged_with: match?.itemId ?? null,
        merge_score: match?.score ?? null,
      }).lastInsertRowid,
    );
    fileUnderTopics(item, itemId, storyId, options, true);
    // Same fingerprint, same title and lead, so the same keys as the item it
    // matched: indexing it again would only crowd the index.
    if (probe && match?.reason !== 'fingerprint') nearDuplicates.addKeys(itemId, probe.keys, at);
  }

  const ingest = db.transaction((items: readonly NormalizedItem[], options: IngestOptions): IngestCounts => {
    const counts: IngestCounts = { new: 0, updated: 0, duplicate: 0, unchanged: 0, tombstoned: 0 };
    const now = options.now.toISOString();
    for (const item of items) ingestOne(item, options, counts, now);
    options.afterBatch?.(counts);
    return counts;
  });

  return (items: readonly NormalizedItem[], options: IngestOptions): IngestCounts => {
    const counts = ingest.immediate(items, options);
    afterCommit();
    return counts;
  };
}

function fragmentOf(link: string | null): string {
  const at = link?.indexOf('#') ?? -1;
  return link === null || at < 0 ? '' : link.slice(at);
}

export type BatchIngester = ReturnType<typeof createBatchIngester>;
