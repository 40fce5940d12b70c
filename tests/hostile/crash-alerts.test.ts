import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTopicwire, type DaemonProcess } from '../support/daemon.js';
import { makeTempDir } from '../support/items.js';
import { startHookReceiver, type HookReceiver, type ReceivedRequest } from '../support/receivers.js';
import { startServer, type TestServer } from '../support/test-server.js';
import { createRandom, LONG, seedFromEnv } from './seeded-random.js';

/**
 * kill -9 of `run` while it delivers alerts (README "Alerts", "Nothing lost,
 * nothing doubled"): every story stored fires its webhook alert, and after
 * the crashes and restarts every one is received — none lost — each under
 * its own Idempotency-Key, the same on every attempt; a story is received
 * twice only when the process died after the receiver had answered and
 * before it was recorded, at most once per kill, and under the same key.
 */
const ROUNDS = LONG ? 15 : 3;
const SEED = seedFromEnv(20240320);
const SOURCES = ['a0', 'a1'];
const NEW_PER_FETCH = 4;

function growingFeed(id: string, size: number): string {
  const items = Array.from({ length: size }, (_, i) =>
    `<item><title>${id} alert story ${i}</title><link>https://${id}.example/${i}</link><guid>${id}-${i}</guid><pubDate>${new Date(Date.UTC(2024, 2, 1) + i * 60_000).toUTCString()}</pubDate></item>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>${id}</title><link>https://${id}.example/</link>\n${items.join('\n')}\n</channel></rss>`;
}

const random = createRandom(SEED);
let feeds: TestServer;
let hook: HookReceiver;
let dir: string;
let config: string;
let frozen = false;
const sizes = new Map<string, number>();
const running: DaemonProcess[] = [];
let daemon: DaemonProcess;
/** Requests whose answer comes only after the daemon is killed: the receiver has it, the daemon never learns. */
const killWhileHeld = new Set<number>();

beforeAll(async () => {
  feeds = await startServer((req, res) => {
    const id = /^\/(a\d)\.xml/.exec(req.url ?? '')?.[1] ?? '';
    const size = (sizes.get(id) ?? 0) + (frozen ? 0 : NEW_PER_FETCH);
    sizes.set(id, size);
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(growingFeed(id, size));
  });
  hook = await startHookReceiver({
    failFirst: 2,
    retryAfterSeconds: 1,
    hold: (index) => {
      if (killWhileHeld.has(index)) {
        daemon.proc.kill('SIGKILL');
        return daemon.exited.then(() => undefined);
      }
      return delay(random.int(0, 40)).then(() => undefined);
    },
  });
  dir = makeTempDir('tw-crash-alerts-');
  config = path.join(dir, 'config.json');
  writeFileSync(
    config,
    JSON.stringify({
      database: 'db.sqlite',
      schedule: '* * * * * *',
      server: { host: '127.0.0.1', port: 0 },
      output: { dir: 'public' },
      sources: SOURCES.map((id) => ({ id, url: feeds.url(`/${id}.xml`), interval: 0.01 })),
      topics: [{ id: 'all', title: 'All', query: '-zzqxj' }],
      // A backfill sends the first cycle's stories too: every story stored is an alert.
      alerts: [{ id: 'hook', topics: ['all'], type: 'webhook', url: hook.url('/hook'), secret: 'crash-test-secret', backfill: true, timeoutSeconds: 1 }],
    }),
  );
});

afterAll(async () => {
  for (const d of running) d.proc.kill('SIGKILL');
  await Promise.all([feeds?.close(), hook?.close()]);
});

function start(): DaemonProcess {
  daemon = startTopicwire(['run', '--config', config], { TOPICWIRE_LOG_LEVEL: 'info' });
  running.push(daemon);
  return daemon;
}

function read<T>(sql: string): T[] {
  const db = new Database(path.join(dir, 'db.sqlite'), { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}
const storyOf = (request: ReceivedRequest): string => (JSON.parse(request.body) as { data: { id: string } }).data.id;

describe(`kill -9 during alert delivery, ${ROUNDS} times (seed ${SEED}; TOPICWIRE_SEED=${SEED} replays it)`, () => {
  it('loses no alert and doubles none: every stored story is received, each under one key', async () => {
    const killPoints: string[] = [];
    start();
    for (let round = 1; round <= ROUNDS; round += 1) {
      const seen = hook.received.length;
      const target = seen + random.int(1, 6);
      // Half the kills land while the receiver holds a request it will accept; the others at a random moment after one.
      const held = random.next() < 0.5;
      if (held) killWhileHeld.add(target - 1);
      await hook.waitUntil((all) => all.length >= target);
      if (!held) {
        await delay(random.int(0, 60));
        daemon.proc.kill('SIGKILL');
      }
      expect(await daemon.exited).toEqual({ code: null, signal: 'SIGKILL' });
      killPoints.push(`round ${round}: ${held ? 'while the receiver held' : 'after'} request #${target}`);
      start();
    }
    // No more news: the daemon works through what is queued, and every story stored has an alert to receive.
    frozen = true;
    const cycles = daemon.events.filter((e) => e.event === 'cycle').length;
    let seenCycles = 0;
    await daemon.waitFor((e) => e.event === 'cycle' && ++seenCycles > cycles + 1, 'two cycles after the feeds froze');
    const stories = read<{ uid: string }>('SELECT uid FROM stories');
    const queued = read<{ key: string; story_uid: string }>("SELECT key, story_uid FROM alert_deliveries WHERE alert_id = 'hook'");
    expect(stories.length).toBeGreaterThan(0);
    expect(queued.map((q) => q.story_uid).sort()).toEqual(stories.map((s) => s.uid).sort());
    await hook.waitUntil(() => new Set(hook.accepted().map((r) => r.headers['idempotency-key'])).size >= queued.length);

    const accepted = hook.accepted();
    const keysByStory = new Map<string, Set<string>>();
    for (const request of accepted) {
      const story = storyOf(request);
      keysByStory.set(story, (keysByStory.get(story) ?? new Set()).add(String(request.headers['idempotency-key'])));
    }
    // Nothing lost: every story stored was received.
    expect([...keysByStory.keys()].sort()).toEqual(stories.map((s) => s.uid).sort());
    // One key per story, the one it was queued under, on every attempt.
    const keyOf = new Map(queued.map((q) => [q.story_uid, `"${q.key}"`]));
    for (const [story, keys] of keysByStory) expect([...keys], story).toEqual([keyOf.get(story)]);
    // Received twice only across a kill, at most once per kill.
    const twice = accepted.length - keysByStory.size;
    expect(twice, killPoints.join('\n')).toBeLessThanOrEqual(ROUNDS);
    await daemon.waitFor((e) => e.event === 'alert' && e.outcome === 'sent' && read<{ n: number }>("SELECT count(*) AS n FROM alert_deliveries WHERE status != 'sent'")[0]?.n === 0, 'every delivery recorded as sent');
    if (LONG) console.info(`kill points (seed ${SEED}):\n${killPoints.join('\n')}\n${twice} received twice`);
    daemon.proc.kill('SIGTERM');
    expect(await daemon.exited).toEqual({ code: 0, signal: null });
  }, ROUNDS * 20_000 + 40_000);
});
