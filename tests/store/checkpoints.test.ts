import { statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCheckpoints } from '../../src/store/checkpoints.js';
import type { Store } from '../../src/store/index.js';
import { createBandIndex } from '../../src/store/near-duplicates.js';
import type { Db } from '../../src/store/open-store.js';
import { createKeyReindexer } from '../../src/store/reindex-keys.js';
import { ingestBatch } from '../../src/update/ingest-batch.js';
import { makeItem, makeTempDir } from '../support/items.js';
import { openStoreWithSql } from '../support/sql.js';

let store: Store<'now'> | undefined;
afterEach(() => store?.close());

const open = (): { s: Store<'now'>; sql: Db } => {
  const opened = openStoreWithSql(path.join(makeTempDir('tw-checkpoint-'), 'db.sqlite'));
  store = opened.store;
  store.sources.syncSources([{ id: 'a', url: 'https://a.example/feed', title: 'A' }]);
  return { s: opened.store, sql: opened.sql };
};
const now = new Date('2024-03-21T00:00:00Z');
/** 40 batches of 20 items with 10 KB of HTML each: about 8 MB of pages, twice SQLite's checkpoint threshold. */
const ingestMany = async (s: Store<'now'>): Promise<void> => {
  for (let batch = 0; batch < 40; batch += 1) {
    const items = Array.from({ length: 20 }, (_, i) => makeItem({ sourceId: 'a', title: `Story ${batch}-${i}`, contentHtml: `<p>${`${batch}-${i} `.repeat(2000)}</p>` }));
    await ingestBatch(s, items, { now, classify: () => [] });
  }
};
const walBytes = (s: Store<'now'>): number => statSync(`${s.file}-wal`).size;
/** Frames in the WAL and how many of them are already in the database file. */
const walState = (sql: Db) => (sql.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[])[0];

describe('checkpoints', () => {
  it('are not taken during a cycle, and taken once at its end', async () => {
    const { s, sql } = open();
    await s.duringCycle(async () => {
      expect(sql.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      await ingestMany(s);
      // SQLite alone would have checkpointed and restarted the WAL at about 4 MB.
      expect(walBytes(s)).toBeGreaterThan(6_000_000);
    });
    expect(sql.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    const { log, checkpointed } = walState(sql)!;
    expect(checkpointed).toBe(log);
    expect(statSync(s.file).size).toBeGreaterThan(6_000_000);
  });

  it('outside a cycle, stay SQLite’s automatic ones', async () => {
    const { s } = open();
    await ingestMany(s);
    expect(walBytes(s)).toBeLessThan(6_000_000);
  });

  it('are taken during a cycle once the WAL passes its limit', async () => {
    const { s, sql } = open();
    const checkpoints = createCheckpoints(sql, s.file, 2_000_000);
    await checkpoints.deferDuring(async () => {
      for (let batch = 0; batch < 3; batch += 1) {
        const items = Array.from({ length: 20 }, (_, i) => makeItem({ sourceId: 'a', title: `Big ${batch}-${i}`, contentHtml: `<p>${'x '.repeat(30_000)}${i}</p>` }));
        await ingestBatch(s, items, { now, classify: () => [] });
        checkpoints.afterCommit();
      }
      // Each batch is ~1.2 MB: the second commit passes 2 MB and is checkpointed.
      expect(statSync(s.file).size).toBeGreaterThan(2_000_000);
    });
  });

  it('are taken during a cycle once a reindex of stored keys has grown the WAL past its limit', async () => {
    const { s, sql } = open();
    await ingestMany(s);
    sql.pragma('wal_checkpoint(TRUNCATE)');
    const checkpoints = createCheckpoints(sql, s.file, 2_000_000);
    const reindex = createKeyReindexer(sql, createBandIndex(sql), checkpoints.afterCommit);
    const scheme = { version: 'next', fingerprintOf: (item: { title: string }) => `next:${item.title}`, bandKeysOf: () => [] };
    const result = await checkpoints.deferDuring(async () => reindex(scheme, 50));
    expect(result.items).toBe(800);
    // Every item's row is rewritten: without checkpoints all of it stays in the WAL (18.6 MB here).
    expect(walBytes(s)).toBeLessThan(4_000_000);
    expect(sql.prepare("SELECT count(*) AS n FROM items WHERE fingerprint LIKE 'next:%'").get()).toEqual({ n: 800 });
  });

  it('once past the limit, checkpoint again only after the WAL grew past it again, not after every commit', async () => {
    const { s, sql } = open();
    let taken = 0;
    // Counts the checkpoints the deferral asks for, passing everything else through.
    const counted = new Proxy(sql, {
      get(target, key) {
        const value: unknown = Reflect.get(target, key, target);
        if (key === 'pragma') {
          return (source: string, options?: { simple?: boolean }) => {
            if (source.startsWith('wal_checkpoint')) taken += 1;
            return target.pragma(source, options);
          };
        }
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    const checkpoints = createCheckpoints(counted, s.file, 2_000_000);
    await checkpoints.deferDuring(async () => {
      for (let batch = 0; batch < 3; batch += 1) {
        const items = Array.from({ length: 10 }, (_, i) => makeItem({ sourceId: 'a', title: `Big ${batch}-${i}`, contentHtml: `<p>${'x '.repeat(30_000)}${i}</p>` }));
        await ingestBatch(s, items, { now, classify: () => [] });
        checkpoints.afterCommit();
      }
      // About 4 MB of WAL in all: passing the 2 MB limit called for a checkpoint, which emptied the WAL.
      expect(taken).toBeGreaterThanOrEqual(1);
      const past = taken;
      // Small commits after it: a WAL file that a checkpoint emptied is no reason for another.
      for (let batch = 0; batch < 20; batch += 1) {
        await ingestBatch(s, [makeItem({ sourceId: 'a', title: `Small ${batch}` })], { now, classify: () => [] });
        checkpoints.afterCommit();
      }
      // Before, each of the 20 checkpointed; now only one that grows the WAL past the limit again may.
      expect(taken - past).toBeLessThanOrEqual(1);
    });
  });
});
