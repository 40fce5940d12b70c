import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import type { Config } from '../../src/config/types.js';
import { createSiteCache, VERSION_CHECK_INTERVAL_MS } from '../../src/daemon/site-cache.js';
import { openStore, type Store } from '../../src/store/index.js';
import { runTopicwire, writeSampleConfig } from '../support/cli.js';
import { makeTempDir } from '../support/items.js';
import { bumpContentVersion } from '../support/sql.js';

const START = Date.parse('2024-06-01T12:00:00.000Z');
const ENERGY = '/topics/energy.rss';

let config: Config;
let store: Store<'now'>;

beforeAll(async () => {
  const file = writeSampleConfig(makeTempDir('tw-site-cache-'));
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
});
