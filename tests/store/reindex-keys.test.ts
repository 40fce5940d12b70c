import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNearDuplicateMatcher } from '../../src/cluster/index.js';
import type { KeyScheme, Store } from '../../src/store/index.js';
import type { Db } from '../../src/store/open-store.js';
import { ingestBatch } from '../../src/update/ingest-batch.js';
import { makeItem, makeTempDir } from '../support/items.js';
import { openStoreWithSql } from '../support/sql.js';

const LEAD = 'Armenia and Azerbaijan agreed on Friday on the first stretch of their shared border, the two governments said in a joint statement';
let store: Store<'now'>;
let sql: Db;

/** A scheme whose keys say which version and which item made them. */
function schemeOf(version: string, failOn?: string): KeyScheme {
  return {
    version,
    fingerprintOf: (item) => {
      if (item.title === failOn) throw new Error(`cannot key ${item.title}`);
      return `${version}:${item.title}`;
    },
    bandKeysOf: (item) => [Number(item.title.replace(/\D/g, '')), 1000],
  };
}

const fingerprints = (): string[] => (sql.prepare('SELECT fingerprint FROM items ORDER BY id').all() as { fingerprint: string }[]).map((row) => row.fingerprint);
const bandsOf = (title: string) => sql.prepare('SELECT band_key AS key, at FROM item_bands WHERE item_id = (SELECT id FROM items WHERE title = ?) ORDER BY band_key').all(title) as { key: number; at: number }[];
const meta = (key: string) => (sql.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;

beforeEach(async () => {
  ({ store, sql } = openStoreWithSql(path.join(makeTempDir(), 'test.db')));
  store.sources.syncSources(['a', 'b'].map((id) => ({ id, url: `${id}.xml`, title: id })));
  // Items 1 to 5 are in the band index (near-duplicates on, a lead of its own each); item 6 is not.
  const indexed = [1, 2, 3, 4, 5].map((n) =>
    makeItem({ sourceId: n % 2 === 0 ? 'a' : 'b', title: `item ${n}`, contentHtml: `<p>${LEAD.replace('Friday', `day ${n} of the week ${n * 7}`)} number ${n}.</p>` }),
  );
  await ingestBatch(store, indexed, { now: new Date('2024-04-20T00:00:00Z'), classify: () => [], nearDuplicates: createNearDuplicateMatcher({ threshold: 0.99, windowHours: 72 }) });
  await ingestBatch(store, [makeItem({ sourceId: 'a', title: 'item 6' })], { now: new Date('2024-04-20T00:00:00Z'), classify: () => [] });
});
afterEach(() => store.close());

describe('Store.reindexKeys', () => {
  it('rekeys every item of a database that recorded no version, once, keeping each item’s place in the band index', () => {
    const before = bandsOf('item 3');
    expect(before.length).toBeGreaterThan(0);
    expect(bandsOf('item 6')).toEqual([]);

    expect(store.reindexKeys(schemeOf('2'))).toEqual({ from: null, to: '2', items: 6 });
    expect(fingerprints()).toEqual([1, 2, 3, 4, 5, 6].map((n) => `2:item ${n}`));
    expect(bandsOf('item 3')).toEqual([3, 1000].map((key) => ({ key, at: before[0]?.at })));
    // Which items are indexed is the decision's: one it left out stays out.
    expect(bandsOf('item 6')).toEqual([]);
    expect(meta('key_scheme')).toBe('2');

    expect(store.reindexKeys(schemeOf('2'))).toEqual({ from: '2', to: '2', items: 0 });
    expect(store.reindexKeys(schemeOf('3'))).toEqual({ from: '2', to: '3', items: 6 });
    expect(fingerprints()[0]).toBe('3:item 1');
  });

  it('resumes a reindex that was cut short where it was, committing chunk by chunk', () => {
    expect(() => store.reindexKeys(schemeOf('2', 'item 4'), 2)).toThrow(/cannot key item 4/);
    // The first chunk (items 1 and 2) is in; the one that failed (3 and 4) is not; the version is not recorded.
    expect(fingerprints()).toEqual(['2:item 1', '2:item 2', ...[3, 4, 5, 6].map((n) => makeItem({ sourceId: 'x', title: `item ${n}` }).fingerprint)]);
    expect(meta('key_scheme')).toBeUndefined();
    expect(JSON.parse(meta('key_scheme_reindex') ?? '{}')).toMatchObject({ version: '2' });

    expect(store.reindexKeys(schemeOf('2'), 2)).toEqual({ from: null, to: '2', items: 4 });
    expect(fingerprints()).toEqual([1, 2, 3, 4, 5, 6].map((n) => `2:item ${n}`));
    expect(meta('key_scheme')).toBe('2');
    expect(meta('key_scheme_reindex')).toBeUndefined();
  });

  it('starts afresh when the reindex cut short was for another version', () => {
    expect(() => store.reindexKeys(schemeOf('2', 'item 4'), 2)).toThrow();
    expect(store.reindexKeys(schemeOf('3'), 2)).toEqual({ from: null, to: '3', items: 6 });
    expect(fingerprints()).toEqual([1, 2, 3, 4, 5, 6].map((n) => `3:item ${n}`));
  });

  it('records the version of an empty database at once', () => {
    sql.exec('DELETE FROM item_topics; DELETE FROM item_bands; DELETE FROM items; DELETE FROM stories');
    expect(store.reindexKeys(schemeOf('2'))).toEqual({ from: null, to: '2', items: 0 });
    expect(meta('key_scheme')).toBe('2');
  });
});
