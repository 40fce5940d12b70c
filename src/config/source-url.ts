import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hideCredentials } from '../credentials.js';
import { canonicalizeLink } from '../parse/canonicalize-link.js';
import { hasHttpScheme } from '../text/index.js';

/**
 * The one form of a source's location, so that two sources are the same feed
 * exactly when these are equal: an http(s) URL in the canonical form items'
 * links are compared in (scheme and host lower-cased, default port,
 * fragment and tracking parameters dropped, parameters sorted: see
 * canonicalizeLink), less any credentials; a file, given as a path or a
 * file: URL, as its absolute normalised path. `location` is what the fetcher
 * reads (a config-relative path already resolved). `check`, `sources add`
 * and the store all compare sources through this.
 */
export function canonicalSourceUrl(location: string): string {
  const trimmed = location.trim();
  if (hasHttpScheme(trimmed)) return canonicalizeLink(hideCredentials(trimmed)) ?? trimmed;
  if (/^file:/i.test(trimmed)) {
    try {
      return path.resolve(fileURLToPath(trimmed));
    } catch {
      return trimmed;
    }
  }
  return path.resolve(trimmed);
}

/** The configured source that reads the same feed as `location`, if any. */
export function findSourceWithSameFeed<T extends { canonicalUrl: string }>(sources: readonly T[], location: string): T | undefined {
  const canonical = canonicalSourceUrl(location);
  return sources.find((source) => source.canonicalUrl === canonical);
}
