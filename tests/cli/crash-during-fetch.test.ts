import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/items.js';
import { repoRoot } from '../support/cli.js';
import { startServer, type TestServer } from '../support/test-server.js';

const main = path.join(repoRoot, 'dist/main.js');
const feedCount = 6;
const itemsPerFeed = 20;
const killAt = '/s3.xml';

const feed = (n: number) => `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Feed ${n}</title>
${Array.from({ length: itemsPerFeed }, (_, i) => `<item><title>Story ${n}-${i}</title><link>https://s${n}.example/${i}</link><guid>s${n}-${i}</guid></item>`).join('\n')}
</channel></rss>`;

let server: TestServer;
let child: ChildProcess | undefined;
let killing = true;
let dir: string;
let config: string;

/** Resolves when the running fetch logs its first stored source (the log line follows the commit). */
let firstStored: Promise<void> = Promise.resolve();

function runFetch(): { child: ChildProcess; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> } {
  const proc = spawn(process.execPath, [main, 'fetch', '--config', config], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, TOPICWIRE_LOG_LEVEL: 'info' },
  });
  firstStored = new Promise((resolve) => {
    let log = '';
    proc.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (/"event":"fetch"[^\n]*"status":"ok"/.test(log)) resolve();
    });
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child: proc, exited };
}

const countRows = (sql: string): number => {
  const db = new Database(path.join(dir, 'db.sqlite'), { readonly: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  if (!existsSync(main)) throw new Error(`${main} is missing: run "npm run build" first (npm test does)`);
  server = await startServer((req, res) => {
    if (killing && req.url === killAt) {
      // The process dies mid-cycle, this source in flight, once a source before
      // it is stored (bodies are parsed on other threads, so storing can lag fetching).
      void firstStored.then(() => child?.kill('SIGKILL'));
      return;
    }
    const n = Number(/\/s(\d+)\.xml/.exec(req.url ?? '')?.[1]);
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed(n));
  });
  dir = makeTempDir('tw-crash-');
  config = path.join(dir, 'config.json');
  const sources = Array.from({ length: feedCount }, (_, n) => ({ id: `s${n}`, url: server.url(`/s${n}.xml`) }));
  writeFileSync(
    config,
    JSON.stringify({ database: 'db.sqlite', fetch: { concurrency: 1, perHost: 1 }, sources, topics: [{ id: 'all', title: 'All', query: 'story' }] }),
  );
});
afterAll(async () => {
  child?.kill('SIGKILL');
  await server.close();
});

describe('a fetch killed during a cycle', () => {
  it('leaves a consistent database with every batch committed before the kill', async () => {
    const run = runFetch();
    child = run.child;
    expect(await run.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const db = new Database(path.join(dir, 'db.sqlite'));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
    // Each source's batch and its "ok" status commit together: whole batches only.
    const stored = countRows("SELECT count(*) AS n FROM sources WHERE status = 'ok'");
    expect(stored).toBeGreaterThanOrEqual(1);
    expect(stored).toBeLessThan(feedCount);
    expect(countRows('SELECT count(*) AS n FROM items')).toBe(stored * itemsPerFeed);
  });

  it('stores nothing twice when run again', async () => {
    killing = false;
    const run = runFetch();
    child = run.child;
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(countRows('SELECT count(*) AS n FROM items')).toBe(feedCount * itemsPerFeed);
    expect(countRows('SELECT count(*) AS n FROM stories')).toBe(feedCount * itemsPerFeed);
    expect(countRows("SELECT count(DISTINCT story_id) AS n FROM item_topics WHERE topic_id = 'all'")).toBe(feedCount * itemsPerFeed);
  });
});
