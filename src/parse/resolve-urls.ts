import { decodeHTMLAttribute } from 'entities';
import { escapeXml, isAbsoluteUrl, resolveUrl } from '../text/index.js';
import { replaceTags } from './tag-ends.js';

const URL_ATTRIBUTE = /(\s(?:href|src|poster|cite|action|background|srcset)\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;
const HAS_URL_ATTRIBUTE = new RegExp(URL_ATTRIBUTE.source, 'i');
const TAG_OPENING = /<[A-Za-z][^\s/>]*/g;

/**
 * Makes relative URLs in the href/src-like attributes of `html` absolute.
 * Absolute URLs are left byte for byte; values are HTML-decoded before
 * resolving and re-escaped after (HTML attribute values carry &amp;).
 */
export function resolveHtmlUrls(html: string, base: string | undefined): string {
  if (base === undefined || !isAbsoluteUrl(base) || !html.includes('<')) return html;
  return replaceTags(html, TAG_OPENING, (tag) => resolveTagUrls(tag, base));
}

function resolveTagUrls(tag: string, base: string): string {
  // Most tags (<p>, <b>, </a>) have no URL attribute; the test is cheaper than a replace.
  if (!HAS_URL_ATTRIBUTE.test(tag)) return tag;
  return tag.replace(URL_ATTRIBUTE, (whole, prefix: string, dq?: string, sq?: string, bare?: string) => {
    const value = dq ?? sq ?? bare ?? '';
    const isSrcset = /srcset/i.test(prefix);
    const resolved = isSrcset ? resolveSrcset(value, base) : resolveAttributeValue(value, base);
    return resolved === undefined ? whole : `${prefix}"${resolved}"`;
  });
}

/**
 * http(s) with an authority: left as it is whether or not it parses, since a
 * base never applies to it (WHATWG URL), and most links are like this, so
 * the URL parser is spared for them.
 */
const HTTP_WITH_AUTHORITY = /^https?:\/\//i;

function resolveAttributeValue(value: string, base: string): string | undefined {
  const decoded = decodeAttribute(value).trim();
  if (decoded === '' || HTTP_WITH_AUTHORITY.test(decoded) || isAbsoluteUrl(decoded)) return undefined;
  const resolved = resolveUrl(decoded, base);
  return resolved === undefined ? undefined : escapeXml(resolved);
}

function resolveSrcset(value: string, base: string): string | undefined {
  const candidates = decodeAttribute(value).split(',').map((candidate) => {
    const [url = '', ...descriptor] = candidate.trim().split(/\s+/);
    const resolved = url === '' || isAbsoluteUrl(url) ? url : (resolveUrl(url, base) ?? url);
    return [resolved, ...descriptor].join(' ');
  });
  return escapeXml(candidates.join(', '));
}

/**
 * An attribute value as HTML reads it (WHATWG "attribute value" states):
 * every character reference, &#38; and &#x26; as much as &amp;, so the URL
 * is resolved once and its "&" escaped once when written back.
 */
function decodeAttribute(value: string): string {
  return value.includes('&') ? decodeHTMLAttribute(value) : value;
}
