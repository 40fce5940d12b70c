import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../src/store/migrations.js';
import { openStore, type Store } from '../../src/store/index.js';
import { makeItem, makeTempDir } from '../support/items.js';

let store: Store;
const now = new Date('2024-03-20T00:00:00Z');
const none = () => [];

beforeEach(() => {
  store = openStore(path.join(makeTempDir(), 'test.db'));
  store.sources.syncSources([
    { id: 'a', url: 'a.xml', title: 'A' },
    { id: 'b', url: 'b.xml', title: 'B' },
  ]);
});
afterEach(() => store.close());

const countRows = (table: string): number =>
  (store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('ingestBatch', () => {
  it('stores new items once; the same batch again changes nothing', () => {
    const items = [makeItem({ sourceId: 'a', title: 'One' }), makeItem({ sourceId: 'a', title: 'Two' })];
    expect(store.ingestBatch(items, { now, classify: none })).toMatchObject({ new: 2, updated: 0, duplicate: 0 });
    expect(store.ingestBatch(items, { now, classify: none })).toMatchObject({ new: 0, updated: 0, unchanged: 2 });
    expect(countRows('items')).toBe(2);
  });

  it('updates an item in place when its content changed, keeping its story and first-seen time', () => {
    const first = makeItem({ sourceId: 'a', title: 'Draft', guid: 'g1' });
    store.ingestBatch([first], { now, classify: none });
    const edited = makeItem({ sourceId: 'a', title: 'Final title', guid: 'g1', identityKey: first.identityKey });
    const later = new Date('2024-03-21T00:00:00Z');
    expect(store.ingestBatch([edited], { now: later, classify: none })).toMatchObject({ new: 0, updated: 1 });
    const [stored] = store.stories.findItems('1');
    expect(stored).toMatchObject({ title: 'Final title', firstSeenAt: now.toISOString(), lastSeenAt: later.toISOString() });
    expect(countRows('items')).toBe(1);
    expect(countRows('stories')).toBe(1);
  });

  it('merges items of different sources with the same canonical link into one story', () => {
    const link = 'https://www.rt.com/news/1-nato/';
    store.ingestBatch([makeItem({ sourceId: 'a', title: 'NATO', canonicalLink: link })], { now, classify: none });
    const counts = store.ingestBatch([makeItem({ sourceId: 'b', title: 'NATO!', canonicalLink: link })], { now, classify: none });
    expect(counts).toMatchObject({ new: 0, duplicate: 1 });
    const story = store.stories.readStory(1);
    expect(story?.face.sourceId).toBe('a');
    expect(story?.others.map((i) => i.sourceId)).toEqual(['b']);
  });

  it('merges the same text under another URL by fingerprint', () => {
    const fingerprint = 'f'.repeat(64);
    store.ingestBatch([makeItem({ sourceId: 'a', title: 'T', canonicalLink: 'https://a.example/1', fingerprint })], { now, classify: none });
    const counts = store.ingestBatch([makeItem({ sourceId: 'b', title: 'T', canonicalLink: 'https://b.example/x', fingerprint })], { now, classify: none });
    expect(counts.duplicate).toBe(1);
    expect(countRows('stories')).toBe(1);
  });

  it('does not merge items that only share a home-page link or an empty title', () => {
    const home = 'https://site.example/';
    store.ingestBatch(
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

  it('files items under the topics the classifier returns, and refiles them on update', () => {
    const item = makeItem({ sourceId: 'a', title: 'NATO and Baku' });
    store.ingestBatch([item], { now, classify: () => ['nato', 'caucasus'] });
    expect(store.topics.topicsOfItem(1)).toEqual(['caucasus', 'nato']);
    store.ingestBatch([{ ...item, contentHash: 'changed' }], { now, classify: () => ['nato'] });
    expect(store.topics.topicsOfItem(1)).toEqual(['nato']);
    expect(store.topics.countStoriesByTopic()).toEqual(new Map([['nato', 1]]));
  });

  it('rolls the whole batch back when something fails inside it', () => {
    const items = [makeItem({ sourceId: 'a', title: 'One' }), makeItem({ sourceId: 'a', title: 'Two' })];
    expect(() =>
      store.ingestBatch(items, {
        now,
        classify: none,
        afterBatch: () => {
          throw new Error('disk full');
        },
      }),
    ).toThrow('disk full');
    expect(countRows('items')).toBe(0);
  });

  it('does not bring back an item removed by retention', () => {
    const item = makeItem({ sourceId: 'a', title: 'Old' });
    store.db.prepare('INSERT INTO tombstones (source_id, identity_key, removed_at) VALUES (?, ?, ?)').run('a', item.identityKey, now.toISOString());
    expect(store.ingestBatch([item], { now, classify: none })).toMatchObject({ new: 0, tombstoned: 1 });
    expect(countRows('items')).toBe(0);
  });

  it('gives a story the same id in a new database', () => {
    const item = makeItem({ sourceId: 'a', title: 'Stable' });
    store.ingestBatch([item], { now, classify: none });
    const other = openStore(path.join(makeTempDir(), 'other.db'));
    other.sources.syncSources([{ id: 'a', url: 'a.xml', title: 'A' }]);
    other.ingestBatch([makeItem({ sourceId: 'a', title: 'Unrelated' }), item], { now, classify: none });
    expect(other.stories.readStory(2)?.uid).toBe(store.stories.readStory(1)?.uid);
    other.close();
  });
});

describe('openStore', () => {
  it('uses WAL, foreign keys and the current schema version, and reopens without migrating twice', () => {
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(store.db.pragma('auto_vacuum', { simple: true })).toBe(2);
    const file = store.file;
    store.close();
    store = openStore(file);
    expect(store.sources.listSources().map((s) => s.id)).toEqual(['a', 'b']);
  });

  it('refuses a database from a newer topicwire', () => {
    store.db.pragma('user_version = 99');
    const file = store.file;
    store.close();
    expect(() => openStore(file)).toThrow(/schema version 99, newer than this topicwire/);
    store = openStore(path.join(makeTempDir(), 'x.db'));
  });
});
