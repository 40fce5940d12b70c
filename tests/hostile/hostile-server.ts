import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import {
  bomUtf16DeclaredUtf8Body,
  bomUtf8DeclaredLatinBody,
  controlCharsFeed,
  goodFeed,
  hugeFeed,
  readHostileFixture,
  unclosedMarkupFeed,
  utf8DeclaredUtf16Body,
  utf8ServedAsLatin1Body,
  windows1252Body,
} from './hostile-bodies.js';

type Route = (req: IncomingMessage, res: ServerResponse) => void;

export interface HostileServer {
  /** http://127.0.0.1:PORT/path on the HTTP server. */
  url(path: string): string;
  /** A TCP server that accepts connections and never sends a byte. */
  silentUrl: string;
  /** A TCP server that sends a status line, then one header byte a second, forever. */
  trickleHeadersUrl: string;
  /** A port nothing listens on. */
  refusedUrl: string;
  close(): Promise<void>;
}

export interface HostileServerOptions {
  /** Bytes a body must exceed to be over the fetch limit. */
  maxBytes: number;
  hugeItems: number;
}

const RSS = 'application/rss+xml; charset=utf-8';

const send = (type: string, body: string | Buffer, headers: Record<string, string> = {}): Route => (_req, res) => {
  res.writeHead(200, { 'content-type': type, 'content-length': String(Buffer.byteLength(body)), ...headers }).end(body);
};

const status = (code: number, headers: Record<string, string> = {}): Route => (_req, res) => {
  res.writeHead(code, { 'content-type': 'text/html', ...headers }).end(`<html><body><h1>${code}</h1></body></html>`);
};

const redirect = (location: string, code = 302): Route => (_req, res) => {
  res.writeHead(code, { location }).end();
};

/** A feed that never ends, written as fast as the client reads, without a Content-Length. */
const endlessBody: Route = (req, res) => {
  res.writeHead(200, { 'content-type': RSS });
  res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Endless</title>');
  const chunk = Buffer.from(`<item><title>${'x'.repeat(16_000)}</title></item>`);
  const pump = (): void => {
    while (!res.destroyed && res.write(chunk));
    if (!res.destroyed) res.once('drain', pump);
  };
  req.socket.on('close', () => res.removeAllListeners('drain'));
  pump();
};

/** A gzip bomb without end: a stream of spaces, compressed about 1000:1 on the fly. */
const endlessGzipBomb: Route = (req, res) => {
  res.writeHead(200, { 'content-type': RSS, 'content-encoding': 'gzip' });
  const spaces = Buffer.alloc(1 << 20, 0x20);
  const source = new Readable({ read() { this.push(spaces); } });
  const gzip = createGzip({ level: 1 });
  req.socket.on('close', () => {
    source.destroy();
    gzip.destroy();
  });
  source.pipe(gzip).pipe(res);
};

/** One byte of a plausible feed every 100 ms, until the client gives up. */
const trickleBody: Route = (req, res) => {
  res.writeHead(200, { 'content-type': RSS });
  const text = goodFeed('trickle', 50);
  let at = 0;
  const timer = setInterval(() => res.write(text[at++ % text.length] ?? ' '), 100);
  req.socket.on('close', () => clearInterval(timer));
};

/** Half the promised body, then the connection is cut. */
const resetMidBody: Route = (req, res) => {
  const body = Buffer.from(goodFeed('reset', 100));
  res.writeHead(200, { 'content-type': RSS, 'content-length': String(body.length) });
  res.write(body.subarray(0, body.length >> 1), () => req.socket.destroy());
};

