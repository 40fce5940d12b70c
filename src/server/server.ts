import http from 'node:http';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { RenderedFile } from '../publish/types.js';
import { isNotModified } from './conditional.js';
import { acceptsGzip, createGzipCache, toGzipEtag } from './encoding.js';
import { parseRequestPath } from './request-path.js';
import type { ServerOptions, SiteReader } from './types.js';

const ALLOWED_METHODS = 'GET, HEAD';
const FILE_CACHE_CONTROL = 'public, max-age=300';

interface Reply {
  status: number;
  headers: OutgoingHttpHeaders;
  body?: Buffer;
}

function textReply(status: number, text: string, extra: OutgoingHttpHeaders = {}): Reply {
  return { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache', ...extra }, body: Buffer.from(`${text}\n`) };
}

/** Last-Modified is capped at the response time (RFC 9110 §8.8.2.1) and has whole seconds. */
function httpLastModified(file: RenderedFile, now: number): Date {
  return new Date(Math.floor(Math.min(file.lastModified.getTime(), now) / 1000) * 1000);
}

function replyWithFile(req: IncomingMessage, file: RenderedFile, gzipOf: (f: RenderedFile) => Buffer, now: number): Reply {
  const gzip = acceptsGzip(req.headers['accept-encoding']);
  const etag = gzip ? toGzipEtag(file.etag) : file.etag;
  const lastModified = httpLastModified(file, now);
  const validators: OutgoingHttpHeaders = {
    ETag: etag,
    'Last-Modified': lastModified.toUTCString(),
    'Cache-Control': FILE_CACHE_CONTROL,
    Vary: 'Accept-Encoding',
  };
  const conditions = { ifNoneMatch: req.headers['if-none-match'], ifModifiedSince: req.headers['if-modified-since'] };
  if (isNotModified(conditions, etag, lastModified)) return { status: 304, headers: validators };
  const headers: OutgoingHttpHeaders = { ...validators, 'Content-Type': file.contentType, 'X-Content-Type-Options': 'nosniff' };
  if (file.contentType.startsWith('text/html')) headers['Content-Security-Policy'] = "default-src 'none'; style-src 'unsafe-inline'";
  if (gzip) headers['Content-Encoding'] = 'gzip';
  return { status: 200, headers, body: gzip ? gzipOf(file) : file.body };
}

function route(req: IncomingMessage, reader: SiteReader, gzipOf: (f: RenderedFile) => Buffer, now: number): Reply {
  const method = req.method ?? '';
  if (method !== 'GET' && method !== 'HEAD') return textReply(405, 'method not allowed', { Allow: ALLOWED_METHODS });
  const parsed = parseRequestPath(req.url ?? '/');
  if (!parsed.ok) return textReply(400, `bad request: ${parsed.reason}`);
  if (parsed.path === '/health') {
    const health = reader.health();
    const body = Buffer.from(`${JSON.stringify(health.body)}\n`);
    return { status: health.status, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache' }, body };
  }
  if (parsed.path === '/metrics') {
    const body = Buffer.from(reader.metrics());
    return { status: 200, headers: { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-cache' }, body };
  }
  const file = reader.files().get(parsed.path);
  return file === undefined ? textReply(404, 'not found') : replyWithFile(req, file, gzipOf, now);
}

function send(req: IncomingMessage, res: ServerResponse, reply: Reply, options: ServerOptions): void {
  const headers = { ...reply.headers };
  if (reply.body !== undefined) headers['Content-Length'] = reply.body.length;
  res.writeHead(reply.status, headers);
  const body = req.method === 'HEAD' ? undefined : reply.body;
  res.end(body);
  options.onResponse?.({ method: req.method ?? '', path: req.url ?? '', status: reply.status, bytes: body?.length ?? 0 });
}

function handle(req: IncomingMessage, res: ServerResponse, reader: SiteReader, gzipOf: (f: RenderedFile) => Buffer, options: ServerOptions): void {
  let reply: Reply;
  try {
    reply = route(req, reader, gzipOf, (options.now ?? Date.now)());
  } catch {
    reply = textReply(500, 'internal error');
  }
  send(req, res, reply, options);
}

/**
 * The read-only HTTP server over the rendered site (DESIGN.md "HTTP routes"). It serves
 * from the in-memory map only, never the filesystem, and nothing it does changes state.
 * The timeouts bound how long a slow or idle client can hold a connection.
 */
export function createServer(reader: SiteReader, options: ServerOptions = {}): http.Server {
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const headersTimeout = Math.min(options.headersTimeoutMs ?? 10_000, requestTimeout);
  const gzipOf = createGzipCache();
  const server = http.createServer(
    // Node checks the timeouts only every connectionsCheckingInterval ms (30 s by default).
    { headersTimeout, requestTimeout, connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersTimeout / 2))) },
    (req, res) => handle(req, res, reader, gzipOf, options),
  );
  // headersTimeout and requestTimeout end when the request is in; a client that
  // then never reads its response would hold the socket forever. With no
  // 'timeout' listener, Node destroys a socket idle this long.
  server.setTimeout(options.idleTimeoutMs ?? 60_000);
  return server;
}
