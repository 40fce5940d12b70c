import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import type { Config } from '../../src/config/types.js';
import { createSiteCache, VERSION_CHECK_INTERVAL_MS } from '../../src/daemon/site-cache.js';
import { openStore, type Store } from '../../src/store/index.js';
import { repoRoot, runTopicwire, writeSampleConfig } from '../support/cli.js';
import { makeTempDir } from '../support/items.js';
import { bumpContentVersion } from '../support/sql.js';

const START = Date.parse('2024-06-01T12:00:00.000Z');
const ENERGY = '/topics/energy.rss';

let config: Config;
let store: Store<'now'>;
let configFile: string;

beforeAll(async () => {
  const file = writeSampleConfig(makeTempDir('tw-site-cache-'));
  configFile = file;
  config = await loadConfig(file);
  store = openStore(config.database);
});

afterAll(() => store.close());

/** A cache over `store` with a clock the test moves by hand. */
function makeCache(getConfig: () => Config = () => config) {
  let time = START;
  const cache = createSiteCache(store, getConfig, () => new Date(time));
  return { cache, setTime: (ms: number) => (time = ms) };
}

const itemCount = (body: Buffer | undefined): number => (body?.toString('utf8').match(/<item>/g) ?? []).length;

describe('createSiteCache', () => {
  it('serves a write by another process within the check interval, without a query per request before it', async () => {
    const { cache, setTime } = makeCache();
    const before = await cache.files();
    expect(itemCount(before.get(ENERGY)?.body)).toBe(0);

    const fetched = await runTopicwire(['fetch', '--config', config.file], { now: new Date(START) });
    expect(fetched.code).toBe(0);

    setTime(START + VERSION_CHECK_INTERVAL_MS - 1);
    expect(await cache.files()).toBe(before);
    setTime(START + VERSION_CHECK_INTERVAL_MS);
    const after = await cache.files();
    expect(after).not.toBe(before);
    expect(itemCount(after.get(ENERGY)?.body)).toBeGreaterThan(0);
  });

  it('renders again only when the content version changed', async () => {
    const { cache, setTime } = makeCache();
    const first = await cache.files();
    setTime(START + 10 * VERSION_CHECK_INTERVAL_MS);
    expect(await cache.files()).toBe(first);
    bumpContentVersion(config.database);
    setTime(START + 11 * VERSION_CHECK_INTERVAL_MS);
    expect(await cache.files()).not.toBe(first);
  });

  it('reads the version at once after invalidate(), as the daemon does after its own writes', async () => {
    const { cache } = makeCache();
    const first = await cache.files();
    bumpContentVersion(config.database);
    expect(await cache.files()).toBe(first);
    cache.invalidate();
    const second = await cache.files();
    expect(second).not.toBe(first);
    cache.invalidate();
    expect(await cache.files()).toBe(second);
  });

  it('checks at once when the clock goes back', async () => {
    const { cache, setTime } = makeCache();
    const first = await cache.files();
    bumpContentVersion(config.database);
    setTime(START - 1);
    expect(await cache.files()).not.toBe(first);
  });

  it('renders a changed config at once', async () => {
    let current = config;
    const { cache } = makeCache(() => current);
    const first = await cache.files();
    current = { ...config, topics: config.topics.filter((t) => t.id !== 'energy') };
    const second = await cache.files();
    expect(second).not.toBe(first);
    expect(first.has(ENERGY)).toBe(true);
    expect(second.has(ENERGY)).toBe(false);
  });

  it('ages stories out of a topic with "maxAgeDays" as the hours pass, with no new content', async () => {
    const aged = { ...config, topics: config.topics.map((t) => (t.id === 'energy' ? { ...t, maxAgeDays: 3 } : t)) };
    let time = Date.parse('2024-03-22T12:30:00.000Z');
    const cache = createSiteCache(store, () => aged, () => new Date(time));
    const early = itemCount((await cache.files()).get(ENERGY)?.body);
    time += 59 * 60_000; // the same hour: the same files
    const same = await cache.files();
    expect(itemCount(same.get(ENERGY)?.body)).toBe(early);
    time = Date.parse('2024-03-24T12:30:00.000Z');
    const later = itemCount((await cache.files()).get(ENERGY)?.body);
    expect(early).toBeGreaterThan(later);
    expect(later).toBeGreaterThan(0);
    const all = itemCount((await createSiteCache(store, () => config, () => new Date(time)).files()).get(ENERGY)?.body);
    expect(all).toBeGreaterThan(early);
  });
});

describe('the renderers (feed, sanitize-html), loaded by the first render', () => {
  it('are not part of a daemon that has rendered nothing yet', async () => {
    const dir = makeTempDir('tw-loads-');
    const env = { ...process.env, LOG_LOADS_FILE: path.join(dir, 'loads') };
    writeFileSync(env.LOG_LOADS_FILE, '');
    const fixture = (name: string): string => path.join(repoRoot, 'tests/fixtures', name);
    const args = ['--import', pathToFileURL(fixture('loads/log-loads.mjs')).href, fixture('daemon/render-after-daemon.mjs'), pathToFileURL(path.join(repoRoot, 'dist')).href, configFile];
    const { stdout } = await promisify(execFile)(process.execPath, args, { env });
    const report = JSON.parse(stdout) as { beforeRender: string[]; afterRender: string[]; topicFeeds: number };
    expect(report).toEqual({ beforeRender: [], afterRender: ['feed', 'sanitize-html'], topicFeeds: config.topics.length });
  });
});
