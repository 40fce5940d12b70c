import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';
import { compileTopics } from '../../src/update/match-topics.js';
import { updateSources } from '../../src/update/update-sources.js';
import { openStore, type Store } from '../../src/store/index.js';
import { makeTempDir } from '../support/items.js';
import { startServer, type TestServer } from '../support/test-server.js';

const rss = (items: string[], site = 'news.example') => `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Feed</title><link>https://news.example/</link>
${items.map((title, i) => `<item><title>${title}</title><link>https://${site}/${i}</link><guid>g${i}</guid><pubDate>Tue, 19 Mar 2024 10:0${i}:00 GMT</pubDate></item>`).join('\n')}
</channel></rss>`;

let server: TestServer;
let store: Store<'now'>;
let good: string[] = ['NATO summit in Vilnius', 'Baku hosts talks'];

beforeAll(async () => {
  server = await startServer((req, res) => {
    if (req.url === '/good.xml') {
      const body = rss(good);
      const etag = `"${good.length}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag }).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag }).end(body);
    } else if (req.url === '/broken.xml') {
      res.writeHead(500).end('oops');
    } else if (req.url === '/page.html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body>Not a feed</body></html>');
    } else {
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(['Weather: sunny in Yerevan'], 'other.example'));
    }
  });
  store = openStore(path.join(makeTempDir(), 'db.sqlite'));
});
afterAll(async () => {
  store.close();
  await server.close();
});

function makeDeps() {
  const config = parseConfig(
    JSON.stringify({
      sources: [
        { id: 'good', url: server.url('/good.xml') },
        { id: 'broken', url: server.url('/broken.xml') },
        { id: 'page', url: server.url('/page.html') },
        { id: 'other', url: server.url('/other.xml') },
      ],
      topics: [
        { id: 'nato', title: 'NATO', query: 'nato' },
        { id: 'caucasus', title: 'Caucasus', query: 'baku OR yerevan' },
      ],
    }),
    '/tmp/config.json',
  );
  return { store, config, topics: compileTopics(config), logger: pino({ level: 'silent' }), now: () => new Date('2024-03-20T00:00:00Z') };
}

describe('updateSources', () => {
  it('stores the sound sources and records each failure on its own source', async () => {
    const summary = await updateSources(makeDeps(), makeDeps().config.sources);
    expect(summary.sources.map((s) => [s.sourceId, s.status])).toEqual([
      ['good', 'ok'],
      ['broken', 'failed'],
      ['page', 'failed'],
      ['other', 'ok'],
    ]);
    expect(summary.totals).toMatchObject({ ok: 2, failed: 2, new: 3 });
    const broken = store.sources.getSource('broken');
    expect(broken).toMatchObject({ status: 'failing', httpStatus: 500, failures: 1 });
    expect(broken?.lastError).toMatch(/HTTP 500/);
    expect(store.sources.getSource('page')?.lastError).toMatch(/not a feed/i);
    expect(store.topics.countStoriesByTopic()).toEqual(new Map([['nato', 1], ['caucasus', 2]]));
  });

  it('sends the stored validators and parses nothing on a 304', async () => {
    const before = server.requests.length;
    const summary = await updateSources(makeDeps(), makeDeps().config.sources.slice(0, 1));
    const request = server.requests.slice(before).find((r) => r.path === '/good.xml');
    expect(request?.headers['if-none-match']).toBe('"2"');
    expect(summary.sources[0]).toMatchObject({ status: 'unchanged', httpStatus: 304 });
    expect(summary.totals.new).toBe(0);
  });

  it('updates an item in place when its title changes, and adds a new one', async () => {
    good = ['NATO summit in Vilnius (updated)', 'Baku hosts talks', 'Stoltenberg visits Tbilisi'];
    const summary = await updateSources(makeDeps(), makeDeps().config.sources.slice(0, 1));
    expect(summary.sources[0]?.counts).toMatchObject({ new: 1, updated: 1, unchanged: 1 });
    expect(store.stories.countAll().items).toBe(4);
  });
});
