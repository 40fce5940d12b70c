import { pathToFileURL } from 'node:url';
import { FetchError } from '../errors.js';
import type { FetchOutcome, FetchRequest } from '../model.js';
import { buildOutcome, type TransportResult } from './build-outcome.js';
import { readErrorCode, requestHttp } from './http-request.js';
import { readFileSource } from './read-file-source.js';
import { locateSource } from './source-location.js';

export interface FetchDeps {
  fetch?: typeof globalThis.fetch;
  now?: () => number;
}

/**
 * Fetches one source: an http(s) URL, a file:// URL or a file path.
 * Throws FetchError (HttpStatusError for a non-2xx answer) on failure.
 */
export async function fetchFeed(request: FetchRequest, deps: FetchDeps = {}): Promise<FetchOutcome> {
  const now = deps.now ?? (() => performance.now());
  const started = now();
  const timeout = AbortSignal.timeout(request.timeoutMs);
  // One signal for the whole exchange, body included: a server that trickles
  // bytes is cut at the same deadline as one that never answers.
  const signal = request.signal === undefined ? timeout : AbortSignal.any([timeout, request.signal]);
  try {
    const result = await fetchTransport(request, signal, deps.fetch ?? globalThis.fetch);
    return buildOutcome(request, result, now() - started);
  } catch (error) {
    throw toFetchError(request, error, timeout);
  }
}

async function fetchTransport(
  request: FetchRequest,
  signal: AbortSignal,
  fetchImpl: typeof globalThis.fetch,
): Promise<TransportResult> {
  const location = locateSource(request.url);
  if (location.kind === 'http') return requestHttp(request, signal, fetchImpl);
  const body = await readFileSource(request.url, location.path, request.maxBytes, signal);
  return { finalUrl: pathToFileURL(location.path).href, redirects: [], status: 200, headers: {}, body };
}

function toFetchError(request: FetchRequest, error: unknown, timeout: AbortSignal): FetchError {
  if (error instanceof FetchError) return error;
  if (timeout.aborted) {
    return new FetchError(request.url, `timed out after ${request.timeoutMs / 1000} s`, { cause: error });
  }
  if (request.signal?.aborted === true) return new FetchError(request.url, 'aborted', { cause: error });
  return new FetchError(request.url, `fetch failed: ${describeNetworkError(error)}`, { cause: error });
}

/** undici reports "fetch failed" and puts the reason (ECONNREFUSED, …) in `cause`. */
function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (!(cause instanceof Error)) return error.message;
  const code = readErrorCode(error);
  return code === undefined ? cause.message : `${cause.message} (${code})`;
}
