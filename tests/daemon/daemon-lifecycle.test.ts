import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTopicwire, type DaemonProcess } from '../support/daemon.js';
import { makeRss, routeRequests } from '../support/feed-routes.js';
import { makeTempDir } from '../support/items.js';
import { startServer, type TestServer } from '../support/test-server.js';

let hangNext = false;
let onHang: () => void = () => undefined;
const routes = routeRequests({
  '/a.xml': (_req, res) => res.writeHead(200).end(makeRss('a', 30)),
  '/b.xml': (_req, res) => {
    if (hangNext) {
      onHang();
      return; // never answers
    }
    res.writeHead(200).end(makeRss('b', 30));
  },
  '/c.xml': (_req, res) => res.writeHead(200).end(makeRss('c', 30)),
});

let server: TestServer;
const running: DaemonProcess[] = [];

beforeAll(async () => {
  server = await startServer((req, res) => routes.handle(req, res));
});
afterEach(() => {
  hangNext = false;
  for (const daemon of running.splice(0)) daemon.proc.kill('SIGKILL');
});
afterAll(async () => {
  await server.close();
});

function writeConfig(dir: string, sources: string[], topics: object[] = [{ id: 'all', title: 'All', query: 'story' }]): string {
  const file = path.join(dir, 'config.json');
  writeFileSync(
    file,
    JSON.stringify({
      database: 'db.sqlite',
      schedule: '0 0 1 1 *',
      server: { host: '127.0.0.1', port: 0 },
      fetch: { timeoutSeconds: 120, concurrency: 1, perHost: 1 },
      sources: sources.map((id) => ({ id, url: server.url(`/${id}.xml`) })),
      topics,
    }),
  );
  return file;
}

function start(config: string): DaemonProcess {
  const daemon = startTopicwire(['run', '--config', config]);
  running.push(daemon);
  return daemon;
}

function query<T>(dir: string, sql: string): T {
  const db = new Database(path.join(dir, 'db.sqlite'), { readonly: true });
  try {
    return db.prepare(sql).get() as T;
  } finally {
    db.close();
  }
}

describe('stopping and crashing during a cycle', () => {
  it('SIGTERM during a fetch that never answers: exits 0 once the grace period abandons it', async () => {
    const dir = makeTempDir('tw-stop-');
    hangNext = true;
    const hung = new Promise<void>((resolve) => (onHang = resolve));
    const daemon = start(writeConfig(dir, ['a', 'b', 'c']));
    await hung;
    const stopAt = Date.now();
    daemon.proc.kill('SIGTERM');
    expect(await daemon.exited).toEqual({ code: 0, signal: null });
    // The fetch timeout is 120 s: exiting well before it means the 10 s grace ended the fetch.
    expect(Date.now() - stopAt).toBeLessThan(60_000);
    expect(daemon.events.map((e) => e.event)).toContain('stopping');
    const db = new Database(path.join(dir, 'db.sqlite'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((db.prepare("SELECT count(*) AS n FROM items WHERE source_id = 'a'").get() as { n: number }).n).toBe(30);
    db.close();
  }, 60_000);

  it('kill -9 during a cycle, then a restart: nothing lost, nothing doubled', async () => {
    const dir = makeTempDir('tw-kill-');
    hangNext = true;
    const hung = new Promise<void>((resolve) => (onHang = resolve));
    const first = start(writeConfig(dir, ['a', 'b', 'c']));
    await hung;
    first.proc.kill('SIGKILL');
    await first.exited;
    // Source a's batch is either wholly committed or not at all.
    expect([0, 30]).toContain(query<{ n: number }>(dir, 'SELECT count(*) AS n FROM items').n);
    hangNext = false;
    const second = start(writeConfig(dir, ['a', 'b', 'c']));
    await second.waitFor((e) => e.event === 'cycle', 'a cycle after the restart');
    expect(query<{ n: number }>(dir, 'SELECT count(*) AS n FROM items').n).toBe(90);
    expect(query<{ n: number }>(dir, 'SELECT count(*) AS n FROM stories').n).toBe(90);
    expect(query<{ ok: string }>(dir, 'SELECT integrity_check AS ok FROM pragma_integrity_check').ok).toBe('ok');
  });
});

describe('reloading the config', () => {
  it('applies a good config on SIGHUP and refuses a broken one written to disk', async () => {
    const dir = makeTempDir('tw-reload-');
    const config = writeConfig(dir, ['a']);
    const daemon = start(config);
    await daemon.waitFor((e) => e.event === 'cycle', 'the first cycle');

    writeConfig(dir, ['a', 'c'], [{ id: 'c-only', title: 'C', query: 'source:c' }]);
    daemon.proc.kill('SIGHUP');
    const good = await daemon.waitFor((e) => e.event === 'reload', 'a reload');
    expect(good).toMatchObject({ ok: true, sources: 2, topics: 1, recomputed: 'c-only,all' });

    writeFileSync(config, '{ "sources": [ }');
    const bad = await daemon.waitFor((e) => e.event === 'reload' && e.ok === false, 'a refused reload');
    expect(String(bad.problems)).toMatch(/invalid JSON at line 1/);
    const { port } = await daemon.waitFor((e) => e.event === 'listen', 'listen');
    const feed = await fetch(`http://127.0.0.1:${String(port)}/topics/c-only.rss`);
    expect(feed.status).toBe(200);

    daemon.proc.kill('SIGTERM');
    expect(await daemon.exited).toEqual({ code: 0, signal: null });
  });
});
