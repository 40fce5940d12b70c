import type { IncomingMessage } from 'node:http';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRepoFile } from '../support/cli.js';
import { runCommand, type CommandRun } from '../support/daemon.js';
import { makeRss, routeRequests } from '../support/feed-routes.js';
import { makeTempDir } from '../support/items.js';
import { startServer, type TestServer } from '../support/test-server.js';

const SECRET = 's3cret pass';
const basic = (pair: string) => `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
const authorized = (req: IncomingMessage) => req.headers.authorization === basic(`reader@home:${SECRET}`);

let site: TestServer;
let elsewhere: TestServer;
const routes = routeRequests({
  '/private.xml': (req, res) => (authorized(req) ? res.writeHead(200).end(makeRss('private', 2)) : res.writeHead(401, { 'www-authenticate': 'Basic realm="feeds"' }).end()),
  '/private-too.xml': (req, res) => (authorized(req) ? res.writeHead(200).end(makeRss('other', 2)) : res.writeHead(401, { 'www-authenticate': 'Basic realm="feeds"' }).end()),
  '/moved.xml': (_req, res) => res.writeHead(308, { location: '/private.xml' }).end(),
  '/away.xml': (_req, res) => res.writeHead(301, { location: elsewhere.url('/public.xml') }).end(),
  '/custom.xml': (_req, res) => res.writeHead(200).end(makeRss('custom', 1)),
  '/plain.xml': (_req, res) => res.writeHead(200).end(makeRss('plain', 1)),
});

let dir: string;
let config: string;
const runs: CommandRun[] = [];
const run = async (...args: string[]) => {
  const result = await runCommand([...args, '--config', config], { env: { TOPICWIRE_LOG_LEVEL: 'debug' } });
  runs.push(result);
  return result;
};
// The user name has an "@" and the password a space: both are percent-encoded in the URL.
const withCredentials = (url: string, password = 's3cret%20pass') => url.replace('http://', `http://reader%40home:${password}@`);

beforeAll(async () => {
  site = await startServer((req, res) => routes.handle(req, res));
  elsewhere = await startServer((_req, res) => res.writeHead(200).end(makeRss('public', 1)));
  dir = makeTempDir('tw-requests-');
  config = path.join(dir, 'config.json');
  writeFileSync(
    config,
    JSON.stringify({
      database: 'db.sqlite',
      output: { dir: 'public' },
      sources: [
        { id: 'private', url: withCredentials(site.url('/private.xml')) },
        { id: 'wrong', url: withCredentials(site.url('/private-too.xml'), 'wrong-pw') },
        { id: 'moved', url: withCredentials(site.url('/moved.xml')) },
        { id: 'away', url: withCredentials(site.url('/away.xml')) },
        { id: 'custom', url: site.url('/custom.xml'), userAgent: 'MyReader/2.0 (+mailto:me@example.org)', headers: { 'X-Api-Key': 'k-123', 'Accept-Language': 'ka' } },
        { id: 'plain', url: site.url('/plain.xml') },
      ],
      topics: [{ id: 'all', title: 'All', query: 'story' }],
    }),
  );
  expect((await run('fetch')).code).toBe(0);
  expect((await run('fetch')).code).toBe(0);
});
afterAll(async () => {
  await site.close();
  await elsewhere.close();
});

const seen = (server: TestServer, route: string) => server.requests.filter((r) => r.path === route).map((r) => r.headers);

