import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';
import { compileTopics } from '../../src/update/match-topics.js';
import { describeHealth } from '../../src/daemon/health.js';
import { updateSources } from '../../src/update/update-sources.js';
import { makeTempDir } from '../support/items.js';
import { countRows, openStoreWithSql } from '../support/sql.js';

const day = 86_400_000;
const start = Date.UTC(2024, 0, 1);

/** A feed file listing items [from, to) of a source that posts `perDay` items a day. */
function writeFeed(file: string, from: number, to: number): void {
  const items = Array.from({ length: to - from }, (_, k) => {
    const n = from + k;
    const date = new Date(start + Math.floor(n / 20) * day).toUTCString();
    const topic = n % 2 === 0 ? 'NATO' : 'weather';
    return `<item><title>${topic} story ${n}</title><link>https://a.example/${n}</link><guid>a-${n}</guid><pubDate>${date}</pubDate><description>Report number ${n} on ${topic}.</description></item>`;
  });
  writeFileSync(file, `<?xml version="1.0"?><rss version="2.0"><channel><title>A</title>${items.join('')}</channel></rss>`);
}

function setUp(retentionDays: number, items: number) {
  const dir = makeTempDir('tw-retention-');
  const feed = path.join(dir, 'a.xml');
  const config = parseConfig(
    JSON.stringify({ retentionDays, output: { items }, sources: [{ id: 'a', url: feed }], topics: [{ id: 'nato', title: 'NATO', query: 'nato' }] }),
    path.join(dir, 'config.json'),
  );
  const { store, sql } = openStoreWithSql(config.database);
  let now = start;
  const deps = { store, config, topics: compileTopics(config), logger: pino({ level: 'silent' }), now: () => new Date(now) };
  return {
    store,
    sql,
    feed,
    setDay: (d: number) => (now = start + d * day),
    cycle: () => updateSources(deps, config.sources),
    prune: () =>
      store.retention.prune({
        now: new Date(now),
        expiredBefore: new Date(now - retentionDays * day),
        keepPerTopic: items,
        forgetTombstonesBefore: new Date(now - 30 * day),
      }),
  };
}

describe('retention', () => {
  it('removes expired stories but keeps what a topic feed shows, and a pruned item does not come back', async () => {
    const run = setUp(30, 3);
    writeFeed(run.feed, 0, 10);
    await run.cycle();
    run.setDay(40);
    expect(run.prune()).toMatchObject({ stories: 7, items: 7 });
    // The three newest NATO stories stay: they are still the topic feed's window.
    expect(run.store.stories.listTopicStories('nato', 10).map((s) => s.face.title)).toEqual(['NATO story 8', 'NATO story 6', 'NATO story 4']);
    expect(countRows(run.sql, 'SELECT count(*) AS n FROM tombstones')).toBe(7);

    writeFeed(run.feed, 0, 11);
    const summary = await run.cycle();
    expect(summary.totals).toMatchObject({ new: 1, tombstoned: 7 });
    expect(countRows(run.sql, 'SELECT count(*) AS n FROM items')).toBe(4);
    run.store.close();
  });

  it('keeps the database from growing over months of cycles', async () => {
    const run = setUp(14, 10);
    const sizes: number[] = [];
    for (let d = 0; d < 120; d += 1) {
      run.setDay(d);
      // The feed lists its newest 40 items, 20 new ones a day.
      writeFeed(run.feed, Math.max(0, (d + 1) * 20 - 40), (d + 1) * 20);
      await run.cycle();
      run.prune();
      run.sql.pragma('wal_checkpoint(TRUNCATE)');
      sizes.push(statSync(run.store.file).size);
    }
    expect(countRows(run.sql, 'SELECT count(*) AS n FROM items')).toBeLessThanOrEqual(15 * 20);
    // A tombstone is forgotten 30 days after its feed last listed it: about 30 days of items.
    expect(countRows(run.sql, 'SELECT count(*) AS n FROM tombstones')).toBeLessThanOrEqual(32 * 20);
    expect(countRows(run.sql, 'SELECT count(*) AS n FROM cycles')).toBeLessThanOrEqual(1000);
    // After the first retention period the file stops growing.
    expect(sizes[119]).toBeLessThanOrEqual((sizes[59] ?? 0) * 1.1);
    run.store.close();
  });
});

describe('health', () => {
  it('answers 503 when no cycle completed within three schedule periods', async () => {
    const run = setUp(30, 3);
    const period = 15 * 60_000;
    expect(await describeHealth(run.store, new Date(start), period)).toMatchObject({ status: 503, body: { status: 'starting', lastCycle: null } });
    writeFeed(run.feed, 0, 2);
    await run.cycle();
    expect(await describeHealth(run.store, new Date(start + 2 * period), period)).toMatchObject({ status: 200, body: { status: 'ok', sources: { ok: 1 } } });
    expect(await describeHealth(run.store, new Date(start + 4 * period), period)).toMatchObject({ status: 503, body: { status: 'stale' } });
    run.store.close();
  });
});
