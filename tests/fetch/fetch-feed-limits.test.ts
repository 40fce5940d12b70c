import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { FetchError } from '../../src/errors.js';
import { fetchFeed } from '../../src/fetch/index.js';
import { startServer, type TestServer } from '../support/test-server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Writes `chunk` again every time the socket can take more, until the client goes away. */
function writeForever(res: ServerResponse, chunk: Buffer, everyMs?: number): void {
  let stopped = false;
  res.on('close', () => {
    stopped = true;
  });
  const writeNext = (): void => {
    if (stopped) return;
    const more = res.write(chunk);
    if (everyMs !== undefined) setTimeout(writeNext, everyMs);
    else if (more) setImmediate(writeNext);
    else res.once('drain', writeNext);
  };
  writeNext();
}

describe('fetchFeed timeouts', () => {
  it('cuts a server that accepts and never answers', async () => {
    server = await startServer(() => undefined);
    const error = await fetchFeed({ url: server.url('/feed'), timeoutMs: 300, maxBytes: 1000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).message).toBe(`${server.url('/feed')}: timed out after 0.3 s`);
  });

  it('cuts a server that trickles its body forever', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
      res.flushHeaders();
      writeForever(res, Buffer.from('<'), 20);
    });
    await expect(fetchFeed({ url: server.url('/feed'), timeoutMs: 300, maxBytes: 1_000_000 })).rejects.toThrow(
      /timed out after 0\.3 s/,
    );
  });
});

describe('fetchFeed maxBytes', () => {
  it('refuses a declared Content-Length over the limit without waiting for the body', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'Content-Length': '10000000' });
      res.write('<rss>');
    });
    // The body never completes, so only an early refusal ends this before the generous timeout.
    await expect(fetchFeed({ url: server.url('/big'), timeoutMs: 20_000, maxBytes: 1000 })).rejects.toThrow(
      /maxBytes limit of 1000 bytes \(Content-Length is 10000000\)/,
    );
  });

  it('stops reading an endless body without Content-Length once past the limit', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
      writeForever(res, Buffer.alloc(4096, 0x61));
    });
    await expect(fetchFeed({ url: server.url('/endless'), timeoutMs: 20_000, maxBytes: 50_000 })).rejects.toThrow(
      /maxBytes limit of 50000 bytes/,
    );
  });

  it('accepts a body of exactly maxBytes', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ x: 'y'.repeat(92) }));
    });
    const outcome = await fetchFeed({ url: server.url('/feed.json'), timeoutMs: 5000, maxBytes: 100 });
    expect(outcome).toMatchObject({ kind: 'fetched', bytes: 100 });
    expect(outcome.kind === 'fetched' && Buffer.from(outcome.body).toString()).toBe(JSON.stringify({ x: 'y'.repeat(92) }));
  });
});
