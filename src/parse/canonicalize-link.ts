import { hasHttpScheme, parseUrl } from '../text/index.js';

/**
 * Query parameters that only say where a click came from. Matched without
 * regard to case; utm_* as a prefix.
 */
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'mc_cid', 'mc_eid', 'yclid', 'twclid', 'ttclid',
  '_hsenc', '_hsmi', '__hssc', '__hstc', '__hsfp', 'hsctatracking', 'igshid', 'ref_src', 'ref_url',
  'mkt_tok', 'oly_anon_id', 'oly_enc_id', 'vero_id', 'vero_conv', 'wickedid', '_ga', '_gl',
]);

function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith('utm_') || TRACKING_PARAMS.has(lower);
}

/**
 * The form of a link used to recognise the same article across sources:
 * scheme and host lower-cased and the default port dropped (WHATWG URL does
 * both), fragment and tracking parameters removed, the remaining parameters
 * sorted (as written, so encodings are not changed), an empty query dropped.
 * http and https stay distinct and a trailing slash stays as it is: neither
 * is guaranteed to name the same resource. Null for anything but http(s).
 */
export function canonicalizeLink(url: string): string | null {
  const parsed = parseUrl(url.trim());
  if (parsed === undefined || !hasHttpScheme(parsed)) return null;
  parsed.hash = '';
  const kept = parsed.search
    .replace(/^\?/, '')
    .split('&')
    .filter((pair) => pair !== '' && !isTrackingParam(decodeName(pair)))
    .sort(comparePairs);
  parsed.search = kept.length === 0 ? '' : `?${kept.join('&')}`;
  return parsed.href;
}

function decodeName(pair: string): string {
  const name = pair.split('=')[0] ?? '';
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}

function comparePairs(a: string, b: string): number {
  const byName = compareStrings(decodeName(a), decodeName(b));
  return byName !== 0 ? byName : compareStrings(a, b);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
