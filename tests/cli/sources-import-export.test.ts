import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { parseOpml } from '../../src/parse/index.js';
import { repoRoot } from '../support/cli.js';
import { runCommand } from '../support/daemon.js';
import { makeRss, routeRequests } from '../support/feed-routes.js';
import { makeTempDir } from '../support/items.js';
import { startServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
const routes = routeRequests({
  '/world.xml': (_req, res) => res.writeHead(200).end(makeRss('world', 2)),
  '/gone.xml': (_req, res) => res.writeHead(404).end('not here'),
  '/blog/': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><head><link rel="alternate" type="application/atom+xml" href="atom.xml"></head><body>Blog</body></html>'),
  '/blog/atom.xml': (_req, res) => res.writeHead(200).end('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>The Blog</title><id>urn:b</id><updated>2024-03-19T00:00:00Z</updated></feed>'),
  '/page.html': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>No feed here</body></html>'),
});

beforeAll(async () => {
  server = await startServer((req, res) => routes.handle(req, res));
});
afterAll(async () => server.close());

function setUp(sources: object[] | ((dir: string) => object[])): { dir: string; config: string } {
  const dir = makeTempDir('tw-import-');
  const config = path.join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ sources: typeof sources === 'function' ? sources(dir) : sources, topics: [{ id: 'all', title: 'All', query: 'story' }] }, null, 2));
  return { dir, config };
}

function writeOpml(dir: string, feeds: { text: string; url: string }[]): string {
  const file = path.join(dir, 'subscriptions.opml');
  const outlines = feeds.map((f) => `<outline type="rss" text="${f.text}" xmlUrl="${f.url}"/>`).join('\n');
  writeFileSync(file, `<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body><outline text="News">\n${outlines}\n</outline></body></opml>`);
  return file;
}

describe('sources import checks each feed as sources add does', () => {
  it('imports the feeds that read as feeds (a site page by its feed), and names those that failed and why', async () => {
    const { dir, config } = setUp([{ id: 'world', url: server.url('/world.xml') }]);
    const opml = writeOpml(dir, [
      { text: 'World again', url: `${server.url('/world.xml')}?utm_medium=rss` },
      { text: 'Gone', url: server.url('/gone.xml') },
      { text: 'A blog', url: server.url('/blog/') },
      { text: 'A page', url: server.url('/page.html') },
    ]);
    const imported = await runCommand(['sources', 'import', opml, '--config', config]);
    expect(imported.code).toBe(1);
    expect(imported.out).toContain(`imported 1 of 4 feeds (1 already configured, 2 failed) into ${config}\n  127-0-0-1  ${server.url('/blog/atom.xml')}\n`);
    expect(imported.out).toContain(`not imported (fix the URL, or --force imports without checking):\n  ${server.url('/gone.xml')}  ${server.url('/gone.xml')}: HTTP 404`);
    expect(imported.out).toMatch(new RegExp(`  ${server.url('/page.html')}  not a feed: .*nor is it a web page that names a feed`));
    expect((await loadConfig(config)).sources.map((s) => [s.id, s.title, s.url])).toEqual([
      ['world', 'world', server.url('/world.xml')],
      ['127-0-0-1', 'A blog', server.url('/blog/atom.xml')],
    ]);
  });

  it('--force imports without fetching', async () => {
    const { dir, config } = setUp([]);
    const requests = server.requests.length;
    const imported = await runCommand(['sources', 'import', writeOpml(dir, [{ text: 'Gone', url: server.url('/gone.xml') }]), '--force', '--config', config]);
    expect(imported).toMatchObject({ code: 0, out: expect.stringMatching(/^imported 1 of 1 feeds \(0 already configured\)/) });
    expect(server.requests.length).toBe(requests);
  });
});

describe('sources export', () => {
  it('writes absolute URLs, file paths as file:// URLs, and no credentials', async () => {
    // A path relative to the config's folder, as config.json allows.
    const { config } = setUp((dir) => [
      { id: 'rt', url: path.relative(dir, path.join(repoRoot, 'data/samples/rt-news.xml')) },
      { id: 'private', url: server.url('/world.xml').replace('http://', 'http://me:pa55@') },
    ]);
    const exported = await runCommand(['sources', 'export', '--config', config]);
    expect(exported.code).toBe(0);
    expect(exported.out).not.toContain('pa55');
    expect((await parseOpml(exported.out)).map((f) => f.url)).toEqual([pathToFileURL(path.join(repoRoot, 'data/samples/rt-news.xml')).href, server.url('/world.xml')]);
  });
});
