/**
 * Credentials written into a source URL (`https://user:pass@host/feed`).
 * They are sent as HTTP Basic authentication (RFC 7617) and are never part
 * of a URL that is shown, logged, stored or published: every such URL goes
 * through hideCredentials. A leaf module, so every layer may use it.
 */
import { hasHttpScheme } from './text/index.js';

function parseHttpUrl(url: string): URL | undefined {
  if (!hasHttpScheme(url) || !URL.canParse(url)) return undefined;
  return new URL(url);
}

/** The URL without its user name and password; anything that is not an http(s) URL as it is. */
export function hideCredentials(url: string): string {
  const parsed = parseHttpUrl(url);
  if (parsed === undefined || (parsed.username === '' && parsed.password === '')) return url;
  parsed.username = '';
  parsed.password = '';
  return parsed.href;
}

/**
 * The URL to request and, when it carried credentials, the Authorization
 * header they make: RFC 7617 §2, user-id ":" password in UTF-8 (§2.1), base64.
 * The URL's userinfo is percent-encoded (WHATWG URL), so it is decoded first.
 */
export function takeCredentials(url: string): { url: string; authorization?: string } {
  const parsed = parseHttpUrl(url);
  if (parsed === undefined || (parsed.username === '' && parsed.password === '')) return { url };
  const pair = `${decodeUserinfo(parsed.username)}:${decodeUserinfo(parsed.password)}`;
  return { url: hideCredentials(url), authorization: `Basic ${Buffer.from(pair, 'utf8').toString('base64')}` };
}

/** Whether the URL carries a user name or password. */
export function hasCredentials(url: string): boolean {
  return hideCredentials(url) !== url;
}

/**
 * `to` with the credentials of `from` when both are on one origin: a source
 * that moved permanently within its site keeps authenticating, and one that
 * moved to another site is never sent the first site's password.
 */
export function carryCredentials(from: string, to: string): string {
  const source = parseHttpUrl(from);
  const target = parseHttpUrl(to);
  if (source === undefined || target === undefined || !hasCredentials(from) || source.origin !== target.origin) return to;
  target.username = source.username;
  target.password = source.password;
  return target.href;
}

function decodeUserinfo(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
