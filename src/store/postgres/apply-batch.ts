import type { NormalizedItem } from '../../model.js';
import type { ItemRef, StoryRef } from '../../update-model.js';
import { toItemParams } from '../item-rows.js';
import type { BatchWrite } from '../store.js';
import { deriveStoryUid } from '../story-keys.js';
import { inTransaction, type Query, type Sql } from './connect.js';
import { formatVersions, type BatchVersion, type PostgresContentVersion } from './content-version.js';
import type { PostgresAlertOutbox } from './alert-outbox.js';
import type { PostgresBatchLoader } from './load-batch.js';
import { createEventWrites } from './event-index.js';
import type { FetchSuccess } from '../source-state.js';

const ITEM_COLUMNS = [
  'id', 'source_id', 'identity_key', 'identity_from', 'guid', 'link', 'canonical_link', 'title', 'summary', 'content_html', 'text', 'author',
  'categories', 'published_at', 'updated_at', 'lang', 'fingerprint', 'content_hash', 'story_id', 'first_seen_at', 'last_seen_at',
  'merge_reason', 'merged_with', 'merge_score',
] as const;

type ItemInsert = Record<(typeof ITEM_COLUMNS)[number], string | number | null>;

async function allocate(tx: Query, table: 'items' | 'stories', count: number): Promise<number[]> {
  if (count === 0) return [];
  const rows = await tx<{ id: number }[]>`SELECT nextval(pg_get_serial_sequence(${table}, 'id')) AS id FROM generate_series(1, ${count})`;
  return rows.map((row) => row.id).sort((a, b) => a - b);
}

/**
 * Store.applyBatch on PostgreSQL: SQLite's writer (../apply-batch.ts) in
 * effect, in one transaction with the fetch record, under the ingest lock
 * (content-version.ts): a batch decided on a state that a write since has
 * changed, for the items of this batch, is refused, written nothing, and
 * decided again. Ids are taken
 * from the sequences first, so the rows go in as a few multi-row statements
 * rather than a round trip each.
 */
