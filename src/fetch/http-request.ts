import { STATUS_CODES } from 'node:http';
import { takeCredentials } from '../credentials.js';
import { FetchError } from '../errors.js';
import type { FetchRequest, Redirect } from '../model.js';
import { hasHttpScheme } from '../text/index.js';
import { VERSION } from '../version.js';
import { HttpStatusError } from './http-status-error.js';
import { cancelQuietly, readBodyWithin } from './read-body.js';

/** What came back over HTTP, before decoding. `body` is empty for a 304. */
export interface RawResponse {
  finalUrl: string;
  redirects: Redirect[];
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** RFC 9110 §10.1.5: product/version, so a site's operator can tell who polls and which release. */
export const USER_AGENT = `topicwire/${VERSION} (+https://github.com/topicwire)`;
const ACCEPT = [
  'application/rss+xml', 'application/atom+xml', 'application/feed+json', 'application/rdf+xml;q=0.9',
  'application/xml;q=0.8', 'text/xml;q=0.8', 'application/json;q=0.7', '*/*;q=0.1',
].join(', ');
const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** RFC 9110 §15.4.2 / §15.4.9: only these tell us to update the stored URL. */
const PERMANENT_STATUSES = new Set([301, 308]);

/** Headers that speak for the user to one site, never passed on to another. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie'];

/**
 * GET with redirects followed by hand (up to 5), so each hop can be recorded
 * and a permanent one can later update the source's URL. Credentials in the
 * URL become an Authorization header (fetch() refuses such URLs) that, like a
 * configured Authorization or Cookie, goes only to the origin it was given
 * for: a redirect to another origin drops them (as the Fetch standard does
 * for Authorization in "HTTP-redirect fetch", and curl for both).
 */
export async function requestHttp(
  request: FetchRequest,
  signal: AbortSignal,
  fetchImpl: typeof globalThis.fetch,
): Promise<RawResponse> {
  const redirects: Redirect[] = [];
  const { url: startUrl, authorization } = takeCredentials(request.url);
  const origin = new URL(startUrl).origin;
  const visited = new Set([new URL(startUrl).href]);
  const headers = buildRequestHeaders(request);
  if (authorization !== undefined && headers['authorization'] === undefined) headers['authorization'] = authorization;
  const elsewhere = Object.fromEntries(Object.entries(headers).filter(([name]) => !CREDENTIAL_HEADERS.includes(name)));
  let currentUrl = startUrl;
  for (;;) {
    const hopHeaders = new URL(currentUrl).origin === origin ? headers : elsewhere;
    const response = await sendGet(fetchImpl, currentUrl, hopHeaders, signal);
    const responseHeaders = collectHeaders(response.headers);
    if (!REDIRECT_STATUSES.has(response.status)) {
      const body = await readResponseBody(request, response, responseHeaders);
      return { finalUrl: currentUrl, redirects, status: response.status, headers: responseHeaders, body };
    }
    await cancelQuietly(response.body);
    const next = resolveRedirectTarget(startUrl, currentUrl, responseHeaders['location'], response.status);
    if (visited.has(next)) throw new FetchError(request.url, `redirect loop: ${currentUrl} → ${next}`);
    if (redirects.length === MAX_REDIRECTS) throw new FetchError(request.url, `too many redirects (more than ${MAX_REDIRECTS})`);
    visited.add(next);
    redirects.push({ from: currentUrl, to: next, status: response.status, permanent: PERMANENT_STATUSES.has(response.status) });
    currentUrl = next;
  }
}

/**
 * Connection errors that leave no answer at all: the server closed the
 * connection before it read or answered the request.
 */
const CLOSED_BEFORE_ANSWER = new Set(['EPIPE', 'ECONNRESET', 'UND_ERR_SOCKET']);

/**
 * One GET, sent a second time when the connection closed before any answer
 * came back. A server closes an idle keep-alive connection when its own timer
 * says so (Apache after 5 s, nginx after 75 s, sooner under load), and a
 * request written on it at that moment meets EPIPE or a reset; the next
 * connection is sound. RFC 9112 §9.3.1 lets a client retry an idempotent
 * request in that case, as browsers do; once, so a server that drops every
 * request still fails the source at once.
 */
async function sendGet(
  fetchImpl: typeof globalThis.fetch,
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<Response> {
  const init: RequestInit = { method: 'GET', headers, redirect: 'manual', signal };
  try {
    return await fetchImpl(url, init);
  } catch (error) {
    if (signal.aborted || !CLOSED_BEFORE_ANSWER.has(readErrorCode(error) ?? '')) throw error;
    return fetchImpl(url, init);
  }
}

/** undici rejects with "fetch failed" and puts the socket's error in `cause`. */
export function readErrorCode(error: unknown): string | undefined {
  const cause = error instanceof Error ? error.cause : undefined;
  const code = cause instanceof Error ? (cause as NodeJS.ErrnoException).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/**
 * The source's own headers (a User-Agent, an Accept, a token) over the
 * defaults. Validators go on every hop: they were issued by the server that
 * answered last time, which is the end of this same chain when the chain is
 * unchanged (RFC 9110 §13.1.1, §13.1.3 — If-Modified-Since is kept for
 * servers that ignore ETags).
 */
export function buildRequestHeaders(request: FetchRequest): Record<string, string> {
  const headers: Record<string, string> = {
    accept: ACCEPT,
    'accept-encoding': 'gzip, deflate, br',
    'user-agent': USER_AGENT,
    ...request.headers,
  };
  if (request.etag !== undefined) headers['if-none-match'] = request.etag;
  if (request.lastModified !== undefined) headers['if-modified-since'] = request.lastModified;
  return headers;
}

async function readResponseBody(request: FetchRequest, response: Response, headers: Record<string, string>): Promise<Uint8Array> {
  const sentValidators = request.etag !== undefined || request.lastModified !== undefined;
  // A 304 answers a conditional request only; unasked, it leaves us nothing to keep.
  if (response.status === 304 && sentValidators) {
    await cancelQuietly(response.body);
    return new Uint8Array(0);
  }
  if (response.status < 200 || response.status > 299) {
    await cancelQuietly(response.body);
    const statusText = response.statusText || STATUS_CODES[response.status] || '';
    throw new HttpStatusError(request.url, response.status, statusText, headers);
  }
  return readBodyWithin(request.url, response.body, response.headers.get('content-length'), request.maxBytes);
}

function resolveRedirectTarget(sourceUrl: string, from: string, location: string | undefined, status: number): string {
  if (location === undefined || location === '') {
    throw new FetchError(sourceUrl, `HTTP ${status} redirect from ${from} without a Location header`);
  }
  let target: URL;
  try {
    target = new URL(location, from);
  } catch (error) {
    throw new FetchError(sourceUrl, `invalid redirect Location "${location}" from ${from}`, { cause: error });
  }
  if (!hasHttpScheme(target)) {
    throw new FetchError(sourceUrl, `refusing redirect to non-http(s) URL "${location}" from ${from}`);
  }
  return target.href;
}

export function collectHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers) out[name.toLowerCase()] = value;
  return out;
}
