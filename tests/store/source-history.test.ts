import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalSourceUrl } from '../../src/config/source-url.js';
import { openStore, type Store } from '../../src/store/index.js';
import { ingestBatch } from '../../src/update/ingest-batch.js';
import { makeItem, makeTempDir } from '../support/items.js';

let store: Store<'now'>;
const now = new Date('2024-03-20T00:00:00Z');
const none = () => [];
const success = {
  at: now,
  httpStatus: 200,
  validators: { etag: '"old-feed"', lastModified: 'Tue, 19 Mar 2024 10:00:00 GMT', bodyHash: 'abc' },
  siteUrl: 'https://old.example/',
  hints: { ttlMinutes: 600 },
  warnings: ['skipped 1 empty entry'],
  nextDueAt: new Date('2024-03-20T10:00:00Z'),
  dueReason: 'feed ttl 600 min',
};

beforeEach(() => {
  store = openStore(path.join(makeTempDir(), 'test.db'));
});
afterEach(() => store.close());

describe('a source id given to another feed', () => {
  it('starts the new feed afresh: no items, validators, schedule, hints or site link of the old one', async () => {
    store.sources.syncSources([{ id: 'news', url: 'https://old.example/rss', title: 'Old Paper' }]);
    await ingestBatch(store, [makeItem({ sourceId: 'news', title: 'Old story one' }), makeItem({ sourceId: 'news', title: 'Old story two' })], { now, classify: none });
    store.sources.recordSuccess('news', success);
    // `sources remove news`, then `sources add https://new.example/feed.xml --id news`:
    store.sources.syncSources([]);
    store.sources.syncSources([{ id: 'news', url: 'https://new.example/feed.xml', title: 'New Paper' }]);
    const fresh = store.sources.getSource('news');
    expect(fresh).toMatchObject({
      url: 'https://new.example/feed.xml', title: 'New Paper', status: 'never', itemCount: 0, siteUrl: null,
      validators: {}, nextDueAt: null, dueReason: null, hints: null, warnings: null, lastFetchAt: null, httpStatus: null,
    });
    // The old feed's items keep their own source, with its title and URL.
    const old = [...store.stories.iterateRecentItems()];
    expect(old).toHaveLength(2);
    const owners = new Set(old.map((item) => item.sourceId));
    expect(owners.has('news')).toBe(false);
    const owner = store.sources.getSource([...owners][0]!);
    expect(owner).toMatchObject({ title: 'Old Paper', url: 'https://old.example/rss', siteUrl: 'https://old.example/', itemCount: 2 });
    // The new feed's first item with the same identity is new, not "unchanged".
    const counts = await ingestBatch(store, [makeItem({ sourceId: 'news', title: 'Old story one' })], { now, classify: none });
    expect(counts.new + counts.duplicate).toBe(1);
    expect(store.sources.getSource('news')?.itemCount).toBe(1);
  });

  it('keeps the history of a source whose URL is only written differently', async () => {
    store.sources.syncSources([{ id: 'news', url: 'https://old.example/rss', title: 'Old Paper' }]);
    await ingestBatch(store, [makeItem({ sourceId: 'news', title: 'Old story one' })], { now, classify: none });
    store.sources.recordSuccess('news', success);
    // As config.json gives it: written differently, the same feed once canonical.
    const url = 'HTTPS://OLD.example:443/rss#top';
    store.sources.syncSources([{ id: 'news', url, title: 'Old Paper', canonicalUrl: canonicalSourceUrl(url) }]);
    expect(store.sources.getSource('news')).toMatchObject({ itemCount: 1, validators: success.validators, siteUrl: 'https://old.example/' });
  });

  it('gives a removed feed its history back when it is added again under its id', async () => {
    store.sources.syncSources([{ id: 'news', url: 'https://old.example/rss', title: 'Old Paper' }]);
    await ingestBatch(store, [makeItem({ sourceId: 'news', title: 'Old story one' })], { now, classify: none });
    store.sources.syncSources([{ id: 'news', url: 'https://new.example/feed.xml', title: 'New Paper' }]);
    await ingestBatch(store, [makeItem({ sourceId: 'news', title: 'New story' })], { now, classify: none });
    store.sources.syncSources([{ id: 'news', url: 'https://old.example/rss', title: 'Old Paper' }]);
    expect(store.sources.getSource('news')).toMatchObject({ url: 'https://old.example/rss', itemCount: 1 });
    expect([...store.stories.iterateRecentItems()].find((item) => item.sourceId === 'news')?.title).toBe('Old story one');
  });
});
