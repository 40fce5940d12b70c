import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNearDuplicateMatcher } from '../../src/cluster/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { ingestBatch } from '../../src/update/ingest-batch.js';
import { readCorpusFeed } from '../parse/read-corpus.js';
import { makeTempDir } from '../support/items.js';

let store: Store<'now'>;
const now = new Date('2026-01-01T00:00:00Z');
const options = { now, classify: () => [], nearDuplicates: createNearDuplicateMatcher({ threshold: 0.4, windowHours: 72 }) };

beforeEach(() => {
  store = openStore(path.join(makeTempDir(), 'test.db'));
});
afterEach(() => store.close());

async function ingestFile(sourceId: string, name: string) {
  const { items } = await readCorpusFeed(name, `https://${sourceId}.example/feed.xml`);
  store.sources.syncSources([{ id: sourceId, url: `https://${sourceId}.example/feed.xml`, title: sourceId }]);
  return { items: items.map((item) => ({ ...item, sourceId })), counts: await ingestBatch(store, items.map((item) => ({ ...item, sourceId })), options) };
}

describe('items without guid, link, title or date keep their own identity', () => {
  it('stores every distinct item of the RSS 0.92 spec sample (22 description-only items, two of them byte-identical)', async () => {
    const { items, counts } = await ingestFile('dead', 'corpus/feed-rs/rss_0.92_spec_1.xml');
    expect(items).toHaveLength(22);
    const distinct = new Set(items.map((item) => item.summary));
    expect(distinct.size).toBe(21);
    expect(counts).toMatchObject({ new: 21, updated: 0, unchanged: 1 });
    const stored = [...store.stories.iterateRecentItems()];
    expect(new Set(stored.map((item) => item.summary))).toEqual(distinct);
    expect(store.stories.countAll()).toEqual({ items: 21, stories: 21 });
    // Read again: nothing is new, nothing overwrites anything.
    const again = await ingestBatch(store, items, options);
    expect(again).toMatchObject({ new: 0, updated: 0, duplicate: 0, unchanged: 22 });
  });
});

describe('no cross-source merge without evidence', () => {
  it('keeps apart two outlets’ headline-only items with generic, symbol-only or emoji titles; merges the wire headline', async () => {
    await ingestFile('daily-progress', '../dedup/headline-only-daily-progress.xml');
    await ingestFile('news-virginian', '../dedup/headline-only-news-virginian.xml');
    const stored = [...store.stories.iterateRecentItems()];
    expect(stored).toHaveLength(10);
    const storiesOf = (title: string) => new Set(stored.filter((item) => item.title === title).map((item) => item.storyId)).size;
    expect(storiesOf('Letters to the editor')).toBe(2);
    expect(storiesOf('Live updates')).toBe(2);
    expect(storiesOf('📷')).toBe(2);
    expect(storiesOf('…')).toBe(2);
    expect(storiesOf('Virginia lawmakers approve budget after marathon overnight session in Richmond')).toBe(1);
    expect(store.stories.countAll().stories).toBe(9);
  });
});
