import { STATUS_CODES } from 'node:http';
import type { AttemptResult, HttpMessage } from '../alerts/index.js';
import { parseRetryAfter } from '../alerts/index.js';
import { takeCredentials } from '../credentials.js';
import { VERSION } from '../version.js';

export interface HttpDeliveryOptions {
  timeoutMs: number;
  now: () => Date;
  signal?: AbortSignal;
  fetchImpl?: typeof globalThis.fetch;
}

/** The receiver may be overloaded or restarting: these are worth another attempt (Standard Webhooks, "Delivery success and failure"). */
const RETRYABLE_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);

/**
 * POSTs one message: a 2xx is delivered; a redirect is not followed (the
 * alert's URL should be updated instead, as Standard Webhooks recommends) and
 * fails, as does a 4xx; a 5xx, 408, 429, a timeout or a connection that
 * fails is retryable, with the receiver's Retry-After. Credentials in the URL
 * are sent as Basic authentication. No error names the URL: its path may be
 * the receiver's secret.
 */
export async function postHttp(message: HttpMessage, options: HttpDeliveryOptions): Promise<AttemptResult> {
  const { url, authorization } = takeCredentials(message.url);
  const headers: Record<string, string> = { 'user-agent': `topicwire/${VERSION}`, ...message.headers };
  if (authorization !== undefined && headers.authorization === undefined) headers.authorization = authorization;
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  let response: Response;
  try {
    response = await (options.fetchImpl ?? fetch)(url, { method: 'POST', headers, body: message.body, redirect: 'manual', signal });
  } catch (error) {
    if (deadline.aborted) return { ok: false, retryable: true, error: `no answer within ${options.timeoutMs / 1000} s` };
    return { ok: false, retryable: true, error: describeNetworkError(error) };
  }
  // The body is not needed; reading a little of it makes a failure say why.
  const text = await readSome(response, signal);
  const status = `HTTP ${response.status}${STATUS_CODES[response.status] ? ` ${STATUS_CODES[response.status]}` : ''}`;
  if (response.status >= 200 && response.status < 300) return { ok: true, status };
  const said = text ? `: ${text}` : '';
  if (response.status >= 300 && response.status < 400) {
    return { ok: false, retryable: false, error: `${status}: the receiver redirects; set the alert's url to where it points` };
  }
  if (RETRYABLE_STATUSES.has(response.status) || response.status >= 500) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), options.now());
    return { ok: false, retryable: true, error: `${status}${said}`, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  }
  return { ok: false, retryable: false, error: `${status}${said}` };
}

async function readSome(response: Response, signal: AbortSignal): Promise<string> {
  try {
    if (signal.aborted) return '';
    const text = await response.text();
    return text.replace(/\s+/g, ' ').trim().slice(0, 200);
  } catch {
    return '';
  }
}

/** undici's "fetch failed" hides the reason in its cause: ECONNREFUSED, ENOTFOUND, a TLS error. */
function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code === 'ECONNREFUSED') return 'connection refused (ECONNREFUSED)';
  if (cause?.code === 'ENOTFOUND') return 'host not found (ENOTFOUND)';
  if (cause?.code) return `${cause.message?.replace(/\s+\S+:\d+$/, '') ?? 'network error'} (${cause.code})`;
  return error instanceof Error ? error.message : String(error);
}
