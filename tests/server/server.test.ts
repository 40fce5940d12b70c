import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSite } from '../../src/publish/site.js';
import type { RenderedFile } from '../../src/publish/types.js';
import type { SiteReader } from '../../src/server/types.js';
import { loadSiteInput } from '../fixtures/publish/load-site-input.js';
import { rawExchange, request } from './http-client.js';
import type { RunningServer } from './start-server.js';
import { makeReader, startServer } from './start-server.js';

const files = renderSite(loadSiteInput(), new Date('2024-06-01T00:00:00Z'));
const NATO_RSS = files.get('/topics/nato.rss') as RenderedFile;
const NATO_LAST_MODIFIED = 'Thu, 02 May 2024 09:30:00 GMT';

let running: RunningServer;
let base = '';

beforeAll(async () => {
  running = await startServer(makeReader(files));
  base = running.baseUrl;
});

afterAll(async () => {
  await running.close();
});

describe('serving files', () => {
  it('answers 200 with the body, type, validators and caching headers', async () => {
    const res = await request(base, '/topics/nato.rss');
    expect(res.status).toBe(200);
    expect(res.body.equals(NATO_RSS.body)).toBe(true);
    expect(res.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(res.headers['content-length']).toBe(String(NATO_RSS.body.length));
    expect(res.headers.etag).toBe(NATO_RSS.etag);
    expect(res.headers['last-modified']).toBe(NATO_LAST_MODIFIED);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(res.headers['content-encoding']).toBeUndefined();
  });

  it('serves every route with its content type', async () => {
    const expected: Record<string, string> = {
      '/': 'text/html; charset=utf-8',
      '/topics/nato.atom': 'application/atom+xml; charset=utf-8',
      '/topics/nato.json': 'application/feed+json; charset=utf-8',
      '/topics.opml': 'text/x-opml; charset=utf-8',
    };
    for (const [path, type] of Object.entries(expected)) {
      const res = await request(base, path);
      expect(res.status, path).toBe(200);
      expect(res.headers['content-type'], path).toBe(type);
      expect(res.body.equals(files.get(path)?.body ?? Buffer.alloc(0)), path).toBe(true);
    }
  });

  it('ignores query strings and serves /index.html as /', async () => {
    const res = await request(base, '/topics/nato.rss?utm_source=x&a=%zz');
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe(NATO_RSS.etag);
    expect((await request(base, '/index.html')).headers.etag).toBe(files.get('/')?.etag);
  });

  it('answers HEAD with the same headers and no body', async () => {
    const res = await request(base, '/topics/nato.rss', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(0);
    expect(res.headers['content-length']).toBe(String(NATO_RSS.body.length));
    expect(res.headers.etag).toBe(NATO_RSS.etag);
  });
});

describe('conditional requests', () => {
  it('answers 304 without a body to a matching If-None-Match: exact, weak, in a list, or *', async () => {
    for (const tag of [NATO_RSS.etag, `W/${NATO_RSS.etag}`, `"nope", ${NATO_RSS.etag}`, '*']) {
      const res = await request(base, '/topics/nato.rss', { headers: { 'If-None-Match': tag } });
      expect(res.status, tag).toBe(304);
      expect(res.body.length).toBe(0);
      expect(res.headers.etag).toBe(NATO_RSS.etag);
      expect(res.headers['cache-control']).toBe('public, max-age=300');
      expect(res.headers.vary).toBe('Accept-Encoding');
    }
  });

  it('answers 200 to a stale If-None-Match even when If-Modified-Since would say 304', async () => {
    const res = await request(base, '/topics/nato.rss', { headers: { 'If-None-Match': '"stale"', 'If-Modified-Since': 'Fri, 03 May 2024 00:00:00 GMT' } });
    expect(res.status).toBe(200);
    expect(res.body.equals(NATO_RSS.body)).toBe(true);
  });

  it('answers 304 when If-Modified-Since is at or after Last-Modified, 200 when before', async () => {
    const at = await request(base, '/topics/nato.rss', { headers: { 'If-Modified-Since': NATO_LAST_MODIFIED } });
    const after = await request(base, '/topics/nato.rss', { headers: { 'If-Modified-Since': 'Fri, 03 May 2024 00:00:00 GMT' } });
    const before = await request(base, '/topics/nato.rss', { headers: { 'If-Modified-Since': 'Thu, 02 May 2024 09:29:59 GMT' } });
    const invalid = await request(base, '/topics/nato.rss', { headers: { 'If-Modified-Since': 'not a date' } });
    expect([at.status, after.status, before.status, invalid.status]).toEqual([304, 304, 200, 200]);
    expect(at.body.length).toBe(0);
  });

  it('compares Last-Modified in whole seconds and never dates a file in the future', async () => {
    const withMillis: RenderedFile = { ...NATO_RSS, path: '/x.rss', lastModified: new Date('2024-05-02T09:30:00.750Z') };
    const future: RenderedFile = { ...NATO_RSS, path: '/future.rss', lastModified: new Date('2999-01-01T00:00:00Z') };
    const clock = Date.parse('2024-06-01T12:00:00.400Z');
    const server = await startServer(makeReader(new Map([['/x.rss', withMillis], ['/future.rss', future]])), { now: () => clock });
    try {
      const res = await request(server.baseUrl, '/x.rss', { headers: { 'If-Modified-Since': NATO_LAST_MODIFIED } });
      expect(res.status).toBe(304);
      const fut = await request(server.baseUrl, '/future.rss');
      expect(fut.headers['last-modified']).toBe('Sat, 01 Jun 2024 12:00:00 GMT');
    } finally {
      await server.close();
    }
  });

  it('dates a file by its own time once the clock has passed it, for both codings', async () => {
    const soon: RenderedFile = { ...NATO_RSS, path: '/soon.rss', lastModified: new Date('2024-06-01T12:00:05.500Z') };
    let clock = Date.parse('2024-06-01T12:00:00.400Z');
    const server = await startServer(makeReader(new Map([['/soon.rss', soon]])), { now: () => clock });
    try {
      const lastModified = async (headers: Record<string, string>): Promise<string | undefined> =>
        (await request(server.baseUrl, '/soon.rss', { headers })).headers['last-modified'];
      expect(await lastModified({})).toBe('Sat, 01 Jun 2024 12:00:00 GMT');
      clock = Date.parse('2024-06-01T12:00:03.000Z');
      expect(await lastModified({ 'Accept-Encoding': 'gzip' })).toBe('Sat, 01 Jun 2024 12:00:03 GMT');
      clock = Date.parse('2024-06-01T12:00:09.000Z');
      expect(await lastModified({})).toBe('Sat, 01 Jun 2024 12:00:05 GMT');
      expect(await lastModified({ 'Accept-Encoding': 'gzip' })).toBe('Sat, 01 Jun 2024 12:00:05 GMT');
      const notModified = await request(server.baseUrl, '/soon.rss', { headers: { 'If-Modified-Since': 'Sat, 01 Jun 2024 12:00:05 GMT' } });
      expect(notModified.status).toBe(304);
      expect(notModified.headers['last-modified']).toBe('Sat, 01 Jun 2024 12:00:05 GMT');
    } finally {
      await server.close();
    }
  });
});

describe('gzip', () => {
  it('compresses when Accept-Encoding allows it, with a weak ETag of the same value', async () => {
    const res = await request(base, '/topics/nato.rss', { headers: { 'Accept-Encoding': 'gzip, deflate' } });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(res.headers.etag).toBe(`W/${NATO_RSS.etag}`);
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(NATO_RSS.body.length);
    expect(gunzipSync(res.body).equals(NATO_RSS.body)).toBe(true);
  });

  it('serves identical gzip bytes on every request and revalidates either variant', async () => {
    const first = await request(base, '/topics/nato.atom', { headers: { 'Accept-Encoding': 'gzip' } });
    const second = await request(base, '/topics/nato.atom', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(second.body.equals(first.body)).toBe(true);
    const strongTagGzip = await request(base, '/topics/nato.rss', { headers: { 'Accept-Encoding': 'gzip', 'If-None-Match': NATO_RSS.etag } });
    const weakTagIdentity = await request(base, '/topics/nato.rss', { headers: { 'If-None-Match': `W/${NATO_RSS.etag}` } });
    expect([strongTagGzip.status, weakTagIdentity.status]).toEqual([304, 304]);
  });

  it('sends identity when gzip is refused or not offered', async () => {
    for (const accept of ['gzip;q=0', 'br', 'identity']) {
      const res = await request(base, '/topics/nato.rss', { headers: { 'Accept-Encoding': accept } });
      expect(res.headers['content-encoding'], accept).toBeUndefined();
      expect(res.body.equals(NATO_RSS.body), accept).toBe(true);
    }
  });
});

describe('errors and limits', () => {
  it('answers 404 with a small text body for unknown topics, formats and paths', async () => {
    for (const path of ['/topics/nope.rss', '/topics/nato.xml', '/topics/nato', '/nope', '/topics/', '//topics/nato.rss']) {
      const res = await request(base, path);
      expect(res.status, path).toBe(404);
      expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(res.body.toString()).toBe('not found\n');
    }
  });

  it('answers 405 with Allow to anything but GET and HEAD, and changes nothing', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const res = await request(base, '/topics/nato.rss', { method });
      expect(res.status, method).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD');
    }
    const after = await request(base, '/topics/nato.rss');
    expect(after.body.equals(NATO_RSS.body)).toBe(true);
  });

  it('never leaves the site map: traversal attempts are 404', async () => {
    for (const path of ['/../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/topics/..%2f..%2f..%2fetc%2fpasswd', '/topics/../../../../etc/passwd', '/..%5c..%5cetc%5cpasswd', '/%00']) {
      const res = await request(base, path);
      expect(res.status, path).toBe(404);
      expect(res.body.toString()).toBe('not found\n');
    }
    // Dot segments inside the site resolve like a browser would.
    expect((await request(base, '/topics/../topics.opml')).status).toBe(200);
  });

  it('answers 400 to bad percent-encoding and absurdly long URLs, and keeps serving', async () => {
    for (const path of ['/topics/%E0%A4%A.rss', '/%', '/%zz', `/${'a'.repeat(5000)}`]) {
      const res = await request(base, path);
      expect(res.status, path.slice(0, 40)).toBe(400);
    }
    expect((await request(base, '/topics/nato.rss')).status).toBe(200);
  });

  it('answers 500 when the reader fails, and keeps serving', async () => {
    const broken: SiteReader = {
      files: () => {
        throw new Error('store is gone');
      },
      health: () => ({ status: 200, body: {} }),
      metrics: () => '',
    };
    const server = await startServer(broken);
    try {
      const res = await request(server.baseUrl, '/topics/nato.rss');
      expect(res.status).toBe(500);
      expect(res.body.toString()).toBe('internal error\n');
      expect((await request(server.baseUrl, '/health')).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('closes a connection whose headers never finish (headersTimeout)', async () => {
    const server = await startServer(makeReader(files), { headersTimeoutMs: 200, requestTimeoutMs: 1000 });
    try {
      const answer = await rawExchange(server.baseUrl, 'GET /topics/nato.rss HTTP/1.1\r\nHost: x\r\n');
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    } finally {
      await server.close();
    }
  });

  it('answers an absolute-form request target', async () => {
    const answer = await rawExchange(base, 'GET http://localhost:8080/topics.opml HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
  });
});

describe('health, metrics and rebuilds', () => {
  it('serves /health as JSON with the status the reader gives, uncached', async () => {
    const res = await request(base, '/health');
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(JSON.parse(res.body.toString())).toEqual({ lastCycleAt: '2024-05-02T10:15:00.000Z', sources: { ok: 1, failing: 1 } });
  });

  it('serves /metrics in the Prometheus text format, uncached', async () => {
    const res = await request(base, '/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body.toString()).toContain('topicwire_fetches_total 7\n');
    const head = await request(base, '/metrics', { method: 'HEAD' });
    expect(head.body.length).toBe(0);
  });

  it('reads the files on every request, so a rebuild is served at once', async () => {
    let current: ReadonlyMap<string, RenderedFile> = files;
    const server = await startServer({ ...makeReader(files), files: () => current });
    try {
      const input = loadSiteInput();
      const entry = input.topics[0]?.entries[0];
      if (entry === undefined) throw new Error('fixture changed');
      entry.title = 'Rebuilt';
      const before = await request(server.baseUrl, '/topics/nato.rss');
      current = renderSite(input, new Date('2024-06-01T00:00:00Z'));
      const after = await request(server.baseUrl, '/topics/nato.rss', { headers: { 'If-None-Match': before.headers.etag ?? '' } });
      expect(after.status).toBe(200);
      expect(after.body.toString()).toContain('<title>Rebuilt</title>');
    } finally {
      await server.close();
    }
  });
});
