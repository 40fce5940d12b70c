import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/open-store.js';
import { openStore, type Store } from '../../src/store/index.js';
import { ingestBatch } from '../../src/update/ingest-batch.js';
import { makeItem, makeTempDir } from '../support/items.js';
import { openStoreWithSql } from '../support/sql.js';

let store: Store<'now'>;
let sql: Db;
const now = new Date('2024-03-20T00:00:00Z');
const none = () => [];

beforeEach(() => {
  ({ store, sql } = openStoreWithSql(path.join(makeTempDir(), 'test.db')));
  store.sources.syncSources([
    { id: 'a', url: 'a.xml', title: 'A' },
    { id: 'b', url: 'b.xml', title: 'B' },
  ]);
});
afterEach(() => store.close());

const countRows = (table: string): number =>
  (sql.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('ingestBatch', () => {
  it('stores new items once; the same batch again changes nothing', async () => {
    const items = [makeItem({ sourceId: 'a', title: 'One' }), makeItem({ sourceId: 'a', title: 'Two' })];
    expect(await ingestBatch(store, items, { now, classify: none })).toMatchObject({ new: 2, updated: 0, duplicate: 0 });
    expect(await ingestBatch(store, items, { now, classify: none })).toMatchObject({ new: 0, updated: 0, unchanged: 2 });
    expect(countRows('items')).toBe(2);
  });

  it('updates an item in place when its content changed, keeping its story and first-seen time', async () => {
    const first = makeItem({ sourceId: 'a', title: 'Draft', guid: 'g1' });
    await ingestBatch(store, [first], { now, classify: none });
    const edited = makeItem({ sourceId: 'a', title: 'Final title', guid: 'g1', identityKey: first.identityKey });
    const later = new Date('2024-03-21T00:00:00Z');
    expect(await ingestBatch(store, [edited], { now: later, classify: none })).toMatchObject({ new: 0, updated: 1 });
    const [stored] = store.stories.findItems('1');
    expect(stored).toMatchObject({ title: 'Final title', firstSeenAt: now.toISOString(), lastSeenAt: later.toISOString() });
    expect(countRows('items')).toBe(1);
    expect(countRows('stories')).toBe(1);
  });

  it('merges items of different sources with the same canonical link into one story', async () => {
    const link = 'https://www.rt.com/news/1-nato/';
    await ingestBatch(store, [makeItem({ sourceId: 'a', title: 'NATO', canonicalLink: link })], { now, classify: none });
    const counts = await ingestBatch(store, [makeItem({ sourceId: 'b', title: 'NATO!', canonicalLink: link })], { now, classify: none });
    expect(counts).toMatchObject({ new: 0, duplicate: 1 });
    const story = store.stories.readStory(1);
    expect(story?.face.sourceId).toBe('a');
    expect(story?.others.map((i) => i.sourceId)).toEqual(['b']);
  });

  it('merges the same text under another URL by fingerprint', async () => {
    const fingerprint = 'f'.repeat(64);
    await ingestBatch(store, [makeItem({ sourceId: 'a', title: 'T', canonicalLink: 'https://a.example/1', fingerprint })], { now, classify: none });
    const counts = await ingestBatch(store, [makeItem({ sourceId: 'b', title: 'T', canonicalLink: 'https://b.example/x', fingerprint })], { now, classify: none });
    expect(counts.duplicate).toBe(1);
    expect(countRows('stories')).toBe(1);
  });

  it('does not merge items that only share a home-page link or an empty title', async () => {
    const home = 'https://site.example/';
    await ingestBatch(store, 
      [
        makeItem({ sourceId: 'a', title: 'One', canonicalLink: home }),
        makeItem({ sourceId: 'a', title: 'Two', canonicalLink: home }),
        makeItem({ sourceId: 'b', title: '', guid: 'x1', fingerprint: 'e'.repeat(64) }),
        makeItem({ sourceId: 'b', title: '', guid: 'x2', fingerprint: 'e'.repeat(64), contentHtml: 'other' }),
      ],
      { now, classify: none },
    );
    expect(countRows('stories')).toBe(4);
  });

  it('files items under the topics the classifier returns, and refiles them on update', async () => {
    const item = makeItem({ sourceId: 'a', title: 'NATO and Baku' });
    await ingestBatch(store, [item], { now, classify: () => ['nato', 'caucasus'] });
    expect(store.topics.topicsOfItem(1)).toEqual(['caucasus', 'nato']);
    await ingestBatch(store, [{ ...item, contentHash: 'changed' }], { now, classify: () => ['nato'] });
    expect(store.topics.topicsOfItem(1)).toEqual(['nato']);
    expect(store.topics.countStoriesByTopic()).toEqual(new Map([['nato', 1]]));
  });

  it('rolls the whole batch back when something fails inside it', async () => {
    // The third item's source is unknown to the store: its row breaks a foreign key.
    const items = [makeItem({ sourceId: 'a', title: 'One' }), makeItem({ sourceId: 'a', title: 'Two' }), makeItem({ sourceId: 'nowhere', title: 'Three' })];
    await expect(ingestBatch(store, items, { now, classify: none })).rejects.toThrow(/FOREIGN KEY/);
    expect(countRows('items')).toBe(0);
    expect(countRows('stories')).toBe(0);
  });

  it('does not bring back an item removed by retention', async () => {
    const item = makeItem({ sourceId: 'a', title: 'Old' });
    sql.prepare('INSERT INTO tombstones (source_id, identity_key, removed_at) VALUES (?, ?, ?)').run('a', item.identityKey, now.toISOString());
    expect(await ingestBatch(store, [item], { now, classify: none })).toMatchObject({ new: 0, tombstoned: 1 });
    expect(countRows('items')).toBe(0);
  });

  it('gives a story the same id in a new database', async () => {
    const item = makeItem({ sourceId: 'a', title: 'Stable' });
    await ingestBatch(store, [item], { now, classify: none });
    const other = openStore(path.join(makeTempDir(), 'other.db'));
    other.sources.syncSources([{ id: 'a', url: 'a.xml', title: 'A' }]);
    await ingestBatch(other, [makeItem({ sourceId: 'a', title: 'Unrelated' }), item], { now, classify: none });
    expect(other.stories.readStory(2)?.uid).toBe(store.stories.readStory(1)?.uid);
    other.close();
  });
});
