import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FetchError } from '../errors.js';

export type SourceLocation = { kind: 'http'; url: string } | { kind: 'file'; path: string };

/** A single letter before ":" is a Windows drive, not a scheme. */
const SCHEME = /^([a-z][a-z0-9+.-]+):/i;

/**
 * http(s) URLs go to the network; file:// URLs and plain paths are read from
 * disk (relative paths from the process cwd: the caller has already resolved
 * config-relative ones). Any other scheme is refused.
 */
export function locateSource(url: string): SourceLocation {
  const scheme = SCHEME.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') return { kind: 'http', url };
  if (scheme === 'file') return { kind: 'file', path: filePathOf(url) };
  if (scheme !== undefined) throw new FetchError(url, `unsupported scheme "${scheme}:"`);
  return { kind: 'file', path: resolve(url) };
}

function filePathOf(url: string): string {
  try {
    return fileURLToPath(url);
  } catch (error) {
    throw new FetchError(url, 'invalid file URL', { cause: error });
  }
}
