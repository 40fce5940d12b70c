/**
 * URLs, as the WHATWG URL Standard parses them (Node's URL). Resolution
 * follows RFC 3986 §5 (the URL Standard's basic parser with a base): a
 * reference is resolved against the first base that is an absolute URL.
 */

/** A scheme (RFC 3986 §3.1): a letter, then letters, digits, "+", "-" or "."; case-insensitive. */
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
const HTTP_SCHEME = /^https?:/i;

/** The URL, or undefined when it does not parse (against `base`, when given). */
export function parseUrl(value: string, base?: string | URL): URL | undefined {
  try {
    return new URL(value, base);
  } catch {
    return undefined;
  }
}

/** Whether the value is an absolute URL: it has a scheme and parses without a base. */
export function isAbsoluteUrl(value: string): boolean {
  const trimmed = value.trim();
  return SCHEME.test(trimmed) && parseUrl(trimmed) !== undefined;
}

/**
 * `reference` resolved against the first of `bases` that is an absolute URL
 * (RFC 3986 §5.1: the innermost base that applies), as a string. Undefined
 * when no absolute URL results — a relative link in a feed read from a
 * plain file path — and for an empty reference: in a feed, an empty link or
 * xml:base is an absent one, and an empty src names no image.
 */
export function resolveUrl(reference: string, ...bases: readonly (string | URL | undefined)[]): string | undefined {
  const trimmed = reference.trim();
  if (trimmed === '') return undefined;
  if (isAbsoluteUrl(trimmed)) return parseUrl(trimmed)?.href;
  for (const base of bases) {
    if (base === undefined || (typeof base === 'string' && !isAbsoluteUrl(base))) continue;
    const resolved = parseUrl(trimmed, base);
    if (resolved !== undefined) return resolved.href;
  }
  return undefined;
}

/**
 * Whether a URL is http or https, the only schemes topicwire fetches from,
 * links to and republishes. A string is tested by its scheme alone (RFC 3986
 * §3.1, case-insensitive), a parsed URL by its protocol.
 */
export function hasHttpScheme(url: string | URL): boolean {
  return typeof url === 'string' ? HTTP_SCHEME.test(url) : url.protocol === 'http:' || url.protocol === 'https:';
}

/** The value as an absolute http(s) URL string, or null. */
export function toHttpUrl(value: string | undefined): string | null {
  if (value === undefined) return null;
  const url = parseUrl(value.trim());
  return url !== undefined && hasHttpScheme(url) ? url.href : null;
}
