import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTopicwire, type DaemonProcess } from '../support/daemon.js';
import { makeTempDir } from '../support/items.js';
import { startServer, type TestServer } from '../support/test-server.js';
import { createRandom, LONG, seedFromEnv } from './seeded-random.js';

const ROUNDS = LONG ? 20 : 3;
const SEED = seedFromEnv(20240319);
const SOURCES = ['c0', 'c1', 'c2', 'c3'];
const NEW_PER_FETCH = 10;
const FEED_WINDOW = 150;

/** Each fetch of a source sees NEW_PER_FETCH more items (its newest FEED_WINDOW), so every cycle writes. */
function growingFeed(id: string, hit: number): string {
  const last = hit * NEW_PER_FETCH;
  const items: string[] = [];
  for (let i = Math.max(0, last - FEED_WINDOW); i < last; i += 1) {
    items.push(
      `<item><title>${id} crash story ${i}</title><link>https://${id}.example/${i}</link><guid>${id}-${i}</guid>` +
        `<pubDate>${new Date(Date.UTC(2024, 2, 1) + i * 60_000).toUTCString()}</pubDate><description>Item ${i} of ${id}.</description></item>`,
    );
  }
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>${id}</title><link>https://${id}.example/</link>\n${items.join('\n')}\n</channel></rss>`;
}

let server: TestServer;
let dir: string;
let config: string;
const hits = new Map<string, number>();
const running: DaemonProcess[] = [];

beforeAll(async () => {
  server = await startServer((req, res) => {
    const id = /^\/(c\d)\.xml/.exec(req.url ?? '')?.[1] ?? '';
    const hit = (hits.get(id) ?? 0) + 1;
    hits.set(id, hit);
    const answer = (): void => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(growingFeed(id, hit));
    // One slow source, so some kills land while a fetch is in flight rather than between cycles.
    if (id === 'c3') setTimeout(answer, 150);
    else answer();
  });
  dir = makeTempDir('tw-crash-cycles-');
  config = path.join(dir, 'config.json');
  writeFileSync(
    config,
    JSON.stringify({
      database: 'db.sqlite',
      schedule: '* * * * * *',
      server: { host: '127.0.0.1', port: 0 },
      output: { dir: 'public', items: 50 },
      fetch: { timeoutSeconds: 10 },
      sources: SOURCES.map((id) => ({ id, url: server.url(`/${id}.xml`), interval: 0.01 })),
      topics: [{ id: 'all', title: 'All', query: '-zzqxj' }],
    }),
  );
});

afterAll(async () => {
  for (const daemon of running) daemon.proc.kill('SIGKILL');
  await server?.close();
});

function start(): DaemonProcess {
  const daemon = startTopicwire(['run', '--config', config], { TOPICWIRE_LOG_LEVEL: 'info' });
  running.push(daemon);
  return daemon;
}

function withDb<T>(read: (db: Database.Database) => T, readonly = true): T {
  const db = new Database(path.join(dir, 'db.sqlite'), { readonly });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

interface Snapshot {
  keys: Map<string, number>;
  integrity: string;
  foreignKeys: unknown[];
}

/** What the database holds right after a kill: opened read-write, so SQLite recovers from the WAL first. */
function snapshotAfterKill(): Snapshot {
  return withDb(
    (db) => ({
      integrity: db.pragma('integrity_check', { simple: true }) as string,
      foreignKeys: db.pragma('foreign_key_check') as unknown[],
      keys: new Map((db.prepare('SELECT source_id, identity_key, id FROM items').all() as { source_id: string; identity_key: string; id: number }[]).map((r) => [`${r.source_id} ${r.identity_key}`, r.id])),
    }),
    false,
  );
}

/** The published files that exist are whole: a kill never leaves half a feed under its real name. */
function readPublishedFiles(): { name: string; whole: boolean }[] {
  const topics = path.join(dir, 'public', 'topics');
  let names: string[];
  try {
    names = readdirSync(topics).filter((name) => !name.startsWith('.'));
  } catch {
    return [];
  }
  return names.map((name) => {
    const text = readFileSync(path.join(topics, name), 'utf8').trimEnd();
    const closing = name.endsWith('.rss') ? '</rss>' : name.endsWith('.html') ? '</html>' : '</feed>';
    const whole = name.endsWith('.json') ? (JSON.parse(text) as { version?: string }).version !== undefined : text.endsWith(closing);
    return { name, whole };
  });
}

describe(`kill -9 at random points of ${ROUNDS} ingest cycles (seed ${SEED}; TOPICWIRE_SEED=${SEED} replays it)`, () => {
  it('restarts to an intact database holding every committed item once, and the next cycle completes', async () => {
    const random = createRandom(SEED);
    let daemon = start();
    const killPoints: string[] = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      // The kill point: the k-th fetch this process logs, then up to 250 ms more (ingest, build, the next fetch).
      const k = random.int(1, 3 * SOURCES.length);
      const extraMs = random.int(0, 250);
      let seen = 0;
      const fetchEvent = await daemon.waitFor((e) => e.event === 'fetch' && ++seen === k, `fetch event ${k} of round ${round}`);
      await delay(extraMs);
      daemon.proc.kill('SIGKILL');
      expect(await daemon.exited).toEqual({ code: null, signal: 'SIGKILL' });
      killPoints.push(`round ${round}: ${extraMs} ms after fetch #${k} (${String(fetchEvent.source)})`);

      const before = snapshotAfterKill();
      expect(before.integrity, killPoints.at(-1)).toBe('ok');
      expect(before.foreignKeys).toEqual([]);
      for (const file of readPublishedFiles()) expect(file, killPoints.at(-1)).toMatchObject({ whole: true });

      daemon = start();
      await daemon.waitFor((e) => e.event === 'cycle', `the first cycle after restart ${round}`);
      withDb((db) => {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const now = new Map((db.prepare('SELECT source_id, identity_key, id FROM items').all() as { source_id: string; identity_key: string; id: number }[]).map((r) => [`${r.source_id} ${r.identity_key}`, r.id]));
        const lost = [...before.keys].filter(([key, id]) => now.get(key) !== id).map(([key]) => key);
        expect(lost, killPoints.at(-1)).toEqual([]);
        expect(now.size).toBeGreaterThanOrEqual(before.keys.size);
        expect(db.prepare('SELECT source_id, guid, count(*) AS n FROM items GROUP BY source_id, guid HAVING n > 1').all()).toEqual([]);
        expect(db.prepare('SELECT count(*) AS n FROM stories WHERE id NOT IN (SELECT story_id FROM items)').get()).toEqual({ n: 0 });
        expect(db.prepare("SELECT count(*) AS n FROM items WHERE id NOT IN (SELECT item_id FROM item_topics WHERE topic_id = 'all')").get()).toEqual({ n: 0 });
      });
    }
    if (LONG) console.info(`kill points (seed ${SEED}):\n${killPoints.join('\n')}`);
    daemon.proc.kill('SIGTERM');
    expect(await daemon.exited).toEqual({ code: 0, signal: null });
    const total = withDb((db) => (db.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n);
    expect(total).toBeGreaterThan(0);
  }, ROUNDS * 15_000 + 30_000);
});