export function createPostgresBatchWriter(
  sql: Sql,
  parts: {
    batches: BatchVersion;
    version: PostgresContentVersion;
    loader: PostgresBatchLoader;
    outbox: PostgresAlertOutbox;
    recordSuccess: (tx: Query, id: string, success: FetchSuccess) => Promise<void>;
  },
) {
  /** Story uids for the faces, the next derivation where one is taken (see ../apply-batch.ts insertNewStory). */
  async function freeUids(tx: Query, faces: readonly NormalizedItem[]): Promise<string[]> {
    const attempts = faces.map(() => 0);
    for (;;) {
      const uids = faces.map((face, i) => deriveStoryUid(face, attempts[i]));
      const taken = new Set((await tx<{ uid: string }[]>`SELECT uid FROM stories WHERE uid = ANY(${uids}::text[])`).map((r) => r.uid));
      const seen = new Set<string>();
      let clash = false;
      uids.forEach((uid, i) => {
        if (taken.has(uid) || seen.has(uid)) {
          attempts[i] = (attempts[i] ?? 0) + 1;
          clash = true;
        }
        seen.add(uid);
      });
      if (!clash) return uids;
    }
  }

  async function apply(tx: Query, write: BatchWrite): Promise<boolean> {
    await parts.batches.lock(tx);
    const current = formatVersions(await parts.batches.read(tx));
    // Nothing written since the load: the decision stands. Else it stands
    // if what the load read is still so; otherwise it is decided again.
    if (write.basedOn.startsWith(`${current}:`)) parts.loader.forget(write.basedOn);
    else if (!(await parts.loader.stillHolds(tx, write.basedOn))) return false;
    const { now } = write;
    // Only writes of rows move the batch version: a batch of unchanged items makes no one look again.
    if (write.intents.some((i) => i.kind === 'new' || i.kind === 'join' || i.kind === 'update')) await parts.batches.nextBatch(tx);
    const itemOf = (index: number): NormalizedItem => write.items[index] as NormalizedItem;
    const inserting = write.intents.filter((i) => i.kind === 'new' || i.kind === 'join');
    const starting = write.intents.filter((i) => i.kind === 'new');
    const itemIds = await allocate(tx, 'items', inserting.length);
    const storyIds = await allocate(tx, 'stories', starting.length);
    const rowIds: number[] = [];
    const startedStories: number[] = [];
    inserting.forEach((intent, n) => (rowIds[intent.item] = itemIds[n] as number));
    starting.forEach((intent, n) => (startedStories[intent.item] = storyIds[n] as number));
    const rowOf = (ref: ItemRef): number => ('stored' in ref ? ref.stored : (rowIds[ref.batch] as number));
    const storyOf = (ref: StoryRef): number => ('stored' in ref ? ref.stored : (startedStories[ref.startedBy] as number));

    const uids = await freeUids(tx, starting.map((intent) => itemOf(intent.item)));
    if (starting.length > 0) {
      const stories = starting.map((intent, n) => ({ id: storyIds[n] as number, uid: uids[n] as string, sort_date: itemOf(intent.item).publishedAt ?? now, created_at: now }));
      await tx`INSERT INTO stories ${tx(stories, 'id', 'uid', 'sort_date', 'created_at')}`;
    }
    const inserts: ItemInsert[] = [];
    const topics: { topic_id: string; item_id: number; story_id: number }[] = [];
    const updated: number[] = [];
    const bands: { key: number[]; at: number[]; id: number[] } = { key: [], at: [], id: [] };
    const replacedBands: number[] = [];
    const events = createEventWrites();
    const touched: { source: string[]; key: string[] } = { source: [], key: [] };
    /** The stories an item was filed in: each may now fire an alert. */
    const touchedStories = new Set<number>();
    const fileUnderTopics = (index: number, itemId: number, storyId: number): void => {
      touchedStories.add(storyId);
      for (const topicId of write.topics[index] ?? []) topics.push({ topic_id: topicId, item_id: itemId, story_id: storyId });
    };
    const addBands = (id: number, keys: readonly number[], at: number): void => {
      for (const key of keys) {
        bands.key.push(key);
        bands.at.push(at);
        bands.id.push(id);
      }
    };
    for (const intent of write.intents) {
      const item = itemOf(intent.item);
      switch (intent.kind) {
        case 'unchanged':
          break;
        case 'tombstoned':
          touched.source.push(item.sourceId);
          touched.key.push(item.identityKey);
          break;
        case 'update': {
          const id = rowOf(intent.row);
          const p = toItemParams(item);
          await tx`
            UPDATE items SET identity_from = ${p.identity_from ?? null}, guid = ${p.guid ?? null}, link = ${p.link ?? null},
              canonical_link = ${p.canonical_link ?? null}, title = ${p.title ?? null}, summary = ${p.summary ?? null},
              content_html = ${p.content_html ?? null}, text = ${p.text ?? null}, author = ${p.author ?? null},
              categories = ${p.categories ?? null}, published_at = ${p.published_at ?? null}, updated_at = ${p.updated_at ?? null},
              lang = ${p.lang ?? null}, fingerprint = ${p.fingerprint ?? null}, content_hash = ${p.content_hash ?? null}, last_seen_at = ${now}
            WHERE id = ${id}`;
          updated.push(id);
          fileUnderTopics(intent.item, id, storyOf(intent.story));
          if (intent.bands) {
            replacedBands.push(id);
            addBands(id, intent.bands.keys, intent.bands.at);
          }
          if (intent.events) events.add(id, intent.events);
          rowIds[intent.item] = id;
          break;
        }
        case 'new':
        case 'join': {
          const id = rowIds[intent.item] as number;
          const storyId = intent.kind === 'new' ? (startedStories[intent.item] as number) : storyOf(intent.story);
          const because = intent.kind === 'join' ? intent.because : undefined;
          inserts.push({
            ...(toItemParams(item) as Omit<ItemInsert, 'id' | 'story_id' | 'first_seen_at' | 'last_seen_at' | 'merge_reason' | 'merged_with' | 'merge_score'>),
            id,
            story_id: storyId,
            first_seen_at: now,
            last_seen_at: now,
            merge_reason: because?.rule ?? null,
            merged_with: because ? rowOf(because.matched) : null,
            merge_score: because?.score ?? null,
          });
          fileUnderTopics(intent.item, id, storyId);
          if (intent.bands) addBands(id, intent.bands.keys, intent.bands.at);
          if (intent.events) events.add(id, intent.events);
          break;
        }
      }
    }
    // A statement has at most 65,535 parameters: 24 columns a row.
    for (let start = 0; start < inserts.length; start += 1000) {
      await tx`INSERT INTO items ${tx(inserts.slice(start, start + 1000), ...ITEM_COLUMNS)}`;
    }
    if (updated.length > 0) await tx`DELETE FROM item_topics WHERE item_id = ANY(${updated}::bigint[])`;
    for (let start = 0; start < topics.length; start += 10_000) {
      await tx`INSERT INTO item_topics ${tx(topics.slice(start, start + 10_000), 'topic_id', 'item_id', 'story_id')}`;
    }
    if (replacedBands.length > 0) await tx`DELETE FROM item_bands WHERE item_id = ANY(${replacedBands}::bigint[])`;
    if (bands.key.length > 0) {
      await tx`INSERT INTO item_bands (band_key, at, item_id)
        SELECT * FROM unnest(${bands.key}::bigint[], ${bands.at}::bigint[], ${bands.id}::bigint[]) ON CONFLICT DO NOTHING`;
    }
    await events.write(tx);
    if (touched.source.length > 0) {
      await tx`UPDATE tombstones t SET last_listed_at = ${now}
        FROM unnest(${touched.source}::text[], ${touched.key}::text[]) AS k(source_id, identity_key)
        WHERE t.source_id = k.source_id AND t.identity_key = k.identity_key`;
    }
    // Alerts are queued in this transaction, so a story stored is an alert queued, and a crash loses neither.
    if (write.alerts) await parts.outbox.recordFirings(tx, write.alerts, touchedStories, now);
    if (write.source) await parts.recordSuccess(tx, write.source.id, write.source.success);
    if (write.contentChanged) await parts.version.bump(tx);
    return true;
  }

  return async (write: BatchWrite): Promise<boolean> => {
    // A retried batch writes on the session that has held the ingest lock since its read.
    const session = parts.loader.sessionOf(write.basedOn);
    try {
      if (session !== undefined) return await inTransaction(session, '', (tx) => apply(tx, write));
      return (await sql.begin((tx) => apply(tx, write))) as boolean;
    } finally {
      if (session !== undefined) await parts.loader.release(write.basedOn);
    }
  };
}
