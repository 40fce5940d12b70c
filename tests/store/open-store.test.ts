import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAGE_CACHE_KIB } from '../../src/store/open-store.js';
import { makeTempDir, withStore } from '../support/items.js';

describe('openStore', () => {
  it('bounds SQLite page cache below the 16 MB better-sqlite3 is built with', () => {
    withStore(path.join(makeTempDir(), 'cache.db'), (store) => {
      const cacheSize = store.db.pragma('cache_size', { simple: true }) as number;
      expect(cacheSize).toBe(-PAGE_CACHE_KIB);
      expect(-cacheSize).toBeLessThan(16_000);
    });
  });
});
