import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mainJs, startTopicwire, type DaemonProcess } from '../support/daemon.js';
import { makeRss, routeRequests } from '../support/feed-routes.js';
import { makeTempDir } from '../support/items.js';
import { startServer, type TestServer } from '../support/test-server.js';

/**
 * A user's query must never hang topicwire, and a stop must work whatever the
 * daemon is doing. /(a+)+$/ against 48 a's and a "!" is the classic
 * catastrophic-backtracking pattern: with JavaScript's RegExp it spun for
 * hours, on the main thread (ignoring SIGTERM) or on a read thread (the
 * daemon then waited for it forever).
 */

const HOSTILE_TITLE = `${'a'.repeat(48)}!`;
/** Another story, that the pattern does match. */
const MATCHING_TITLE = `Baaa${'a'.repeat(44)}`;
const hostileFeed = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Hostile</title><link>https://hostile.example/</link>
<item><title>${HOSTILE_TITLE}</title><link>https://hostile.example/1</link><guid>h-1</guid></item>
<item><title>${MATCHING_TITLE}</title><link>https://hostile.example/2</link><guid>h-2</guid></item>
</channel></rss>
`;

/** Big enough that reading it takes seconds on a read thread (~30,000 items, 8 MB). */
const BIG_ITEMS = 30_000;
let bigFeed = '';
let bigSent: () => void = () => undefined;

const routes = routeRequests({
  '/hostile.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(hostileFeed),
  '/plain.xml': (_req, res) => res.writeHead(200).end(makeRss('plain', 5)),
  '/big.xml': (_req, res) => {
    res.on('finish', () => bigSent());
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(bigFeed);
  },
});

let server: TestServer;
const running: DaemonProcess[] = [];

beforeAll(async () => {
  server = await startServer((req, res) => routes.handle(req, res));
  bigFeed = makeRss('big', BIG_ITEMS);
});
afterEach(() => {
  for (const daemon of running.splice(0)) daemon.proc.kill('SIGKILL');
});
afterAll(async () => {
  await server.close();
});

function writeConfig(dir: string, sources: string[], topics: object[], fetch: object = {}): string {
  const file = path.join(dir, 'config.json');
  writeFileSync(
    file,
    JSON.stringify({
      database: 'db.sqlite',
      schedule: '0 0 1 1 *',
      server: { host: '127.0.0.1', port: 0 },
      output: { dir: 'public' },
      fetch: { timeoutSeconds: 60, concurrency: 2, perHost: 2, ...fetch },
      sources: sources.map((id) => ({ id, url: server.url(`/${id}.xml`) })),
      topics,
    }),
  );
  return file;
}

const hostileTopics = [
  { id: 'plain', title: 'Plain', query: 'story' },
  { id: 'hostile', title: 'Hostile', query: 'title:/(a+)+$/' },
];

function start(config: string, env: NodeJS.ProcessEnv = {}): DaemonProcess {
  const daemon = startTopicwire(['run', '--config', config], env);
  running.push(daemon);
  return daemon;
}

function count(dir: string, sql: string): number {
  const db = new Database(path.join(dir, 'db.sqlite'), { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** `timeout -s TERM SECONDS node dist/main.js ARGS`, as a user runs it from a shell or cron. */
function runUnderTimeout(seconds: number, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile('timeout', ['-s', 'TERM', String(seconds), process.execPath, mainJs, ...args], (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
      resolve({ code, stdout, stderr, ms: performance.now() - started });
    });
  });
}

describe('a hostile query regex', () => {
  it('`run`: the cycle with /(a+)+$/ on 48 a\'s and a "!" completes, files what matches, and SIGTERM stops it', async () => {
    const dir = makeTempDir('tw-redos-run-');
    const daemon = start(writeConfig(dir, ['plain', 'hostile'], hostileTopics));
    await daemon.waitFor((e) => e.event === 'cycle', 'the first cycle');
    expect(count(dir, "SELECT count(*) AS n FROM items WHERE source_id = 'plain'")).toBe(5);
    // The "!" keeps `$` from following the a's; the other title ends in a's.
    const hostile = new Database(path.join(dir, 'db.sqlite'), { readonly: true });
    const titles = hostile.prepare("SELECT i.title FROM item_topics t JOIN items i ON i.id = t.item_id WHERE t.topic_id = 'hostile'").all() as { title: string }[];
    hostile.close();
    expect(titles.map((t) => t.title)).toEqual([MATCHING_TITLE]);
    daemon.proc.kill('SIGTERM');
    expect(await daemon.exited).toEqual({ code: 0, signal: null });
  }, 60_000);

  it('`search` and `topics test` under `timeout` answer on their own, in well under the timeout', async () => {
    const dir = makeTempDir('tw-redos-cli-');
    const config = writeConfig(dir, ['hostile'], [{ id: 'plain', title: 'Plain', query: 'story' }]);
    const fetched = await runUnderTimeout(60, ['fetch', '--config', config]);
    expect(fetched.code, fetched.stderr).toBe(0);
    const search = await runUnderTimeout(30, ['search', '/(a+)+$/', '--config', config]);
    console.log(`search "/(a+)+$/" over ${HOSTILE_TITLE}: ${Math.round(search.ms)} ms, process start to exit`);
    expect(search.code, search.stderr).toBe(0);
    expect(search.stdout).toContain(MATCHING_TITLE);
    expect(search.stdout).not.toContain(HOSTILE_TITLE);
    const test = await runUnderTimeout(30, ['topics', 'test', '/(a+)+$/', '--topic', 'plain', '--config', config]);
    expect(test.code, test.stderr).toBe(0);
    expect(test.stdout).toMatch(/^1 stories match/m);
  }, 90_000);
});

describe('stopping `run` in every state', () => {
  it('SIGTERM while a read thread is reading a big feed: the read is abandoned at the end of the grace period', async () => {
    const dir = makeTempDir('tw-stop-reading-');
    const config = writeConfig(dir, ['plain', 'big'], [{ id: 'plain', title: 'Plain', query: 'story' }], { maxBytes: 50_000_000, concurrency: 1, perHost: 1 });
    const sent = new Promise<void>((resolve) => (bigSent = resolve));
    const daemon = start(config, { TOPICWIRE_STOP_GRACE_SECONDS: '1' });
    await sent;
    // The small feed is fetched first, but read and stored on its own time: on a busy machine still
    // after the big one is sent. Stopping once it is stored leaves only the big read in flight.
    await daemon.waitFor((e) => e.event === 'fetch' && e.source === 'plain', 'the small feed stored');
    const stopAt = performance.now();
    daemon.proc.kill('SIGTERM');
    expect(await daemon.exited).toEqual({ code: 0, signal: null });
    const ms = performance.now() - stopAt;
    console.log(`stopped ${Math.round(ms)} ms after SIGTERM (grace 1 s) while reading ${BIG_ITEMS} items`);
    const stopping = daemon.events.filter((e) => e.event === 'stopping').map((e) => String(e.msg));
    expect(stopping.join('\n')).toMatch(/grace period is over; abandoning/);
    // Abandoned, not finished: nothing of the big feed was stored, and the database is sound.
    expect(count(dir, "SELECT count(*) AS n FROM items WHERE source_id = 'big'")).toBe(0);
    expect(count(dir, "SELECT count(*) AS n FROM items WHERE source_id = 'plain'")).toBe(5);
    expect(ms).toBeLessThan(30_000);
  }, 90_000);

  it('refuses a TOPICWIRE_STOP_GRACE_SECONDS that is not a number of seconds, in one line', async () => {
    const dir = makeTempDir('tw-stop-grace-');
    const daemon = start(writeConfig(dir, ['plain'], [{ id: 'plain', title: 'Plain', query: 'story' }]), { TOPICWIRE_STOP_GRACE_SECONDS: 'soon' });
    expect(await daemon.exited).toEqual({ code: 1, signal: null });
    expect(daemon.stderr().trim()).toBe('topicwire: TOPICWIRE_STOP_GRACE_SECONDS must be a number of seconds from 0 to 3600, not "soon"');
  });
});
