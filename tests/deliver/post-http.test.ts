import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postHttp } from '../../src/deliver/index.js';
import { routeRequests } from '../support/feed-routes.js';
import { startServer, type TestServer } from '../support/test-server.js';

const routes = routeRequests({
  '/ok': (_req, res) => res.writeHead(204).end(),
  '/busy': (_req, res) => res.writeHead(503, { 'retry-after': '7' }).end('try later'),
  '/limited': (_req, res) => res.writeHead(429, { 'retry-after': 'Tue, 19 Mar 2024 10:01:00 GMT' }).end(),
  '/missing': (_req, res) => res.writeHead(404).end('no such hook'),
  '/moved': (_req, res) => res.writeHead(301, { location: '/ok' }).end(),
  '/slow': () => undefined,
});
let server: TestServer;
beforeAll(async () => {
  server = await startServer((req, res) => routes.handle(req, res));
});
afterAll(() => server.close());

const now = () => new Date('2024-03-19T10:00:00Z');
const post = (url: string, timeoutMs = 2000) => postHttp({ kind: 'http', url, headers: { 'content-type': 'application/json', 'idempotency-key': '"k"' }, body: '{"a":1}' }, { timeoutMs, now });

describe('postHttp against a real server', () => {
  it('a 2xx is delivered; the headers and body arrive as given, credentials as Basic authentication', async () => {
    expect(await post(server.url('/ok').replace('http://', 'http://hook:pa%3Ass@'))).toEqual({ ok: true, status: 'HTTP 204 No Content' });
    const seen = server.requests.at(-1);
    expect(seen).toMatchObject({ method: 'POST', path: '/ok' });
    expect(seen?.headers['idempotency-key']).toBe('"k"');
    expect(seen?.headers.authorization).toBe(`Basic ${Buffer.from('hook:pa:ss').toString('base64')}`);
    expect(seen?.headers['user-agent']).toMatch(/^topicwire\//);
  });

  it('a 503 or 429 is retryable, with the receiver\'s Retry-After (seconds or a date)', async () => {
    expect(await post(server.url('/busy'))).toEqual({ ok: false, retryable: true, error: 'HTTP 503 Service Unavailable: try later', retryAfterMs: 7000 });
    expect(await post(server.url('/limited'))).toMatchObject({ ok: false, retryable: true, retryAfterMs: 60_000 });
  });

  it('a 4xx or a redirect is a failure no retry mends, and the redirect is not followed', async () => {
    expect(await post(server.url('/missing'))).toEqual({ ok: false, retryable: false, error: 'HTTP 404 Not Found: no such hook' });
    const before = routes.hits('/ok');
    expect(await post(server.url('/moved'))).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('redirects') as string });
    expect(routes.hits('/ok')).toBe(before);
  });

  it('a timeout or a refused connection is retryable, and no error names the URL', async () => {
    const slow = await post(server.url('/slow?token=secret-path'), 200);
    expect(slow).toEqual({ ok: false, retryable: true, error: 'no answer within 0.2 s' });
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const refused = await post(`http://127.0.0.1:${port}/secret-path`);
    expect(refused).toMatchObject({ ok: false, retryable: true, error: 'connection refused (ECONNREFUSED)' });
  });
});
