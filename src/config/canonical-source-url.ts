import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hideCredentials } from '../credentials.js';
import { canonicalizeLink } from '../parse/index.js';

/**
 * What two sources are compared by, to tell that they read the same feed: an
 * http(s) location's canonical link (canonicalizeLink: case of scheme and
 * host, default port, fragment, tracking parameters, parameter order), less
 * any credentials; a file:// URL or path as an absolute path.
 */
export function canonicalSourceUrl(location: string): string {
  if (/^https?:/i.test(location)) return canonicalizeLink(hideCredentials(location)) ?? location;
  if (/^file:/i.test(location)) {
    try {
      return path.resolve(fileURLToPath(location));
    } catch {
      return location;
    }
  }
  return path.resolve(location);
}
