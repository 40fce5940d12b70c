import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { FetchError } from '../../src/errors.js';
import { decodeBody, fetchFeed, HttpStatusError } from '../../src/fetch/index.js';
import type { FetchRequest } from '../../src/model.js';
import { readRepoFile } from '../support/cli.js';
import { RSS_BODY, startServer, type TestServer } from '../support/test-server.js';

const ETAG = '"v1"';
const LAST_MODIFIED = 'Mon, 02 Jun 2025 10:00:00 GMT';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function requestFor(url: string, extra: Partial<FetchRequest> = {}): FetchRequest {
  return { url, timeoutMs: 5000, maxBytes: 1_000_000, ...extra };
}

/** Serves RSS_BODY with validators and answers 304 when they come back. */
async function startConditionalServer(): Promise<TestServer> {
  return startServer((req, res) => {
    if (req.headers['if-none-match'] === ETAG) {
      res.writeHead(304, { ETag: '"v2"' });
      res.end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/rss+xml', ETag: ETAG, 'Last-Modified': LAST_MODIFIED, 'X-Feed-Mood': 'calm' });
    res.end(RSS_BODY);
  });
}

describe('fetchFeed over HTTP', () => {
  it('fetches a feed, sends the client headers and returns validators', async () => {
    server = await startConditionalServer();
    const outcome = await fetchFeed(requestFor(server.url('/feed.xml')));
    expect(outcome.kind).toBe('fetched');
    if (outcome.kind !== 'fetched') return;
    expect(decodeBody(outcome.body, outcome.headers['content-type'])).toEqual({ text: RSS_BODY, charset: 'utf-8', charsetFrom: 'xml-declaration' });
    expect(outcome.status).toBe(200);
    expect(outcome.finalUrl).toBe(server.url('/feed.xml'));
    expect(outcome.redirects).toEqual([]);
    expect(outcome.bytes).toBe(Buffer.byteLength(RSS_BODY));
    expect(outcome.headers['x-feed-mood']).toBe('calm');
    expect(outcome.validators).toEqual({ etag: ETAG, lastModified: LAST_MODIFIED, bodyHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const seen = server.requests[0]?.headers;
    const { version } = JSON.parse(readRepoFile('package.json')) as { version: string };
    expect(seen?.['user-agent']).toBe(`topicwire/${version} (+https://github.com/topicwire)`);
    expect(seen?.['accept']).toContain('application/rss+xml');
    expect(seen?.['accept-encoding']).toBe('gzip, deflate, br');
    expect(seen?.['if-none-match']).toBeUndefined();
  });

  it('sends the validators back and reports a 304 as not-modified, taking the new ETag', async () => {
    server = await startConditionalServer();
    const first = await fetchFeed(requestFor(server.url('/feed.xml')));
    const second = await fetchFeed(requestFor(server.url('/feed.xml'), first.validators));
    const seen = server.requests[1]?.headers;
    expect(seen?.['if-none-match']).toBe(ETAG);
    expect(seen?.['if-modified-since']).toBe(LAST_MODIFIED);
    expect(second).toMatchObject({ kind: 'unchanged', reason: 'not-modified', status: 304, bytes: 0 });
    expect(second.validators).toEqual({ ...first.validators, etag: '"v2"' });
  });

  it('reports a 200 whose body is the same as last time as same-body', async () => {
    let body = RSS_BODY;
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
      res.end(body);
    });
    const first = await fetchFeed(requestFor(server.url('/feed')));
    const again = await fetchFeed(requestFor(server.url('/feed'), first.validators));
    expect(again).toMatchObject({ kind: 'unchanged', reason: 'same-body', status: 200, bytes: first.bytes });
    expect(again.validators.bodyHash).toBe(first.validators.bodyHash);
    body = RSS_BODY.replace('item-1', 'item-2');
    const changed = await fetchFeed(requestFor(server.url('/feed'), again.validators));
    expect(changed.kind).toBe('fetched');
    expect(changed.validators.bodyHash).not.toBe(first.validators.bodyHash);
  });

  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ])('reads a %s-compressed body', async (encoding, compress) => {
    const body = RSS_BODY.repeat(50);
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8', 'Content-Encoding': encoding });
      res.end(compress(Buffer.from(body)));
    });
    const outcome = await fetchFeed(requestFor(server.url('/feed')));
    expect(outcome.kind === 'fetched' ? Buffer.from(outcome.body).toString() : undefined).toBe(body);
    expect(outcome.bytes).toBe(Buffer.byteLength(body));
  });

  it('uses the injected fetch and clock', async () => {
    server = await startConditionalServer();
    const calls: RequestInit[] = [];
    const ticks = [1000, 1250];
    const outcome = await fetchFeed(requestFor(server.url('/feed')), {
      fetch: (input, init) => {
        calls.push(init ?? {});
        return fetch(input, init);
      },
      now: () => ticks.shift() ?? Number.NaN,
    });
    expect(outcome.elapsedMs).toBe(250);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.redirect).toBe('manual');
  });

  it.each([
    [500, 'Internal Server Error'],
    [503, 'Service Unavailable'],
    [429, 'Too Many Requests'],
  ])('turns HTTP %i into an HttpStatusError with the headers', async (status, text) => {
    server = await startServer((_req, res) => {
      res.writeHead(status, { 'Retry-After': '120' });
      res.end('go away');
    });
    const error = await fetchFeed(requestFor(server.url('/feed'))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpStatusError);
    expect(error).toBeInstanceOf(FetchError);
    const httpError = error as HttpStatusError;
    expect(httpError.status).toBe(status);
    expect(httpError.message).toBe(`${server.url('/feed')}: HTTP ${status} ${text}`);
    expect(httpError.headers['retry-after']).toBe('120');
  });

  it('refuses a 304 to an unconditional request', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(304);
      res.end();
    });
    await expect(fetchFeed(requestFor(server.url('/feed')))).rejects.toMatchObject({ status: 304 });
  });

  it('reports a refused connection as a FetchError', async () => {
    server = await startServer(() => undefined);
    const url = server.url('/feed');
    await server.close();
    server = undefined;
    await expect(fetchFeed(requestFor(url))).rejects.toThrow(/fetch failed: .*ECONNREFUSED/);
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    server = await startServer(() => controller.abort());
    const error = await fetchFeed(requestFor(server.url('/feed'), { signal: controller.signal })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).message).toMatch(/aborted$/);
  });

  it('refuses schemes it does not speak', async () => {
    await expect(fetchFeed(requestFor('ftp://example.org/feed.xml'))).rejects.toThrow(/unsupported scheme "ftp:"/);
  });
});

describe('fetchFeed when the server closes the connection before answering', () => {
  // The stale keep-alive race (the server's idle timer fires as the request is
  // written) cannot be timed from a test; dropping the first request's
  // connection on arrival leaves the client in the same place: no answer.
  it('sends the GET again on a new connection and gets the feed', async () => {
    server = await startServer((req, res) => {
      if (server?.requests.length === 1) {
        req.socket.destroy();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
      res.end(RSS_BODY);
    });
    const outcome = await fetchFeed(requestFor(server.url('/feed.xml')));
    expect(outcome.kind).toBe('fetched');
    if (outcome.kind !== 'fetched') return;
    expect(decodeBody(outcome.body, outcome.headers['content-type']).text).toBe(RSS_BODY);
    expect(server.requests).toHaveLength(2);
  });

  it('fails the source, saying why, when the server drops the second attempt too', async () => {
    server = await startServer((req) => req.socket.destroy());
    const error = await fetchFeed(requestFor(server.url('/feed.xml'))).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).message).toMatch(/fetch failed: .*(other side closed|ECONNRESET|EPIPE)/);
    expect(server.requests).toHaveLength(2);
  });
});
