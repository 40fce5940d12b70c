import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTopicwire } from '../support/cli.js';
import { startTopicwire, type DaemonProcess, type LogEvent } from '../support/daemon.js';
import { makeRss, routeRequests } from '../support/feed-routes.js';
import { makeTempDir } from '../support/items.js';
import { startServer, type TestServer } from '../support/test-server.js';

const routes = routeRequests({
  '/steady.xml': (req, res) => {
    if (req.headers['if-none-match'] === '"v1"') res.writeHead(304, { etag: '"v1"' }).end();
    else res.writeHead(200, { etag: '"v1"', 'content-type': 'application/rss+xml' }).end(makeRss('steady', 3));
  },
  '/flaky.xml': (_req, res, hit) => {
    if (hit <= 2) res.writeHead(500).end('down');
    else res.writeHead(200).end(makeRss('flaky', 2));
  },
  '/limited.xml': (_req, res) => res.writeHead(429, { 'retry-after': '3600' }).end(),
  '/cached.xml': (_req, res) => res.writeHead(200, { 'cache-control': 'public, max-age=7200' }).end(makeRss('cached', 1)),
  '/ttl.xml': (_req, res) => res.writeHead(200).end(makeRss('ttl', 1, '<ttl>180</ttl>')),
  '/gone.xml': (_req, res) => res.writeHead(410).end(),
  '/old.xml': (_req, res) => res.writeHead(301, { location: '/new.xml' }).end(),
  '/new.xml': (_req, res) => res.writeHead(200).end(makeRss('moved', 2)),
});

let server: TestServer;
let daemon: DaemonProcess;
let dir: string;
let config: string;
const fast = 0.01; // minutes: the source is due again 0.6 s after a fetch

beforeAll(async () => {
  server = await startServer((req, res) => routes.handle(req, res));
  dir = makeTempDir('tw-daemon-');
  config = path.join(dir, 'config.json');
  writeFileSync(
    config,
    JSON.stringify({
      database: 'db.sqlite',
      schedule: '* * * * * *',
      server: { host: '127.0.0.1', port: 0 },
      sources: [
        { id: 'steady', url: server.url('/steady.xml'), interval: fast },
        { id: 'flaky', url: server.url('/flaky.xml'), interval: fast },
        { id: 'limited', url: server.url('/limited.xml'), interval: fast },
        { id: 'cached', url: server.url('/cached.xml'), interval: fast },
        { id: 'ttl', url: server.url('/ttl.xml'), interval: fast },
        { id: 'gone', url: server.url('/gone.xml'), interval: fast },
        { id: 'moved', url: server.url('/old.xml'), interval: fast },
      ],
      topics: [{ id: 'all', title: 'All', query: 'story' }],
    }),
  );
  daemon = startTopicwire(['run', '--config', config]);
  // Steady sources fetched three times means at least three cycles ran.
  await daemon.waitFor((e) => e.event === 'fetch' && e.source === 'flaky' && e.status === 'ok', 'flaky recovering');
  await waitForFetches('steady', 3);
  await waitForFetches('moved', 2);
});
afterAll(async () => {
  daemon?.proc.kill('SIGKILL');
  await server?.close();
});

const fetchesOf = (source: string): LogEvent[] => daemon.events.filter((e) => e.event === 'fetch' && e.source === source);
function waitForFetches(source: string, count: number): Promise<LogEvent> {
  let seen = 0;
  return daemon.waitFor((e) => e.event === 'fetch' && e.source === source && ++seen === count, `${count} fetches of ${source}`);
}
const dueInSeconds = (event: LogEvent | undefined): number => (Date.parse(String(event?.nextDueAt)) - Number(event?.time)) / 1000;

describe('topicwire run', () => {
  it('runs a cycle at once and then on the schedule, with conditional requests after the first', () => {
    const steady = fetchesOf('steady');
    expect(steady[0]?.status).toBe('ok');
    expect(steady.slice(1).every((e) => e.status === 'unchanged' && e.httpStatus === 304)).toBe(true);
    expect(server.requests.filter((r) => r.path === '/steady.xml').slice(1).every((r) => r.headers['if-none-match'] === '"v1"')).toBe(true);
  });

  it('backs off exponentially from a failing source, then recovers', () => {
    const [first, second, third] = fetchesOf('flaky');
    expect(first).toMatchObject({ status: 'failed', httpStatus: 500, dueReason: expect.stringMatching(/^backoff after 1 failure/) });
    expect(second).toMatchObject({ status: 'failed', dueReason: expect.stringMatching(/^backoff after 2 failures/) });
    // Jitter is ±25 %, so the second delay (2× the base) is always longer than the first.
    expect(dueInSeconds(second)).toBeGreaterThan(dueInSeconds(first));
    expect(third).toMatchObject({ status: 'ok', new: 2, dueReason: 'interval 1 s set in config' });
  });

  it('waits for Retry-After on 429, and for max-age and the feed ttl after a success', () => {
    const [limited] = fetchesOf('limited');
    expect(limited?.dueReason).toBe('Retry-After 3600 s (HTTP 429)');
    expect(dueInSeconds(limited)).toBeGreaterThanOrEqual(3599);
    expect(routes.hits('/limited.xml')).toBe(1);
    const [cached] = fetchesOf('cached');
    expect(cached?.dueReason).toBe('Cache-Control max-age=7200 (not sooner)');
    expect(dueInSeconds(cached)).toBeGreaterThanOrEqual(7199);
    expect(fetchesOf('ttl')[0]?.dueReason).toBe('feed ttl 180 min (not sooner)');
  });

  it('disables a source that answers 410 Gone and fetches it no more', async () => {
    expect(fetchesOf('gone')).toHaveLength(1);
    expect(routes.hits('/gone.xml')).toBe(1);
    const list = await runTopicwire(['sources', 'list', '--config', config]);
    expect(list.out).toMatch(/^gone +disabled +410 .* never +disabled: 410 Gone$/m);
    expect(list.out).toContain('gone: disabled: the server answered 410 Gone');
  });

  it('fetches the new URL after a permanent redirect, and says so', async () => {
    expect(routes.hits('/old.xml')).toBe(1);
    expect(routes.hits('/new.xml')).toBeGreaterThanOrEqual(2);
    const list = await runTopicwire(['sources', 'list', '--config', config]);
    expect(list.out).toContain(`moved: moved permanently: ${server.url('/old.xml')} -> ${server.url('/new.xml')} (fetched there now)`);
  });

  it('refuses a second daemon on the same database, naming the running one', async () => {
    const second = startTopicwire(['run', '--config', config]);
    expect(await second.exited).toEqual({ code: 1, signal: null });
    expect(second.stderr()).toContain(`another topicwire daemon is running on ${path.join(dir, 'db.sqlite')}: pid ${daemon.proc.pid}`);
  });

  it('stops on SIGTERM with exit 0 and a sound database', async () => {
    daemon.proc.kill('SIGTERM');
    expect(await daemon.exited).toEqual({ code: 0, signal: null });
    expect(daemon.events.at(-1)?.event).toBe('stopped');
    const db = new Database(path.join(dir, 'db.sqlite'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