function buildRoutes(options: HostileServerOptions, tooLarge: Buffer): Record<string, Route> {
  return {
    '/good-a.xml': send(RSS, goodFeed('good-a', 5)),
    '/good-b.xml': send(RSS, goodFeed('good-b', 5)),
    '/malformed.xml': send(RSS, readHostileFixture('malformed.xml')),
    '/partly-malformed.xml': send(RSS, readHostileFixture('partly-malformed.xml')),
    '/html-page.xml': send('text/html; charset=utf-8', readHostileFixture('html-page.html')),
    '/empty.xml': send(RSS, ''),
    '/binary.xml': send('image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0xff, 0xfe, 0x00])),
    '/too-large.xml': send(RSS, tooLarge),
    '/too-large-chunked.xml': endlessBody,
    '/gzip-bomb.xml': endlessGzipBomb,
    '/trickle.xml': trickleBody,
    '/reset.xml': resetMidBody,
    ...Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`/hop-${i}.xml`, redirect(`/hop-${i + 1}.xml`, 307)])),
    '/loop-a.xml': redirect('/loop-b.xml'),
    '/loop-b.xml': redirect('/loop-a.xml', 301),
    '/redirect-file.xml': redirect('file:///etc/passwd'),
    '/redirect-javascript.xml': redirect("javascript:alert('redirect')"),
    '/redirect-ftp.xml': redirect('ftp://127.0.0.1/feed.xml', 301),
    '/http-500.xml': status(500),
    '/http-503.xml': status(503, { 'retry-after': '3600' }),
    '/http-429.xml': status(429, { 'retry-after': '7200' }),
    '/wrong-charset.xml': send('application/rss+xml; charset=utf-8', windows1252Body()),
    '/wrong-utf16.xml': send('text/xml; charset=utf-16', utf8DeclaredUtf16Body()),
    '/wrong-latin1.xml': send('application/rss+xml; charset=ISO-8859-1', utf8ServedAsLatin1Body()),
    '/bom-utf8.xml': send('text/xml', bomUtf8DeclaredLatinBody()),
    '/bom-utf16.xml': send('text/xml; charset=windows-1252', bomUtf16DeclaredUtf8Body()),
    '/billion-laughs.xml': send(RSS, readHostileFixture('billion-laughs.xml')),
    '/external-entity.xml': send(RSS, readHostileFixture('external-entity.xml')),
    '/bad-dates.xml': send(RSS, readHostileFixture('bad-dates.xml')),
    '/missing-fields.xml': send(RSS, readHostileFixture('missing-fields.xml')),
    '/duplicate-guids.xml': send(RSS, readHostileFixture('duplicate-guids.xml')),
    '/huge.xml': send(RSS, hugeFeed(options.hugeItems)),
    '/unclosed-markup.xml': send(RSS, unclosedMarkupFeed()),
    '/control-chars.xml': send(RSS, controlCharsFeed()),
    '/control-chars.json': send('application/feed+json', readHostileFixture('control-chars.json')),
    '/xss-rss.xml': send(RSS, readHostileFixture('xss.rss.xml')),
    '/xss-atom.xml': send('application/atom+xml', readHostileFixture('xss.atom.xml')),
    '/xss-json.json': send('application/feed+json', readHostileFixture('xss.json')),
  };
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function trackSockets(server: Server): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return sockets;
}

/** The hostile feed server: one HTTP route per case, plus two raw TCP servers, all on 127.0.0.1. */
export async function startHostileServer(options: HostileServerOptions): Promise<HostileServer> {
  const tooLarge = Buffer.from(`<?xml version="1.0"?><rss version="2.0"><channel><title>${'x'.repeat(options.maxBytes + 1000)}</title></channel></rss>`);
  const routes = buildRoutes(options, tooLarge);
  const http = createHttpServer((req, res) => {
    const route = routes[(req.url ?? '/').split('?')[0] ?? '/'];
    if (route === undefined) res.writeHead(404).end();
    else route(req, res);
  });
  const silent = createTcpServer(() => undefined);
  const trickleHeaders = createTcpServer((socket) => {
    socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nX-Slow: ');
    const timer = setInterval(() => socket.write('a'), 1000);
    socket.on('close', () => clearInterval(timer));
    socket.on('error', () => clearInterval(timer));
  });
  const refused = createTcpServer();
  const sockets = [trackSockets(http), trackSockets(silent), trackSockets(trickleHeaders)];
  const [httpPort, silentPort, tricklePort, refusedPort] = [await listen(http), await listen(silent), await listen(trickleHeaders), await listen(refused)];
  await new Promise<void>((resolve) => refused.close(() => resolve()));
  return {
    url: (path) => `http://127.0.0.1:${httpPort}${path}`,
    silentUrl: `http://127.0.0.1:${silentPort}/feed.xml`,
    trickleHeadersUrl: `http://127.0.0.1:${tricklePort}/feed.xml`,
    refusedUrl: `http://127.0.0.1:${refusedPort}/feed.xml`,
    async close() {
      for (const set of sockets) for (const socket of set) socket.destroy();
      await Promise.all([http, silent, trickleHeaders].map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    },
  };
}
