import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.js';
import { ingestBatch } from '../../src/update/ingest-batch.js';
import { makeItem, makeTempDir } from '../support/items.js';

/** 6,000 stories, one a minute, a few old ones in "rare" and every third in "common". */
const STORIES = 6000;
const RARE = new Set([10, 20, 30]);

async function fillStore(store: Store<'now'>): Promise<void> {
  store.sources.syncSources([{ id: 'wire', url: 'https://wire.example/feed', title: 'Wire' }]);
  const items = Array.from({ length: STORIES }, (_, index) =>
    makeItem({ sourceId: 'wire', title: `story ${index}`, publishedAt: new Date(Date.UTC(2024, 0, 1) + index * 60_000).toISOString() }),
  );
  await ingestBatch(store, items, {
    now: new Date('2024-06-01T00:00:00Z'),
    classify: (item) => {
      const index = Number(item.title.split(' ')[1]);
      return [...(RARE.has(index) ? ['rare'] : []), ...(index % 3 === 0 ? ['common'] : [])];
    },
  });
}

describe('listTopicStories', () => {
  let store: Store<'now'> | undefined;
  afterEach(() => store?.close());

  it('finds a topic whose stories are all older than the newest few thousand, newest first', async () => {
    store = openStore(path.join(makeTempDir(), 'topicwire.db'));
    await fillStore(store);
    expect(store.stories.listTopicStories('rare', 50).map((s) => s.face.title)).toEqual(['story 30', 'story 20', 'story 10']);
  });

  it('lists a common topic newest first, stopping at the limit', async () => {
    store = openStore(path.join(makeTempDir(), 'topicwire.db'));
    await fillStore(store);
    const titles = store.stories.listTopicStories('common', 4).map((s) => s.face.title);
    expect(titles).toEqual(['story 5997', 'story 5994', 'story 5991', 'story 5988']);
  });

  it('breaks ties in date by the later story first', async () => {
    store = openStore(path.join(makeTempDir(), 'topicwire.db'));
    store.sources.syncSources([{ id: 'wire', url: 'https://wire.example/feed', title: 'Wire' }]);
    const sameTime = '2024-01-01T00:00:00.000Z';
    await ingestBatch(store, ['a', 'b', 'c'].map((title) => makeItem({ sourceId: 'wire', title, publishedAt: sameTime })), {
      now: new Date('2024-06-01T00:00:00Z'),
      classify: () => ['t'],
    });
    expect(store.stories.listTopicStories('t', 2).map((s) => s.face.title)).toEqual(['c', 'b']);
  });
});
