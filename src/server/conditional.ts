export interface ConditionalHeaders {
  ifNoneMatch: string | undefined;
  ifModifiedSince: string | undefined;
}

const ENTITY_TAG = /(?:W\/)?"([^"]*)"/g;

function opaqueTag(etag: string): string {
  return etag.replace(/^W\//, '');
}

/** Weak comparison (RFC 9110 §8.8.3.2): W/ prefixes are ignored; "*" matches any current representation. */
export function matchesIfNoneMatch(header: string, etag: string): boolean {
  // The common revalidation sends back the tag as it was given; equal strings always match weakly.
  if (header === etag) return true;
  if (header.trim() === '*') return true;
  const current = opaqueTag(etag);
  for (const match of header.matchAll(ENTITY_TAG)) if (`"${match[1] ?? ''}"` === current) return true;
  return false;
}

/** HTTP dates have one-second resolution, so the comparison is done in whole seconds. */
export function isModifiedSince(header: string, lastModified: Date): boolean {
  const since = Date.parse(header);
  // An invalid date is ignored (RFC 9110 §13.1.3), which means "send it".
  if (Number.isNaN(since)) return true;
  return Math.floor(lastModified.getTime() / 1000) > Math.floor(since / 1000);
}

/**
 * Whether a GET or HEAD can be answered 304. If-None-Match, when present, decides alone
 * and If-Modified-Since is ignored (RFC 9110 §13.1.3, §13.2.2).
 */
export function isNotModified(headers: ConditionalHeaders, etag: string, lastModified: Date): boolean {
  if (headers.ifNoneMatch !== undefined) return matchesIfNoneMatch(headers.ifNoneMatch, etag);
  if (headers.ifModifiedSince !== undefined) return !isModifiedSince(headers.ifModifiedSince, lastModified);
  return false;
}
