import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { runTopicwire, writeSampleConfig } from '../support/cli.js';
import { makeTempDir } from '../support/items.js';

// A daemon's cycle holds SQLite's write lock while it stores a batch; on a
// loaded server that can outlast the busy timeout. A command that only reads
// must not need that lock at all.
let config: string;
let database: string;

beforeAll(async () => {
  const dir = makeTempDir('tw-readlock-');
  config = writeSampleConfig(dir);
  database = path.join(dir, 'topicwire.db');
  expect((await runTopicwire(['fetch', '--config', config])).code).toBe(0);
});

describe('a reading command while another process holds the write lock', () => {
  it.each([['sources', 'list'], ['items', '--limit', '3'], ['search', 'nato']])('%s %s answers at once', async (...args) => {
    const writer = new Database(database);
    writer.pragma('busy_timeout = 0');
    writer.exec('BEGIN IMMEDIATE');
    try {
      const run = await runTopicwire([...args, '--config', config]);
      expect(run.err).toBe('');
      expect(run.code).toBe(0);
      expect(run.out).not.toBe('');
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
  });
});
