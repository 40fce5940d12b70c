/** The URL as an absolute http(s) URL string, or null: the only links we republish. */
export function toHttpUrl(value: string | undefined): string | null {
  if (value === undefined) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Atom ids must be IRIs (RFC 4287 §4.2.6). An id that already has a scheme is used
 * as it is; anything else is wrapped in a urn so that it stays stable and unique.
 */
export function toEntryIri(id: string): string {
  return /^[a-z][a-z0-9+.-]*:\S+$/i.test(id) ? id : `urn:topicwire:${encodeURIComponent(id)}`;
}

/** URL paths of one topic's feeds; ids are percent-encoded so any id makes a valid URL. */
export function topicFeedPath(topicId: string, format: 'rss' | 'atom' | 'json'): string {
  return `/topics/${encodeURIComponent(topicId)}.${format}`;
}
