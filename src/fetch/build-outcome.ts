import { hideCredentials } from '../credentials.js';
import type { FetchOutcome, FetchRequest, FetchValidators, Redirect } from '../model.js';
import { sha256 } from '../text/index.js';

/** A response as either transport produced it, ready to become an outcome. */
export interface TransportResult {
  finalUrl: string;
  redirects: Redirect[];
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

/**
 * Decides between "fetched" and "unchanged". A body byte-identical to the
 * last one is unchanged too: many servers send neither ETag nor
 * Last-Modified, and re-parsing an identical feed is wasted work. The bytes
 * are hashed, not the text: decoding is left to whoever parses the body.
 */
export function buildOutcome(request: FetchRequest, result: TransportResult, elapsedMs: number): FetchOutcome {
  const base = {
    url: hideCredentials(request.url),
    finalUrl: result.finalUrl,
    redirects: result.redirects,
    status: result.status,
    headers: result.headers,
    elapsedMs,
  };
  if (result.status === 304) {
    return { ...base, kind: 'unchanged', reason: 'not-modified', bytes: 0, validators: refreshValidators(request, result.headers) };
  }
  const bodyHash = sha256(result.body);
  const validators = { ...readValidators(result.headers), bodyHash };
  const bytes = result.body.byteLength;
  if (bodyHash === request.bodyHash) {
    return { ...base, kind: 'unchanged', reason: 'same-body', bytes, validators };
  }
  return { ...base, kind: 'fetched', body: result.body, bytes, validators };
}

/** RFC 9111 §4.3.4: a 304 updates the stored validators it carries; the rest stay. */
function refreshValidators(request: FetchRequest, headers: Record<string, string>): FetchValidators {
  const kept: FetchValidators = {};
  if (request.etag !== undefined) kept.etag = request.etag;
  if (request.lastModified !== undefined) kept.lastModified = request.lastModified;
  if (request.bodyHash !== undefined) kept.bodyHash = request.bodyHash;
  return { ...kept, ...readValidators(headers) };
}

function readValidators(headers: Record<string, string>): FetchValidators {
  const validators: FetchValidators = {};
  const etag = headers['etag'];
  const lastModified = headers['last-modified'];
  if (etag !== undefined) validators.etag = etag;
  if (lastModified !== undefined) validators.lastModified = lastModified;
  return validators;
}
