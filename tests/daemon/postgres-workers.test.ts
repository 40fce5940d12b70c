import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import postgres from 'postgres';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openPostgresStore, openStore, type Store } from '../../src/store/index.js';
import { repoRoot, runTopicwire } from '../support/cli.js';
import { startTopicwire, type DaemonProcess, type LogEvent } from '../support/daemon.js';
import { makeTempDir } from '../support/items.js';
import { createTestDatabase, describePostgres } from '../support/postgres.js';
import { startServer, type TestServer } from '../support/test-server.js';

const seedTitle = 'NATO will not bring stability to the Caucasus – Kremlin';
const samples = readdirSync(path.join(repoRoot, 'data/samples')).filter((name) => /\.(xml|json)$/.test(name));
const count = (text: string, part: string): number => text.split(part).length - 1;
/** A claim lapses 2 s after its worker stops renewing it. */
const LEASE_SECONDS = 2;

/** Resolves once `condition` holds, checked every 20 ms; fails after 20 s saying what it waited for. */
function until(condition: () => boolean, what: string): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (condition()) {
        clearInterval(timer);
        resolve();
      } else if (Date.now() - started > 20_000) {
        clearInterval(timer);
        reject(new Error(`timed out waiting for ${what}`));
      }
    }, 20);
  });
}

/**
 * Two `run` workers on one PostgreSQL database, as on two machines: each its
 * own process, config file, HTTP port and output folder. The feeds are the
 * sample feeds (the seed article among them), served over HTTP by this test,
 * which can hold every response back until it chooses.
 */
