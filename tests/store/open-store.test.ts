import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.js';
import { migrations } from '../../src/store/migrations.js';
import { choosePageCacheKib, MAX_PAGE_CACHE_KIB, MIN_PAGE_CACHE_KIB, type Db } from '../../src/store/open-store.js';
import { makeTempDir } from '../support/items.js';
import { openStoreWithSql } from '../support/sql.js';

let store: Store<'now'>;
let sql: Db;

beforeEach(() => {
  ({ store, sql } = openStoreWithSql(path.join(makeTempDir(), 'test.db')));
  store.sources.syncSources([
    { id: 'a', url: 'a.xml', title: 'A' },
    { id: 'b', url: 'b.xml', title: 'B' },
  ]);
});
afterEach(() => store.close());

describe('openStore', () => {
  it('uses WAL, foreign keys and the current schema version, and reopens without migrating twice', () => {
    expect(sql.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sql.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sql.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(sql.pragma('auto_vacuum', { simple: true })).toBe(2);
    const file = store.file;
    store.close();
    store = openStore(file);
    expect(store.sources.listSources().map((s) => s.id)).toEqual(['a', 'b']);
  });

  it('refuses a database from a newer topicwire', () => {
    sql.pragma('user_version = 99');
    const file = store.file;
    store.close();
    expect(() => openStore(file)).toThrow(/schema version 99, newer than this topicwire/);
    store = openStore(path.join(makeTempDir(), 'x.db'));
  });

  it('gives a small database 4 MiB of page cache, a quarter of the 16 MB better-sqlite3 is built with', () => {
    const cacheSize = sql.pragma('cache_size', { simple: true }) as number;
    expect(cacheSize).toBe(-4096);
    expect(MIN_PAGE_CACHE_KIB).toBe(4096);
  });

  it('grows the page cache with the file past a gigabyte, to at most 16 MiB', () => {
    const GiB = 1024 ** 3;
    expect([0, 0.5 * GiB, GiB, 2 * GiB, 3 * GiB, 4 * GiB, 6 * GiB, 100 * GiB].map(choosePageCacheKib)).toEqual([4096, 4096, 4096, 8192, 12288, 16384, 16384, 16384]);
    expect(MAX_PAGE_CACHE_KIB).toBe(16384);
  });
});
