import type { ServerResponse } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { readRepoFile } from '../support/cli.js';
import { runCommand } from '../support/daemon.js';
import { makeRss, routeRequests } from '../support/feed-routes.js';
import { makeTempDir } from '../support/items.js';
import { startServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
let config: string;
const html = (res: ServerResponse, body: string) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
// The site's own page, its feeds on this server instead of news.example.
const home = () => readRepoFile('tests/fixtures/discover/news-site-home.html').replaceAll('https://news.example', server.url(''));
const routes = routeRequests({
  '/': (_req, res) => html(res, home()),
  '/feed/': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(makeRss('civil', 3)),
  '/comments/feed/': (_req, res) => res.writeHead(200).end(makeRss('comments', 1)),
  '/sections/world.html': (_req, res) => html(res, readRepoFile('tests/fixtures/discover/section-with-base.html')),
  '/world/atom.xml': (_req, res) => res.writeHead(200).end(`<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>World</title><id>urn:w</id><updated>2024-03-19T00:00:00Z</updated></feed>`),
  '/broken.html': (_req, res) => html(res, '<html><head><link rel="alternate" type="application/rss+xml" href="/gone.xml"><link rel="alternate" type="application/rss+xml" href="/feed/"></head></html>'),
  '/about.html': (_req, res) => html(res, readRepoFile('tests/fixtures/parse/html-page.html')),
});

beforeAll(async () => {
  server = await startServer((req, res) => routes.handle(req, res));
});
afterAll(async () => server.close());
beforeEach(() => {
  config = path.join(makeTempDir('tw-discover-'), 'config.json');
  writeFileSync(config, JSON.stringify({ sources: [], topics: [{ id: 'all', title: 'All', query: 'story' }] }, null, 2));
});

const add = (...args: string[]) => runCommand(['sources', 'add', ...args, '--config', config]);
const sources = async () => (await loadConfig(config)).sources.map((s) => [s.id, s.title, s.url]);

describe('sources add with a web page', () => {
  it("adds the first feed a site's home page names, says which, and lists the other", async () => {
    const run = await add(server.url('/'), '--id', 'civil');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain(`${server.url('/')} is a web page naming 2 feeds; added the first: ${server.url('/feed/')}\n`);
    expect(run.out).toContain('added civil (civil) to ');
    expect(run.out).toMatch(new RegExp(`the page also names .*\\n  ${server.url('/comments/feed/')}  Civil Georgia » Comments Feed\\n$`));
    expect(await sources()).toEqual([['civil', 'civil', server.url('/feed/')]]);
  });

  it('resolves relative links against <base>', async () => {
    const run = await add(server.url('/sections/world.html'));
    expect(run.code).toBe(0);
    expect(run.out).toContain(`added the first: ${server.url('/world/atom.xml')}\n`);
    expect(await sources()).toEqual([['127-0-0-1', 'World', server.url('/world/atom.xml')]]);
  });

  it('skips a named feed that does not read as one and takes the next', async () => {
    const run = await add(server.url('/broken.html'));
    expect(run.code).toBe(0);
    expect(await sources()).toEqual([['127-0-0-1', 'civil', server.url('/feed/')]]);
  });

  it('refuses a page that names no feed, and one whose feed is a source already, writing nothing', async () => {
    const none = await add(server.url('/about.html'));
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/^topicwire: not added: not a feed: .*; nor is it a web page that names a feed \(<link rel="alternate">\) \(use --force/);
    expect(await sources()).toEqual([]);

    expect((await add(server.url('/feed/'), '--id', 'civil')).code).toBe(0);
    const before = readFileSync(config, 'utf8');
    const again = await add(server.url('/'));
    expect(again.code).toBe(1);
    expect(again.err).toBe(`topicwire: ${server.url('/')} names the feed ${server.url('/feed/')}, which is already a source: civil\n`);
    expect(again.out).toContain(server.url('/comments/feed/'));
    expect(readFileSync(config, 'utf8')).toBe(before);
  });

  it('checks a duplicate URL (compared canonically) and a duplicate id before fetching anything', async () => {
    expect((await add(server.url('/feed/'), '--id', 'civil')).code).toBe(0);
    const requests = server.requests.length;
    const sameFeed = await add(`${server.url('/feed/').replace('http://', 'HTTP://')}?utm_source=newsletter#top`);
    expect(sameFeed).toMatchObject({ code: 1, err: expect.stringMatching(/is already a source: civil\n$/) });
    const sameId = await add(server.url('/comments/feed/'), '--id', 'civil');
    expect(sameId).toMatchObject({ code: 1, err: expect.stringContaining('there is already a source with id "civil"') });
    const badId = await add(server.url('/comments/feed/'), '--id', 'Civil Georgia');
    expect(badId).toMatchObject({ code: 1, err: expect.stringContaining('--id Civil Georgia: a source id must be lower-case') });
    expect(server.requests.length).toBe(requests);
  });
});