describePostgres('two run workers on one PostgreSQL database', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let server: TestServer;
  let dir: string;
  let held: (() => void)[] = [];
  let holding = false;
  const workers: DaemonProcess[] = [];

  beforeEach(async () => {
    database = await createTestDatabase();
    dir = makeTempDir('tw-workers-');
    holding = false;
    held = [];
    server = await startServer((req, res) => {
      const name = (req.url ?? '').slice(1);
      const send = (): void => {
        if (!samples.includes(name)) return void res.writeHead(404).end();
        (res as ServerResponse).writeHead(200, { 'content-type': 'application/xml' }).end(readFileSync(path.join(repoRoot, 'data/samples', name)));
      };
      if (holding) held.push(send);
      else send();
    });
  });
  afterEach(async () => {
    for (const worker of workers.splice(0)) {
      if (worker.proc.exitCode === null && worker.proc.signalCode === null) {
        worker.proc.kill('SIGTERM');
        await worker.exited;
      }
    }
    await server.close();
    await database.drop();
  });

  function writeConfig(name: string): string {
    const config = JSON.parse(readFileSync(path.join(repoRoot, 'config.json'), 'utf8')) as Record<string, unknown> & { sources: { url: string }[] };
    config.database = database.url;
    config.schedule = '* * * * * *';
    config.output = { dir: path.join(dir, `public-${name}`), items: 50 };
    config.server = { host: '127.0.0.1', port: 0 };
    // One fetch at a time, four claimed at a time: the seven sources are shared between two workers.
    config.fetch = { concurrency: 1, perHost: 1 };
    for (const source of config.sources) source.url = server.url(`/${path.basename(source.url)}`);
    const file = path.join(dir, `config-${name}.json`);
    writeFileSync(file, JSON.stringify(config, null, 2));
    return file;
  }

  function startWorker(name: string): DaemonProcess {
    const worker = startTopicwire(['run', '--config', writeConfig(name)], { TOPICWIRE_LEASE_SECONDS: String(LEASE_SECONDS), TOPICWIRE_LOG_LEVEL: 'info' });
    workers.push(worker);
    return worker;
  }

  /**
   * a, then b, with every feed response held back: a leads, has claimed the
   * first four sources and is fetching the first; b has claimed the other
   * three and is fetching one. Both are mid-cycle.
   */
  async function startBothMidFetch(): Promise<[DaemonProcess, DaemonProcess]> {
    holding = true;
    const a = startWorker('a');
    await a.waitFor(isLeading, 'a leading');
    await until(() => server.requests.length >= 1, 'a fetching');
    const b = startWorker('b');
    await until(() => server.requests.length >= 2, 'b fetching');
    return [a, b];
  }

  const fetched = (worker: DaemonProcess): string[] => worker.events.filter((e) => e.event === 'fetch' && e.status === 'ok').map((e) => String(e.source));
  const isLeading = (e: LogEvent): boolean => e.event === 'lead' && e.leading === true;

  /** The sources a worker holds claims on, read from the database, with when each claim lapses. */
  async function claimsOf(worker: DaemonProcess): Promise<{ id: string; expires: Date }[]> {
    const sql = postgres(database.url, { max: 1, onnotice: () => undefined });
    try {
      const rows = await sql<{ id: string; claim_expires_at: Date }[]>`
        SELECT id, claim_expires_at FROM sources WHERE claimed_by LIKE ${`%:${String(worker.proc.pid)}:%`} ORDER BY id`;
      return rows.map((row) => ({ id: row.id, expires: row.claim_expires_at }));
    } finally {
      await sql.end();
    }
  }

  async function openDb(): Promise<Store> {
    return openPostgresStore({ url: database.url, shown: database.name });
  }

  /** What the same feeds store in SQLite, fetched once by one process: what the workers must store between them. */
  async function referenceItems(): Promise<Map<string, number>> {
    const file = writeConfig('reference').replace(/\.json$/, '');
    const config = JSON.parse(readFileSync(`${file}.json`, 'utf8')) as Record<string, unknown>;
    config.database = path.join(dir, 'reference.db');
    writeFileSync(`${file}.json`, JSON.stringify(config));
    expect((await runTopicwire(['fetch', '--config', `${file}.json`])).code).toBe(0);
    const store = openStore(path.join(dir, 'reference.db'));
    try {
      return new Map(store.sources.listSources().map((s) => [s.id, s.itemCount]));
    } finally {
      store.close();
    }
  }

  /** Every item of every source stored once: the same counts as one process stores, and no (source, identity) twice. */
  async function expectEveryItemOnce(): Promise<void> {
    const reference = await referenceItems();
    const store = await openDb();
    try {
      const sources = await store.sources.listSources();
      expect(sources.map((s) => [s.id, s.status, s.itemCount])).toEqual([...reference].sort(([a], [b]) => a.localeCompare(b)).map(([id, n]) => [id, 'ok', n]));
      const keys: string[] = [];
      for await (const item of store.topics.iterateItems()) keys.push(`${item.sourceId}\n${item.identityKey}`);
      expect(new Set(keys).size).toBe(keys.length);
    } finally {
      await store.close();
    }
  }

  async function waitForAllFetched(...by: DaemonProcess[]): Promise<void> {
    await until(() => new Set(by.flatMap(fetched)).size >= samples.length, 'every source fetched');
  }

  async function seedCountIn(worker: DaemonProcess, topic: string): Promise<number> {
    const listen = await worker.waitFor((e) => e.event === 'listen', 'listening');
    const body = await (await fetch(`http://127.0.0.1:${String(listen.port)}/topics/${topic}.atom`)).text();
    return count(body, seedTitle);
  }

  it('fetch each source once between them, lead one at a time, and serve the seed article once in nato', async () => {
    const [a, b] = await startBothMidFetch();
    holding = false;
    for (const send of held.splice(0)) send();
    await waitForAllFetched(a, b);
    // Both worked, and no source was fetched twice: each is due again minutes later.
    expect(fetched(a).length).toBeGreaterThan(0);
    expect(fetched(b).length).toBeGreaterThan(0);
    expect([...fetched(a), ...fetched(b)].sort()).toEqual([...new Set([...fetched(a), ...fetched(b)])].sort());
    for (const name of samples) expect(server.requests.filter((r) => r.path === `/${name}`).length, name).toBe(1);
    expect(b.events.some(isLeading)).toBe(false);
    await expectEveryItemOnce();
    // Each worker serves HTTP from the database; the leader wrote the static output.
    expect(await seedCountIn(a, 'nato')).toBe(1);
    expect(await seedCountIn(b, 'nato')).toBe(1);
    expect(await seedCountIn(b, 'caucasus')).toBe(1);
    await a.waitFor((e) => e.event === 'build', 'a writing the static output');
    expect(count(readFileSync(path.join(dir, 'public-a/topics/nato.atom'), 'utf8'), seedTitle)).toBe(1);
    expect(b.events.some((e) => e.event === 'build')).toBe(false);
  });

  it.each(['leader', 'follower'] as const)('survive kill -9 of the %s mid-cycle: the other fetches its sources after the lease, nothing lost or stored twice', async (victim) => {
    const [a, b] = await startBothMidFetch();
    // Each holds claims and has a fetch in flight: kill one where it stands.
    const [dead, survivor] = victim === 'leader' ? [a, b] : [b, a];
    dead.proc.kill('SIGKILL');
    await dead.exited;
    // What the dead worker had claimed, and until when: nobody renews it now.
    const orphaned = await claimsOf(dead);
    expect(orphaned.length).toBeGreaterThan(0);
    holding = false;
    for (const send of held.splice(0)) send();
    await waitForAllFetched(survivor);
    expect(new Set(fetched(survivor)).size).toBe(samples.length);
    // The survivor took each of those sources only once its lease had run out.
    for (const claim of orphaned) {
      const done = survivor.events.find((e) => e.event === 'fetch' && e.status === 'ok' && e.source === claim.id);
      expect(Number(done?.time), claim.id).toBeGreaterThanOrEqual(claim.expires.getTime());
    }
    await expectEveryItemOnce();
    if (victim === 'leader') await survivor.waitFor(isLeading, 'the survivor taking the lead');
    // The survivor leads now and wrote the output: the seed article once in nato, on disk and over HTTP.
    const out = survivor === a ? 'public-a' : 'public-b';
    await survivor.waitFor((e) => e.event === 'build' && (victim === 'follower' || survivor.events.indexOf(e) > survivor.events.findIndex(isLeading)), 'the survivor writing the output');
    await until(() => {
      try {
        return count(readFileSync(path.join(dir, out, 'topics/nato.atom'), 'utf8'), seedTitle) === 1;
      } catch {
        return false;
      }
    }, 'nato with the seed article');
    expect(await seedCountIn(survivor, 'nato')).toBe(1);
  });
});
