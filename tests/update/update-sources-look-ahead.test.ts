import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';
import { compileTopics } from '../../src/update/match-topics.js';
import { lookAheadOf, updateSources } from '../../src/update/update-sources.js';
import { fetchFeed } from '../../src/fetch/index.js';
import type { FetchOutcome, FetchRequest } from '../../src/model.js';
import { openStore, type Store } from '../../src/store/index.js';
import { makeTempDir } from '../support/items.js';
import { startServer, type TestServer } from '../support/test-server.js';

const SOURCES = 12;

const rss = (n: number) => `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Feed ${n}</title><link>https://site${n}.example/</link>
<item><title>Story ${n} from Baku</title><link>https://site${n}.example/${n}</link><guid>g${n}</guid></item>
</channel></rss>`;

let server: TestServer;
let store: Store<'now'>;

beforeAll(async () => {
  server = await startServer((req, res) => {
    const n = Number(/^\/feed-(\d+)\.xml$/.exec(req.url ?? '')?.[1]);
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(n));
  });
  store = openStore(path.join(makeTempDir(), 'db.sqlite'));
});
afterAll(async () => {
  store.close();
  await server.close();
});

describe('updateSources look-ahead', () => {
  it('fetches no further ahead of the source being stored than lookAheadOf(config), however slow that source is', async () => {
    const config = parseConfig(
      JSON.stringify({
        fetch: { concurrency: 2, perHost: 2 },
        sources: Array.from({ length: SOURCES }, (_, n) => ({ id: `s${n}`, url: server.url(`/feed-${n}.xml`) })),
        topics: [{ id: 'caucasus', title: 'Caucasus', query: 'baku' }],
      }),
      '/tmp/config.json',
    );
    const lookAhead = lookAheadOf(config);
    expect(lookAhead).toBeLessThan(SOURCES);
    let started = 0;
    let stored = 0;
    let mostUnstored = 0;
    let othersFetched = 0;
    let releaseFirst = (): void => undefined;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    // The first source answers only once every source allowed beside it has
    // been fetched; a setImmediate later, so that a source started by the
    // hand-off of a fetch slot (microtasks) would already have been counted.
    const fetch = async (request: FetchRequest): Promise<FetchOutcome> => {
      started += 1;
      mostUnstored = Math.max(mostUnstored, started - stored);
      if (request.url.endsWith('/feed-0.xml')) await firstHeld;
      const outcome = await fetchFeed(request);
      if (!request.url.endsWith('/feed-0.xml') && ++othersFetched === lookAhead - 1) setImmediate(releaseFirst);
      return outcome;
    };
    const summary = await updateSources(
      {
        store,
        config,
        topics: compileTopics(config),
        logger: pino({ level: 'silent' }),
        now: () => new Date('2024-03-20T00:00:00Z'),
        fetch,
        onSourceDone: () => (stored += 1),
      },
      config.sources,
    );
    expect(mostUnstored).toBe(lookAhead);
    expect(summary.sources.map((s) => s.status)).toEqual(Array(SOURCES).fill('ok'));
    expect(summary.totals.new).toBe(SOURCES);
  });
});
