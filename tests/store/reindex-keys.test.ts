import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNearDuplicateMatcher } from '../../src/cluster/index.js';
import type { KeyScheme, Store } from '../../src/store/index.js';
import { ingestBatch } from '../../src/update/ingest-batch.js';
import { makeItem, makeTempDir } from '../support/items.js';
import { describePostgres, openEmptyPostgresStore, usePostgresDatabase } from '../support/postgres.js';
import { openStoreWithSql } from '../support/sql.js';

const LEAD = 'Armenia and Azerbaijan agreed on Friday on the first stretch of their shared border, the two governments said in a joint statement';

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

/** A store, and a raw read of its rows the Store contract does not show. */
interface Opened {
  store: Store;
  rows<T>(query: string, ...params: (string | number)[]): Promise<T[]>;
  exec(query: string): Promise<void>;
  close(): Promise<void>;
}

/** The same tests on each backend: SQLite always, PostgreSQL where its test cluster runs. */
function describeReindex(describeOn: typeof describe, backend: string, open: () => Promise<Opened>): void {
  describeOn(`Store.reindexKeys on ${backend}`, () => {
    let db: Opened;
    let store: Store;
    const fingerprints = async (): Promise<string[]> => (await db.rows<{ fingerprint: string }>('SELECT fingerprint FROM items ORDER BY id')).map((row) => row.fingerprint);
    const bandsOf = (title: string): Promise<{ key: number; at: number }[]> =>
      db.rows('SELECT band_key AS key, at FROM item_bands WHERE item_id = (SELECT id FROM items WHERE title = $1) ORDER BY band_key', title);
    const meta = async (key: string): Promise<string | undefined> => (await db.rows<{ value: string }>('SELECT value FROM meta WHERE key = $1', key))[0]?.value;

    beforeEach(async () => {
      db = await open();
      store = db.store;
      await store.sources.syncSources(['a', 'b'].map((id) => ({ id, url: `${id}.xml`, title: id })));
      // Items 1 to 5 are in the band index (near-duplicates on, a lead of its own each); item 6 is not.
      const indexed = [1, 2, 3, 4, 5].map((n) =>
        makeItem({ sourceId: n % 2 === 0 ? 'a' : 'b', title: `item ${n}`, contentHtml: `<p>${LEAD.replace('Friday', `day ${n} of the week ${n * 7}`)} number ${n}.</p>` }),
      );
      await ingestBatch(store, indexed, { now: new Date('2024-04-20T00:00:00Z'), classify: () => [], nearDuplicates: createNearDuplicateMatcher({ threshold: 0.99, windowHours: 72 }) });
      await ingestBatch(store, [makeItem({ sourceId: 'a', title: 'item 6' })], { now: new Date('2024-04-20T00:00:00Z'), classify: () => [] });
    });
    afterEach(() => db.close());

    it('rekeys every item of a database that recorded no version, once, keeping each item’s place in the band index', async () => {
      const before = await bandsOf('item 3');
      expect(before.length).toBeGreaterThan(0);
      expect(await bandsOf('item 6')).toEqual([]);

      expect(await store.reindexKeys(schemeOf('2'))).toEqual({ from: null, to: '2', items: 6 });
      expect(await fingerprints()).toEqual([1, 2, 3, 4, 5, 6].map((n) => `2:item ${n}`));
      expect(await bandsOf('item 3')).toEqual([3, 1000].map((key) => ({ key, at: before[0]?.at })));
      // Which items are indexed is the decision's: one it left out stays out.
      expect(await bandsOf('item 6')).toEqual([]);
      expect(await meta('key_scheme')).toBe('2');

      expect(await store.reindexKeys(schemeOf('2'))).toEqual({ from: '2', to: '2', items: 0 });
      expect(await store.reindexKeys(schemeOf('3'))).toEqual({ from: '2', to: '3', items: 6 });
      expect((await fingerprints())[0]).toBe('3:item 1');
    });

    it('resumes a reindex that was cut short where it was, committing chunk by chunk', async () => {
      await expect(Promise.resolve().then(() => store.reindexKeys(schemeOf('2', 'item 4'), 2))).rejects.toThrow(/cannot key item 4/);
      // The first chunk (items 1 and 2) is in; the one that failed (3 and 4) is not; the version is not recorded.
      expect(await fingerprints()).toEqual(['2:item 1', '2:item 2', ...[3, 4, 5, 6].map((n) => makeItem({ sourceId: 'x', title: `item ${n}` }).fingerprint)]);
      expect(await meta('key_scheme')).toBeUndefined();
      expect(JSON.parse((await meta('key_scheme_reindex')) ?? '{}')).toMatchObject({ version: '2' });

      expect(await store.reindexKeys(schemeOf('2'), 2)).toEqual({ from: null, to: '2', items: 4 });
      expect(await fingerprints()).toEqual([1, 2, 3, 4, 5, 6].map((n) => `2:item ${n}`));
      expect(await meta('key_scheme')).toBe('2');
      expect(await meta('key_scheme_reindex')).toBeUndefined();
    });

    it('starts afresh when the reindex cut short was for another version', async () => {
      await expect(Promise.resolve().then(() => store.reindexKeys(schemeOf('2', 'item 4'), 2))).rejects.toThrow();
      expect(await store.reindexKeys(schemeOf('3'), 2)).toEqual({ from: null, to: '3', items: 6 });
      expect(await fingerprints()).toEqual([1, 2, 3, 4, 5, 6].map((n) => `3:item ${n}`));
    });

    it('records the version of an empty database at once', async () => {
      await db.exec('DELETE FROM item_topics; DELETE FROM item_bands; DELETE FROM items; DELETE FROM stories');
      expect(await store.reindexKeys(schemeOf('2'))).toEqual({ from: null, to: '2', items: 0 });
      expect(await meta('key_scheme')).toBe('2');
    });
  });
}

describeReindex(describe, 'SQLite', async () => {
  const { store, sql } = openStoreWithSql(path.join(makeTempDir(), 'test.db'));
  return {
    store,
    rows: async <T>(query: string, ...params: (string | number)[]) => sql.prepare(query.replace(/\$\d+/g, '?')).all(...params) as T[],
    exec: async (query) => void sql.exec(query),
    close: async () => store.close(),
  };
});

describePostgres('on PostgreSQL', () => {
  const database = usePostgresDatabase();
  describeReindex(describe, 'PostgreSQL', async () => {
    const opened = await openEmptyPostgresStore(database.url());
    return { ...opened, rows: (query, ...params) => opened.rows(query, params), exec: async (query) => void (await opened.rows(query)) };
  });
});
