import http from 'node:http';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { RenderedFile } from '../publish/types.js';
import { isNotModified } from './conditional.js';
import { acceptsGzip, createGzipCache } from './encoding.js';
import { createFileReplies, makeReply, type FileVariant, type Reply } from './file-replies.js';
import { parseRequestPath } from './request-path.js';
import type { ServerOptions, SiteReader } from './types.js';

const ALLOWED_METHODS = 'GET, HEAD';

type VariantOf = (file: RenderedFile, gzip: boolean, now: number) => FileVariant;

function textReply(status: number, text: string, extra: OutgoingHttpHeaders = {}): Reply {
  return makeReply(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache', ...extra }, Buffer.from(`${text}\n`));
}

function replyWithFile(req: IncomingMessage, file: RenderedFile, variantOf: VariantOf, now: number): Reply {
  const variant = variantOf(file, acceptsGzip(req.headers['accept-encoding']), now);
  const conditions = { ifNoneMatch: req.headers['if-none-match'], ifModifiedSince: req.headers['if-modified-since'] };
  return isNotModified(conditions, variant.etag, variant.lastModified) ? variant.notModified : variant.ok();
}

/** Applies fn to a value that may still be coming, without a detour through a Promise when it is not. */
function whenReady<T, R>(value: T | Promise<T>, fn: (ready: T) => R): R | Promise<R> {
  return value instanceof Promise ? value.then(fn) : fn(value);
}

function route(req: IncomingMessage, reader: SiteReader, variantOf: VariantOf, now: number): Reply | Promise<Reply> {
  const method = req.method ?? '';
  if (method !== 'GET' && method !== 'HEAD') return textReply(405, 'method not allowed', { Allow: ALLOWED_METHODS });
  const parsed = parseRequestPath(req.url ?? '/');
  if (!parsed.ok) return textReply(400, `bad request: ${parsed.reason}`);
  if (parsed.path === '/health') {
    return whenReady(reader.health(), (health) => {
      const body = Buffer.from(`${JSON.stringify(health.body)}\n`);
      return makeReply(health.status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache' }, body);
    });
  }
  if (parsed.path === '/metrics') {
    return whenReady(reader.metrics(), (text) =>
      makeReply(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-cache' }, Buffer.from(text)),
    );
  }
  const path = parsed.path;
  return whenReady(reader.files(), (files) => {
    const file = files.get(path);
    return file === undefined ? textReply(404, 'not found') : replyWithFile(req, file, variantOf, now);
  });
}

function send(req: IncomingMessage, res: ServerResponse, reply: Reply, options: ServerOptions): void {
  res.writeHead(reply.status, reply.headers);
  const body = req.method === 'HEAD' ? undefined : reply.body;
  res.end(body);
  options.onResponse?.({ method: req.method ?? '', path: req.url ?? '', status: reply.status, bytes: body?.length ?? 0 });
}

function handle(req: IncomingMessage, res: ServerResponse, reader: SiteReader, variantOf: VariantOf, options: ServerOptions): void {
  const failed = (): Reply => textReply(500, 'internal error');
  let reply: Reply | Promise<Reply>;
  try {
    reply = route(req, reader, variantOf, (options.now ?? Date.now)());
  } catch {
    reply = failed();
  }
  if (reply instanceof Promise) {
    reply.then(
      (ready) => send(req, res, ready, options),
      () => send(req, res, failed(), options),
    );
  } else {
    send(req, res, reply, options);
  }
}

/**
 * The read-only HTTP server over the rendered site (docs/design.md "HTTP routes"). It serves
 * from the in-memory map only, never the filesystem, and nothing it does changes state.
 * The timeouts bound how long a slow or idle client can hold a connection.
 */
export function createServer(reader: SiteReader, options: ServerOptions = {}): http.Server {
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const headersTimeout = Math.min(options.headersTimeoutMs ?? 10_000, requestTimeout);
  const variantOf = createFileReplies(createGzipCache());
  const server = http.createServer(
    // Node checks the timeouts only every connectionsCheckingInterval ms (30 s by default).
    { headersTimeout, requestTimeout, connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersTimeout / 2))) },
    (req, res) => handle(req, res, reader, variantOf, options),
  );
  // headersTimeout and requestTimeout end when the request is in; a client that
  // then never reads its response would hold the socket forever. With no
  // 'timeout' listener, Node destroys a socket idle this long.
  server.setTimeout(options.idleTimeoutMs ?? 60_000);
  return server;
}
