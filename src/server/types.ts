import type { RenderedFile } from '../publish/types.js';

/**
 * What the server reads from. Each may answer at once or with a Promise (a
 * store that must be asked first); an answer at once is served at once.
 */
export interface SiteReader {
  files(): ReadonlyMap<string, RenderedFile> | Promise<ReadonlyMap<string, RenderedFile>>;
  health(): { status: number; body: unknown } | Promise<{ status: number; body: unknown }>;
  metrics(): string | Promise<string>;
}

export interface ResponseInfo {
  method: string;
  path: string;
  status: number;
  bytes: number;
}

export interface ServerOptions {
  /** Time a client gets to send the request headers (default 10 s). */
  headersTimeoutMs?: number;
  /** Time a client gets to send the whole request (default 30 s). */
  requestTimeoutMs?: number;
  /**
   * Time a connection may make no progress at all, e.g. a client that stops
   * reading a response, before it is dropped (default 60 s).
   */
  idleTimeoutMs?: number;
  /** The clock, for capping Last-Modified at the response time (default Date.now). */
  now?: () => number;
  /** Called once per answered request, e.g. for access logs or metrics. */
  onResponse?: (info: ResponseInfo) => void;
}