describe('what topicwire sends', () => {
  it('sends credentials in a source URL as Basic authentication, decoded, and only to their origin', async () => {
    expect(seen(site, '/private.xml').map((h) => h.authorization)).toEqual(Array(4).fill(basic(`reader@home:${SECRET}`)));
    expect(seen(site, '/private-too.xml').map((h) => h.authorization)).toEqual(Array(2).fill(basic('reader@home:wrong-pw')));
    // The permanent move within the site keeps authenticating: the second fetch goes to /private.xml directly.
    expect(routes.hits('/moved.xml')).toBe(1);
    // The move to another origin is never sent the password, nor is the new URL later.
    expect(seen(elsewhere, '/public.xml').map((h) => h.authorization)).toEqual([undefined, undefined]);
    const list = await run('sources', 'list');
    expect(list.out).toMatch(/^private\s+ok\s+200/m);
    expect(list.out).toMatch(/^wrong\s+failing\s+401/m);
    expect(list.out).toContain(`wrong: error: ${site.url('/private-too.xml')}: HTTP 401`);
  });

  it('never shows, logs, stores or publishes the credentials', async () => {
    await run('sources', 'export');
    await run('items');
    await run('build');
    await run('check');
    const shown = runs.map((r) => r.out + r.err).join('\n');
    expect(shown).toContain('"event":"fetch"');
    const published = readdirSync(path.join(dir, 'public'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => readFileSync(path.join(entry.parentPath, entry.name), 'utf8'))
      .join('\n');
    expect(published).toContain(site.url('/private.xml'));
    const db = new Database(path.join(dir, 'db.sqlite'), { readonly: true });
    const stored = JSON.stringify(db.prepare('SELECT * FROM sources').all()) + JSON.stringify(db.prepare('SELECT link, guid FROM items').all());
    db.close();
    for (const text of [shown, published, stored]) {
      for (const secret of ['s3cret', 'wrong-pw', 'reader%40home', 'reader@home']) expect(text).not.toContain(secret);
    }
  });

  it("sends a source's own headers and User-Agent, and by default one naming topicwire and its version", () => {
    const { version } = JSON.parse(readRepoFile('package.json')) as { version: string };
    const custom = seen(site, '/custom.xml')[0];
    expect(custom).toMatchObject({ 'user-agent': 'MyReader/2.0 (+mailto:me@example.org)', 'x-api-key': 'k-123', 'accept-language': 'ka' });
    expect(seen(site, '/plain.xml')[0]?.['user-agent']).toBe(`topicwire/${version} (+https://github.com/topicwire)`);
    expect(seen(site, '/plain.xml')[0]?.['x-api-key']).toBeUndefined();
  });

  it('check refuses headers that cannot be sent or would be set twice', async () => {
    const check = async (sources: object[]) => {
      const bad = path.join(dir, 'bad.json');
      writeFileSync(bad, JSON.stringify({ sources, topics: [{ id: 'all', title: 'All', query: 'story' }] }));
      const checked = await runCommand(['check', '--config', bad]);
      expect(checked.code).toBe(1);
      expect(checked.err).not.toContain('s3cret');
      return checked.err;
    };
    const unsendable = await check([
      { id: 'newline', url: site.url('/3.xml'), headers: { 'X-Note': 'a\r\nX-Injected: 1' } },
      { id: 'name', url: site.url('/4.xml'), headers: { 'Bad Name': 'x' } },
    ]);
    expect(unsendable).toContain('sources[0].headers.X-Note: a header value cannot contain a line break');
    expect(unsendable).toContain('sources[1].headers.Bad Name: a header name is letters, digits');
    const conflicting = await check([
      { id: 'twice', url: site.url('/1.xml'), userAgent: 'A/1', headers: { 'User-Agent': 'B/2' } },
      { id: 'host', url: site.url('/2.xml'), headers: { Host: 'example.org', 'If-None-Match': '"x"', 'x-a': '1', 'X-A': '2' } },
      { id: 'auth', url: withCredentials(site.url('/5.xml')), headers: { Authorization: 'Bearer t' } },
    ]);
    expect(conflicting).toContain('sources[0].userAgent: the source sets a User-Agent in "headers" too: keep one');
    expect(conflicting).toContain('sources[1].headers: "Host" is set by topicwire itself and cannot be configured');
    expect(conflicting).toContain('sources[1].headers: "If-None-Match" is set by topicwire itself');
    expect(conflicting).toContain('sources[1].headers: "X-A" is given twice (header names ignore case)');
    expect(conflicting).toContain('sources[2].headers: the url carries credentials and "headers" an Authorization: keep one');
  });
});
