import { afterEach, describe, expect, it } from 'vitest';
import { FetchError } from '../../src/errors.js';
import { fetchFeed } from '../../src/fetch/index.js';
import { RSS_BODY, startServer, type TestServer } from '../support/test-server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Each route answers [status, Location] ({host} is this server); anything else is the feed. */
async function startRedirectServer(routes: Record<string, [number, string]> = {}): Promise<TestServer> {
  return startServer((req, res) => {
    const route = routes[req.url ?? ''];
    if (route !== undefined) {
      const location = route[1].replace('{host}', req.headers.host ?? '');
      res.writeHead(route[0], location === '' ? {} : { Location: location });
      res.end('moved');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
    res.end(RSS_BODY);
  });
}

function requestFor(url: string): { url: string; timeoutMs: number; maxBytes: number } {
  return { url, timeoutMs: 5000, maxBytes: 1_000_000 };
}

describe('fetchFeed redirects', () => {
  it.each([
    [301, true],
    [308, true],
    [302, false],
    [303, false],
    [307, false],
  ])('follows a %i and records it (permanent: %s)', async (status, permanent) => {
    server = await startRedirectServer({ '/old': [status, '/feed'] });
    const outcome = await fetchFeed(requestFor(server.url('/old')));
    expect(outcome.kind).toBe('fetched');
    expect(outcome.url).toBe(server.url('/old'));
    expect(outcome.finalUrl).toBe(server.url('/feed'));
    expect(outcome.redirects).toEqual([{ from: server.url('/old'), to: server.url('/feed'), status, permanent }]);
  });

  it('follows a chain of five, relative and absolute, sending the validators on every hop', async () => {
    server = await startRedirectServer({
      '/1': [301, '/2'], '/2': [302, '3'], '/3': [307, 'http://{host}/4'], '/4': [308, '/5'], '/5': [301, '/feed'],
    });
    const outcome = await fetchFeed({ ...requestFor(server.url('/1')), etag: '"e"' });
    expect(outcome.redirects.map((r) => r.status)).toEqual([301, 302, 307, 308, 301]);
    expect(outcome.redirects.map((r) => r.to)).toEqual(['/2', '/3', '/4', '/5', '/feed'].map((p) => server?.url(p)));
    expect(outcome.finalUrl).toBe(server.url('/feed'));
    expect(server.requests.map((r) => r.headers['if-none-match'])).toEqual(Array(6).fill('"e"'));
  });

  it('gives up after more than five redirects', async () => {
    server = await startRedirectServer({
      '/1': [301, '/2'], '/2': [301, '/3'], '/3': [301, '/4'], '/4': [301, '/5'], '/5': [301, '/6'], '/6': [301, '/feed'],
    });
    await expect(fetchFeed(requestFor(server.url('/1')))).rejects.toThrow(/too many redirects \(more than 5\)/);
    expect(server.requests).toHaveLength(6);
  });

  it('detects a redirect loop', async () => {
    server = await startRedirectServer({ '/a': [302, '/b'], '/b': [302, '/a'] });
    const error = await fetchFeed(requestFor(server.url('/a'))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).message).toMatch(/redirect loop/);
    expect(server.requests.map((r) => r.path)).toEqual(['/a', '/b']);
  });

  it.each(['ftp://example.org/feed.xml', 'javascript:alert(1)', 'file:///etc/passwd'])(
    'refuses a redirect to %s',
    async (target) => {
      server = await startRedirectServer({ '/old': [302, target] });
      await expect(fetchFeed(requestFor(server.url('/old')))).rejects.toThrow(/refusing redirect to non-http\(s\) URL/);
    },
  );

  it('refuses a redirect without a Location', async () => {
    server = await startRedirectServer({ '/old': [301, ''] });
    await expect(fetchFeed(requestFor(server.url('/old')))).rejects.toThrow(/without a Location header/);
  });
});
