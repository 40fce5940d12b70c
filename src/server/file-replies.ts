import type { OutgoingHttpHeaders } from 'node:http';
import type { RenderedFile } from '../publish/types.js';
import { toGzipEtag } from './encoding.js';

const FILE_CACHE_CONTROL = 'public, max-age=300';
const HTML_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

export interface Reply {
  status: number;
  /** Complete, Content-Length included when there is a body; shared between responses, never mutated. */
  headers: OutgoingHttpHeaders;
  body?: Buffer;
}

/** One representation of a file (identity or gzip) with what its answers need. */
export interface FileVariant {
  etag: string;
  lastModified: Date;
  notModified: Reply;
  ok(): Reply;
}

export function makeReply(status: number, headers: OutgoingHttpHeaders, body?: Buffer): Reply {
  if (body === undefined) return { status, headers: Object.freeze(headers) };
  return { status, headers: Object.freeze({ ...headers, 'Content-Length': body.length }), body };
}

function buildVariant(file: RenderedFile, gzip: boolean, lastModified: Date, bodyOf: () => Buffer): FileVariant {
  const etag = gzip ? toGzipEtag(file.etag) : file.etag;
  // A 304 carries the validators and caching headers the 200 would (RFC 9110 §15.4.5).
  const validators: OutgoingHttpHeaders = {
    ETag: etag,
    'Last-Modified': lastModified.toUTCString(),
    'Cache-Control': FILE_CACHE_CONTROL,
    Vary: 'Accept-Encoding',
  };
  let ok: Reply | undefined;
  return {
    etag,
    lastModified,
    notModified: makeReply(304, validators),
    ok() {
      if (ok !== undefined) return ok;
      const headers: OutgoingHttpHeaders = { ...validators, 'Content-Type': file.contentType, 'X-Content-Type-Options': 'nosniff' };
      if (file.contentType.startsWith('text/html')) headers['Content-Security-Policy'] = HTML_POLICY;
      if (gzip) headers['Content-Encoding'] = 'gzip';
      ok = makeReply(200, headers, bodyOf());
      return ok;
    },
  };
}

function toWholeSeconds(ms: number): Date {
  return new Date(Math.floor(ms / 1000) * 1000);
}

/**
 * The headers of a file's answers, built once per file and coding rather than
 * per request. Keyed by the file object, like the gzip cache, so a rebuild's
 * new files get new entries and dropped ones are collected.
 */
export function createFileReplies(gzipOf: (file: RenderedFile) => Buffer): (file: RenderedFile, gzip: boolean, now: number) => FileVariant {
  const cache = new WeakMap<RenderedFile, { identity?: FileVariant; gzip?: FileVariant }>();
  return (file, gzip, now) => {
    const bodyOf = gzip ? () => gzipOf(file) : () => file.body;
    // Last-Modified is capped at the response time (RFC 9110 §8.8.2.1); such an answer depends on the clock, so it is not kept.
    if (file.lastModified.getTime() > now) return buildVariant(file, gzip, toWholeSeconds(now), bodyOf);
    let entry = cache.get(file);
    if (entry === undefined) {
      entry = {};
      cache.set(file, entry);
    }
    const key = gzip ? 'gzip' : 'identity';
    return (entry[key] ??= buildVariant(file, gzip, toWholeSeconds(file.lastModified.getTime()), bodyOf));
  };
}
