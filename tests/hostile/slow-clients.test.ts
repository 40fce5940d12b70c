import type { Server } from 'node:http';
import net from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { RenderedFile } from '../../src/publish/types.js';
import { createServer } from '../../src/server/index.js';
import type { ServerOptions, SiteReader } from '../../src/server/index.js';
import { get, rawExchange } from './raw-http.js';

const FEED: RenderedFile = {
  path: '/topics/nato.rss',
  body: Buffer.alloc(300_000, '<item/>'),
  etag: '"feed"',
  lastModified: new Date('2024-03-19T10:00:00Z'),
  contentType: 'application/rss+xml; charset=utf-8',
};
const reader: SiteReader = { files: () => new Map([['/topics/nato.rss', FEED]]), health: () => ({ status: 200, body: {} }), metrics: () => '' };
/** Small timeouts so the test takes seconds; the daemon runs with the defaults checked below. */
const FAST: ServerOptions = { headersTimeoutMs: 300, requestTimeoutMs: 600, idleTimeoutMs: 800 };

interface Running {
  server: Server;
  port: number;
  /** Resolves once `count` connections were accepted and every one of them has closed again. */
  allClosed(count: number): Promise<void>;
}

const started: Server[] = [];
afterEach(async () => {
  for (const server of started.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

async function start(options: ServerOptions): Promise<Running> {
  const server = createServer(reader, options);
  started.push(server);
  const sockets: Socket[] = [];
  let accepted = (): void => undefined;
  server.on('connection', (socket: Socket) => {
    sockets.push(socket);
    accepted();
  });
  const allClosed = async (count: number): Promise<void> => {
    while (sockets.length < count) await new Promise<void>((resolve) => (accepted = resolve));
    await Promise.all(sockets.map((socket) => (socket.closed ? undefined : new Promise((resolve) => socket.once('close', resolve)))));
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, allClosed };
}

/** A client that sends `text` one byte every `everyMs` ms, wrapping around, until the server closes it. */
function trickle(port: number, text: string, everyMs: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let at = 0;
    let received = '';
    const timer = setInterval(() => socket.writable && socket.write(text[at++ % text.length] ?? ' '), everyMs);
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    const done = (): void => {
      clearInterval(timer);
      resolve(received);
    };
    socket.on('close', done);
    socket.on('error', done);
  });
}

describe('slow and stalled clients cannot hold the server', () => {
  it('runs the daemon with 10 s for headers, 30 s for a request and 60 s of no progress', () => {
    const server = createServer(reader);
    expect({ headers: server.headersTimeout, request: server.requestTimeout, idle: server.timeout }).toEqual({ headers: 10_000, request: 30_000, idle: 60_000 });
  });

  it('answers 408 and closes 200 connections whose headers trickle in, while serving others', async () => {
    const { port, allClosed } = await start(FAST);
    const slowloris = Array.from({ length: 200 }, () => trickle(port, 'GET /topics/nato.rss HTTP/1.1\r\nHost: x\r\nX-Slow: ', 50));
    const meanwhile = await rawExchange(port, get('/topics/nato.rss'));
    expect(meanwhile.status).toBe(200);
    const answers = await Promise.all(slowloris);
    expect(answers.every((text) => text.startsWith('HTTP/1.1 408 '))).toBe(true);
    await allClosed(201);
  });

  it('closes a connection whose request body never finishes (requestTimeout)', async () => {
    const { port, allClosed } = await start(FAST);
    const payload = `GET /topics/nato.rss HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n${'x'.repeat(100)}`;
    const text = await trickle(port, payload, 5);
    expect(text).toMatch(/^HTTP\/1\.1 (200|408) /);
    await allClosed(1);
  });

  it('drops a client that pipelines requests and never reads the answers (idle timeout)', async () => {
    const { port, allClosed } = await start(FAST);
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.pause();
      socket.write(get('/topics/nato.rss').replace('Connection: close\r\n', '').repeat(200));
    });
    socket.on('error', () => undefined);
    // The client never reads, so only the server side can notice: every socket it accepted closes.
    await allClosed(1);
    socket.destroy();
  });
});
