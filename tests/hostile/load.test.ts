import { execFile, execFileSync } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, writeSampleConfig } from '../support/cli.js';
import { startTopicwire, type DaemonProcess } from '../support/daemon.js';
import { makeTempDir } from '../support/items.js';
import { startServer, type TestServer } from '../support/test-server.js';
import { LONG } from './seeded-random.js';

const AUTOCANNON = path.join(repoRoot, 'node_modules/autocannon/autocannon.js');
const DURATION_SECONDS = LONG ? 30 : 3;
const WANTED_CONNECTIONS = 1000;
const ITEMS_PER_FEED = 2000;
const NEW_PER_FETCH = 200;

/** autocannon --json, the fields read here. */
interface LoadResult {
  requests: { total: number; average: number };
  latency: { p50: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
}

/**
 * 1,000 sockets in the load generator and 1,000 in the daemon: each process
 * needs that many descriptors. Lowered (and said) where `ulimit -n` is smaller.
 */
function chooseConnections(): number {
  const limit = Number(execFileSync('/bin/sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim());
  const fits = Number.isFinite(limit) ? Math.min(WANTED_CONNECTIONS, limit - 100) : WANTED_CONNECTIONS;
  if (fits < WANTED_CONNECTIONS) console.warn(`ulimit -n is ${limit}: load test lowered to ${fits} connections`);
  return fits;
}

/** A large feed streamed over about 0.8 s, with NEW_PER_FETCH new items each time: every cycle has work. */
function streamGrowingFeed(hit: number, write: (chunk: string) => void, end: () => void): void {
  const last = hit * NEW_PER_FETCH + ITEMS_PER_FEED;
  const items: string[] = [];
  for (let i = last - ITEMS_PER_FEED; i < last; i += 1) {
    items.push(`<item><title>NATO load story ${i}</title><link>https://load.example/${i}</link><guid>load-${i}</guid><description>Alliance item ${i}.</description></item>`);
  }
  const chunks = ['<?xml version="1.0"?><rss version="2.0"><channel><title>Load</title><link>https://load.example/</link>'];
  for (let i = 0; i < items.length; i += 250) chunks.push(items.slice(i, i + 250).join('\n'));
  chunks.push('</channel></rss>');
  let index = 0;
  const timer = setInterval(() => {
    const chunk = chunks[index++];
    if (chunk === undefined) {
      clearInterval(timer);
      end();
    } else write(chunk);
  }, 80);
}

let feeds: TestServer;
let daemon: DaemonProcess;
let base: string;
let hits = 0;

beforeAll(async () => {
  feeds = await startServer((_req, res) => {
    hits += 1;
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    streamGrowingFeed(hits, (chunk) => res.write(chunk), () => res.end());
  });
  const dir = makeTempDir('tw-load-');
  const config = writeSampleConfig(dir, (c) => {
    c.schedule = '* * * * * *';
    (c.sources as { id: string; url: string; interval?: number }[]).push({ id: 'load', url: feeds.url('/load.xml'), interval: 0.01 });
  });
  daemon = startTopicwire(['run', '--config', config]);
  const { port } = await daemon.waitFor((e) => e.event === 'listen', 'listen');
  base = `http://127.0.0.1:${String(port)}`;
  await daemon.waitFor((e) => e.event === 'cycle', 'the first cycle');
}, 60_000);

afterAll(async () => {
  daemon?.proc.kill('SIGKILL');
  await feeds?.close();
});

describe(`the HTTP server under ${WANTED_CONNECTIONS} concurrent clients for ${DURATION_SECONDS} s`, () => {
  it('answers every request of a second process (autocannon) with 200 while cycles ingest', async () => {
    const connections = chooseConnections();
    const eventsBefore = daemon.events.length;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [AUTOCANNON, '-c', String(connections), '-d', String(DURATION_SECONDS), '-t', '10', '-j', `${base}/topics/nato.rss`],
      { maxBuffer: 16 * 1024 * 1024, timeout: (DURATION_SECONDS + 60) * 1000 },
    );
    const result = JSON.parse(stdout) as LoadResult;
    console.info(
      `load: ${connections} connections, ${DURATION_SECONDS} s: ${result.requests.total} requests (${Math.round(result.requests.average)}/s), ` +
        `${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx, latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
    );
    expect({ errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx }).toEqual({ errors: 0, timeouts: 0, non2xx: 0 });
    expect(result.requests.total).toBeGreaterThanOrEqual(connections);
    expect(result['2xx']).toBe(result.requests.total);
    // The load overlapped real work: the growing source, due every second, was fetched and its new items stored —
    // while the clients were served, or, on a machine busy enough that the cycle outlasts them, in the cycle they overlapped.
    const sinceLoad = (e: (typeof daemon.events)[number]): boolean => daemon.events.indexOf(e) >= eventsBefore;
    await daemon.waitFor((e) => sinceLoad(e) && e.event === 'fetch' && e.source === 'load' && Number(e.new) > 0, 'a fetch of the growing feed since the load began');
    expect(daemon.events.some((e) => e.event === 'cycle-failed')).toBe(false);
    const after = await fetch(`${base}/topics/nato.rss`);
    expect(after.status).toBe(200);
  }, (DURATION_SECONDS + 90) * 1000);
});
