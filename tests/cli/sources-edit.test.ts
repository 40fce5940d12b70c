import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { parseOpml } from '../../src/parse/index.js';
import { repoRoot, runTopicwire } from '../support/cli.js';
import { makeRss } from '../support/feed-routes.js';
import { makeTempDir } from '../support/items.js';
import { startServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
let dir: string;
let config: string;
const original = `{
  "schedule": "*/30 * * * *",
  "sources": [
    { "id": "rt", "title": "RT", "url": "${path.join(repoRoot, 'data/samples/rt-news.xml')}" }
  ],
  "topics": [
    { "id": "nato", "title": "NATO", "query": "nato", "sources": ["rt", "gone-soon"] }
  ]
}
`;

beforeAll(async () => {
  server = await startServer((req, res) => {
    if (req.url === '/feed.xml') res.writeHead(200).end(makeRss('news', 2));
    else res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body>Hello</body></html>');
  });
  dir = makeTempDir('tw-sources-');
  config = path.join(dir, 'config.json');
});
afterAll(async () => server.close());

const run = (...args: string[]) => runTopicwire([...args, '--config', config]);

describe('sources add / remove / import / export', () => {
  it('adds a feed with the title it gives itself, leaving the rest of the file as written', async () => {
    writeFileSync(config, original.replace(', "gone-soon"', ''));
    const added = await run('sources', 'add', server.url('/feed.xml'));
    expect(added).toMatchObject({ code: 0, err: '' });
    expect(added.out).toMatch(/^added 127-0-0-1 \(news\) to /);
    const text = readFileSync(config, 'utf8');
    expect(text.startsWith('{\n  "schedule": "*/30 * * * *",\n  "sources": [\n    { "id": "rt", "title": "RT", "url": ')).toBe(true);
    expect((await loadConfig(config)).sources.map((s) => [s.id, s.title])).toEqual([['rt', 'RT'], ['127-0-0-1', 'news']]);
  });

  it('refuses a URL that is already a source, and one that is not a feed unless forced', async () => {
    const again = await run('sources', 'add', server.url('/feed.xml'));
    expect(again).toMatchObject({ code: 1, err: `topicwire: ${server.url('/feed.xml')} is already a source: 127-0-0-1\n` });
    const before = readFileSync(config, 'utf8');
    const page = await run('sources', 'add', server.url('/page.html'));
    expect(page.code).toBe(1);
    expect(page.err).toMatch(/^topicwire: not added: not a feed: .*\(use --force to add it anyway\)\n$/);
    expect(readFileSync(config, 'utf8')).toBe(before);
    const forced = await run('sources', 'add', server.url('/page.html'), '--force', '--id', 'page');
    expect(forced.code).toBe(0);
    expect((await loadConfig(config)).sources.map((s) => s.id)).toEqual(['rt', '127-0-0-1', 'page']);
  });

  it('removes a source from the sources and from every topic restricted to it', async () => {
    writeFileSync(config, original.replace('"sources": [\n    {', `"sources": [\n    { "id": "gone-soon", "url": "x.xml" },\n    {`));
    const removed = await run('sources', 'remove', 'gone-soon');
    expect(removed.code).toBe(0);
    const loaded = await loadConfig(config);
    expect(loaded.sources.map((s) => s.id)).toEqual(['rt']);
    expect(loaded.topics[0]?.sources).toEqual(['rt']);
    expect((await run('sources', 'remove', 'nope')).err).toMatch(/no source with id "nope"/);
    expect((await run('sources', 'remove', 'rt')).err).toBe('topicwire: topic "nato" reads only rt: change its "sources" first\n');
  });

  it('imports the feeds of an OPML file, nested ones too, skipping those already configured (--force: unchecked)', async () => {
    const opml = path.join(dir, 'subs.opml');
    writeFileSync(
      opml,
      `<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>
        <outline text="News"><outline text="BBC" type="rss" xmlUrl="https://feeds.bbci.co.uk/news/rss.xml"/>
          <outline text="Civil.ge" type="rss" xmlUrl="https://civil.ge/feed"/></outline>
        <outline text="RT again" type="rss" xmlUrl="${path.join(repoRoot, 'data/samples/rt-news.xml')}"/>
      </body></opml>`,
    );
    // Unreachable from here: --force imports them without fetching them first.
    const imported = await run('sources', 'import', opml, '--force');
    expect(imported.out).toMatch(/^imported 2 of 3 feeds \(1 already configured\)/);
    expect((await loadConfig(config)).sources.map((s) => [s.id, s.title])).toEqual([['rt', 'RT'], ['feeds-bbci-co-uk', 'BBC'], ['civil-ge', 'Civil.ge']]);
  });

  it('exports the sources as OPML that imports back to the same list, every URL absolute', async () => {
    const exported = await run('sources', 'export');
    expect(exported.code).toBe(0);
    const feeds = await parseOpml(exported.out);
    expect(feeds.map((f) => f.url)).toEqual((await loadConfig(config)).sources.map((s) => (s.location.startsWith('/') ? pathToFileURL(s.location).href : s.url)));
  });
});
