/** Longer request targets are refused; no route comes close (RFC 9112 §3 recommends supporting 8000). */
export const MAX_URL_LENGTH = 2048;

export type PathResult = { ok: true; path: string } | { ok: false; reason: string };

/** RFC 3986 §5.2.4: ".." never climbs above the root. */
function removeDotSegments(segments: readonly string[]): string[] {
  const out: string[] = [];
  for (const segment of segments) {
    if (segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  return out;
}

function extractRawPath(target: string): string | null {
  if (target.startsWith('/')) return target.replace(/[?#].*$/s, '');
  // absolute-form (RFC 9112 §3.2.2), as proxies send it.
  if (/^https?:\/\//i.test(target)) {
    try {
      return new URL(target).pathname;
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * Most targets are already their own route: origin-form with nothing to strip,
 * decode or resolve. Any '.' right after a '/' goes the long way, which covers
 * every dot segment and costs only names like "/.well-known" a little time.
 */
function isPlainPath(target: string): boolean {
  return target.startsWith('/') && !PLAIN_PATH_SPOILERS.test(target);
}

const PLAIN_PATH_SPOILERS = /[?#%]|\/\./;

/**
 * The route a request target names: query ignored, percent-decoded, dot segments
 * removed. Only used as a key into the in-memory site, never as a file path.
 */
export function parseRequestPath(target: string): PathResult {
  if (target.length > MAX_URL_LENGTH) return { ok: false, reason: 'request target too long' };
  if (isPlainPath(target)) return { ok: true, path: target === '/index.html' ? '/' : target };
  const raw = extractRawPath(target);
  if (raw === null) return { ok: false, reason: 'unsupported request target' };
  let decoded: string[];
  try {
    decoded = raw.split('/').slice(1).map(decodeURIComponent);
  } catch {
    return { ok: false, reason: 'bad percent-encoding' };
  }
  const last = decoded[decoded.length - 1];
  const trailing = last === '.' || last === '..' ? [''] : [];
  const path = `/${[...removeDotSegments(decoded), ...trailing].join('/')}`;
  return { ok: true, path: path === '/index.html' ? '/' : path };
}
