import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEventMatcher, createNearDuplicateMatcher } from '../../src/cluster/index.js';
import type { NormalizedItem } from '../../src/model.js';
import { findEquivalences } from '../../src/topics/index.js';
import { ingestBatch } from '../../src/update/ingest-batch.js';
import { makePeskovReports, NATO_NAMES } from '../support/event-reports.js';
import { makeItem, makeTempDir } from '../support/items.js';
import { countRows, openStoreWithSql } from '../support/sql.js';

const equivalences = findEquivalences(NATO_NAMES);
const events = createEventMatcher({ threshold: 0.2, windowHours: 48, equivalences });
const nearDuplicates = createNearDuplicateMatcher({ threshold: 0.4, windowHours: 72 });

const { english, russian } = makePeskovReports({
  english: { sourceId: 'rt', publishedAt: '2024-03-19T10:24:00.000Z' },
  russian: { sourceId: 'interfax', publishedAt: '2024-03-19T12:00:00.000Z' },
});
const otherEvent = makeItem({
  sourceId: 'wire',
  title: 'Sweden joins NATO as its 32nd member',
  contentHtml: '<p>Sweden formally became the 32nd member of NATO on Thursday, when Prime Minister Ulf Kristersson handed the accession documents to US Secretary of State Antony Blinken in Washington.</p>',
  publishedAt: '2024-03-19T14:00:00.000Z',
});

async function store(items: readonly NormalizedItem[], options: { events: boolean }) {
  const { store: s, sql } = openStoreWithSql(path.join(makeTempDir('tw-events-'), 'tw.db'));
  s.sources.syncSources(['rt', 'interfax', 'wire'].map((id) => ({ id, url: `https://${id}.example/feed`, title: id })));
  for (const item of items) {
    const now = new Date(item.publishedAt ?? '2024-03-19T12:00:00Z');
    await ingestBatch(s, [item], { now, classify: () => [], nearDuplicates, ...(options.events ? { events } : {}) });
  }
  return { store: s, sql, storyOf: (item: NormalizedItem) => s.stories.listRecentItems({ sourceId: item.sourceId, limit: 1 })[0] };
}

describe('event clustering in the update step', () => {
  it('joins another outlet’s report of the event in another language, and records why', async () => {
    const { store: s, sql, storyOf } = await store([english, russian, otherEvent], { events: true });
    const en = storyOf(english);
    const ru = storyOf(russian);
    expect(ru?.storyId).toBe(en?.storyId);
    expect(ru?.mergeReason).toBe('event');
    expect(ru?.mergedWith).toBe(en?.id);
    expect(ru?.mergeScore).toBeGreaterThanOrEqual(0.2);
    expect(storyOf(otherEvent)?.storyId).not.toBe(en?.storyId);
    // Every report keeps its evidence and keys for the next one.
    expect(countRows(sql, 'SELECT count(*) AS n FROM items WHERE event_features IS NOT NULL')).toBe(3);
    expect(countRows(sql, 'SELECT count(DISTINCT item_id) AS n FROM event_keys')).toBe(3);
    s.close();
  });

  it('with "events": false keeps copy-only merging: the two reports stay two stories, and nothing is indexed', async () => {
    const { store: s, sql, storyOf } = await store([english, russian], { events: false });
    expect(storyOf(russian)?.storyId).not.toBe(storyOf(english)?.storyId);
    expect(countRows(sql, 'SELECT count(*) AS n FROM event_keys')).toBe(0);
    s.close();
  });

  it('never joins a story its own outlet already reported', async () => {
    const second = { ...russian, sourceId: 'rt', identityKey: 'guid:rt-ru', guid: 'rt-ru' };
    const { store: s, storyOf } = await store([english, second], { events: true });
    const stories = s.stories.listStories({ limit: 10 });
    expect(stories).toHaveLength(2);
    expect(storyOf(english)).toBeDefined();
    s.close();
  });

  it('replaces an item’s keys when its text is updated in place', async () => {
    const { store: s, sql } = await store([english], { events: true });
    const before = countRows(sql, 'SELECT count(*) AS n FROM event_keys');
    const edited = { ...english, contentHtml: `${english.contentHtml}<p>Peskov added that Moscow maintains close ties with Baku and Yerevan.</p>`, contentHash: 'edited' };
    edited.text = edited.contentHtml.replace(/<[^>]+>/g, '');
    await ingestBatch(s, [edited], { now: new Date('2024-03-19T13:00:00Z'), classify: () => [], events });
    const after = countRows(sql, 'SELECT count(*) AS n FROM event_keys');
    expect(after).toBeGreaterThanOrEqual(before);
    expect(countRows(sql, "SELECT count(*) AS n FROM items WHERE event_features LIKE '%bk%' OR event_features LIKE '%rvn%'")).toBe(1);
    s.close();
  });
});
