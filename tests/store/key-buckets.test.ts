import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createEventMatcher, createNearDuplicateMatcher } from '../../src/cluster/index.js';
import type { NormalizedItem } from '../../src/model.js';
import { BAND_SPAN_MINUTES, EVENT_SPAN_HOURS, spansBetween } from '../../src/store/key-buckets.js';
import { migrations } from '../../src/store/migrations.js';
import { findEquivalences } from '../../src/topics/index.js';
import { ingestBatch } from '../../src/update/ingest-batch.js';
import { makePeskovReports, NATO_NAMES } from '../support/event-reports.js';
import { makeItem, makeTempDir } from '../support/items.js';
import { countRows, openStoreWithSql } from '../support/sql.js';

const events = createEventMatcher({ threshold: 0.2, windowHours: 48, equivalences: findEquivalences(NATO_NAMES) });
const nearDuplicates = createNearDuplicateMatcher({ threshold: 0.4, windowHours: 72 });

const hourOf = (iso: string) => Date.parse(iso) / 3_600_000;
const spanOf = (at: number, width: number) => Math.trunc(at / width);

async function storeInTurn(items: readonly NormalizedItem[]) {
  const { store, sql } = openStoreWithSql(path.join(makeTempDir('tw-spans-'), 'tw.db'));
  store.sources.syncSources([...new Set(items.map((i) => i.sourceId))].map((id) => ({ id, url: `https://${id}.example/feed`, title: id })));
  for (const item of items) await ingestBatch(store, [item], { now: new Date(item.publishedAt ?? 0), classify: () => [], nearDuplicates, events });
  const storyOf = (item: NormalizedItem) => store.stories.listRecentItems({ sourceId: item.sourceId, limit: 1 })[0];
  return { store, sql, storyOf };
}

describe('the key indexes’ spans of time', () => {
  it('lists every span a window touches, as SQLite divides an integer time', () => {
    expect(spansBetween(0, 47, 48)).toBe('[0]');
    expect(spansBetween(47, 49, 48)).toBe('[0,1]');
    expect(spansBetween(100, 300, 48)).toBe('[2,3,4,5,6]');
    // Before 1970 SQLite's integer division truncates toward zero: -1 / 48 is 0.
    expect(spansBetween(-49, -1, 48)).toBe('[-1,0]');
  });

  it('joins another outlet’s report of the event dated in the next span of the event index', async () => {
    // 2024-03-20T00:00Z is a multiple of 48 hours since the epoch: the two reports are in neighbouring spans.
    const { english, russian } = makePeskovReports({
      english: { sourceId: 'rt', publishedAt: '2024-03-19T22:00:00.000Z' },
      russian: { sourceId: 'interfax', publishedAt: '2024-03-20T03:00:00.000Z' },
    });
    expect(spanOf(hourOf(russian.publishedAt!), EVENT_SPAN_HOURS)).toBe(spanOf(hourOf(english.publishedAt!), EVENT_SPAN_HOURS) + 1);
    // Either may arrive first: the window reaches back into the span before and ahead into the one after.
    for (const [first, second] of [[english, russian], [russian, english]] as const) {
      const { store, storyOf } = await storeInTurn([first, second]);
      expect(storyOf(second)?.mergeReason).toBe('event');
      expect(storyOf(second)?.storyId).toBe(storyOf(first)?.storyId);
      store.close();
    }
  });

  it('joins a copy dated in the next span of the near-duplicate index', async () => {
    // 2024-04-20T00:00Z is a multiple of 72 hours since the epoch.
    const lead =
      'Armenia and Azerbaijan have agreed on the first stretch of their shared border, the two governments said on Friday, the first tangible result of peace talks since Baku retook Nagorno-Karabakh last September.';
    const rest = ' The deputy prime ministers leading the two border commissions agreed at their eighth meeting to delimit a section between Armenia’s Tavush region and Azerbaijan’s Gazakh district.';
    const original = makeItem({ sourceId: 'wire', title: 'Border deal', guid: 'a', contentHtml: `<p>${lead}${rest}</p>`, publishedAt: '2024-04-19T20:00:00.000Z' });
    const copy = makeItem({ sourceId: 'post', title: 'Armenia, Azerbaijan agree first border stretch', guid: 'b', contentHtml: `<p>${lead}</p>`, publishedAt: '2024-04-20T04:00:00.000Z' });
    const minutesOf = (item: NormalizedItem) => Date.parse(item.publishedAt!) / 60_000;
    expect(spanOf(minutesOf(copy), BAND_SPAN_MINUTES)).toBe(spanOf(minutesOf(original), BAND_SPAN_MINUTES) + 1);
    for (const [first, second] of [[original, copy], [copy, original]] as const) {
      const { store, storyOf } = await storeInTurn([first, second]);
      expect(storyOf(second)?.mergeReason).toBe('near-duplicate');
      expect(storyOf(second)?.storyId).toBe(storyOf(first)?.storyId);
      store.close();
    }
  });

  it('moves a schema-7 database’s keys into the span-ordered indexes, every row kept', async () => {
    const file = path.join(makeTempDir('tw-spans-'), 'tw.db');
    const old = new Database(file);
    for (const migration of migrations.slice(0, 7)) old.exec(migration);
    old.pragma('user_version = 7');
    old.exec(`
      INSERT INTO sources (id, url, title) VALUES ('wire', 'https://wire.example/feed', 'wire');
      INSERT INTO stories (id, uid, sort_date, created_at) VALUES (1, 'urn:a', '2024-03-19', '2024-03-19');
      INSERT INTO items (id, source_id, identity_key, identity_from, title, summary, content_html, text, categories, story_id, first_seen_at, last_seen_at, fingerprint, content_hash)
        VALUES (1, 'wire', 'guid:a', 'guid', 'A', '', '<p>a</p>', 'a', '[]', 1, '2024-03-19', '2024-03-19', 'f', 'c');
      INSERT INTO event_keys (event_key, at, item_id) VALUES (7, 475224, 1), (9, 475224, 1);
      INSERT INTO item_bands (band_key, at, item_id) VALUES (3, 28513440, 1), (5, 28513440, 1);`);
    old.close();
    const { store, sql } = openStoreWithSql(file);
    expect(sql.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(sql.prepare('SELECT event_key, at, item_id FROM event_keys ORDER BY event_key').all()).toEqual([
      { event_key: 7, at: 475224, item_id: 1 },
      { event_key: 9, at: 475224, item_id: 1 },
    ]);
    expect(countRows(sql, 'SELECT count(*) AS n FROM item_bands WHERE item_id = 1')).toBe(2);
    const indexes = (sql.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('event_keys', 'item_bands') ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(indexes).toEqual(['event_keys_item', 'event_keys_window', 'item_bands_item', 'item_bands_window']);
    // Deleting an item still deletes its keys.
    sql.exec('DELETE FROM items WHERE id = 1');
    expect(countRows(sql, 'SELECT count(*) AS n FROM event_keys') + countRows(sql, 'SELECT count(*) AS n FROM item_bands')).toBe(0);
    store.close();
  });
});
