import { describe, expect, it } from 'vitest';
import { isModifiedSince, isNotModified, matchesIfNoneMatch } from '../../src/server/conditional.js';
import { acceptsGzip, toGzipEtag } from '../../src/server/encoding.js';
import { parseRequestPath } from '../../src/server/request-path.js';

const TAG = '"abc"';
const LAST = new Date('2024-05-02T09:30:00.900Z');

describe('If-None-Match', () => {
  it('uses weak comparison over lists and "*"', () => {
    expect(matchesIfNoneMatch('"abc"', TAG)).toBe(true);
    expect(matchesIfNoneMatch('W/"abc"', TAG)).toBe(true);
    expect(matchesIfNoneMatch('"abc"', 'W/"abc"')).toBe(true);
    expect(matchesIfNoneMatch('"x", W/"abc" ,"y"', TAG)).toBe(true);
    expect(matchesIfNoneMatch('*', TAG)).toBe(true);
    expect(matchesIfNoneMatch('"abcd"', TAG)).toBe(false);
    expect(matchesIfNoneMatch('abc', TAG)).toBe(false);
    expect(matchesIfNoneMatch('', TAG)).toBe(false);
  });
});

describe('If-Modified-Since', () => {
  it('compares in whole seconds and ignores invalid dates', () => {
    expect(isModifiedSince('Thu, 02 May 2024 09:30:00 GMT', LAST)).toBe(false);
    expect(isModifiedSince('Thu, 02 May 2024 09:29:59 GMT', LAST)).toBe(true);
    expect(isModifiedSince('Fri, 03 May 2024 00:00:00 GMT', LAST)).toBe(false);
    expect(isModifiedSince('yesterday-ish', LAST)).toBe(true);
  });

  it('is ignored when If-None-Match is present (RFC 9110 §13.2.2)', () => {
    const later = 'Fri, 03 May 2024 00:00:00 GMT';
    expect(isNotModified({ ifNoneMatch: '"other"', ifModifiedSince: later }, TAG, LAST)).toBe(false);
    expect(isNotModified({ ifNoneMatch: TAG, ifModifiedSince: 'Thu, 01 Jan 1970 00:00:00 GMT' }, TAG, LAST)).toBe(true);
    expect(isNotModified({ ifNoneMatch: undefined, ifModifiedSince: later }, TAG, LAST)).toBe(true);
    expect(isNotModified({ ifNoneMatch: undefined, ifModifiedSince: undefined }, TAG, LAST)).toBe(false);
  });
});

describe('Accept-Encoding', () => {
  it('accepts gzip only when it is named with q > 0, or allowed by "*"', () => {
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip('x-gzip')).toBe(true);
    expect(acceptsGzip('GZIP;q=0.5')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('*;q=0.1, gzip;q=0')).toBe(false);
    expect(acceptsGzip('br, identity')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip('')).toBe(false);
  });

  it('turns a strong tag into a weak one for the gzip variant', () => {
    expect(toGzipEtag('"abc"')).toBe('W/"abc"');
    expect(toGzipEtag('W/"abc"')).toBe('W/"abc"');
  });
});

describe('parseRequestPath', () => {
  it('decodes, drops the query and removes dot segments without climbing above the root', () => {
    expect(parseRequestPath('/topics/nato.rss?x=1#f')).toEqual({ ok: true, path: '/topics/nato.rss' });
    expect(parseRequestPath('/topics/%6Eato.rss')).toEqual({ ok: true, path: '/topics/nato.rss' });
    expect(parseRequestPath('/../etc/passwd')).toEqual({ ok: true, path: '/etc/passwd' });
    expect(parseRequestPath('/%2e%2e/%2E%2E/etc/passwd')).toEqual({ ok: true, path: '/etc/passwd' });
    expect(parseRequestPath('/topics/./../topics.opml')).toEqual({ ok: true, path: '/topics.opml' });
    expect(parseRequestPath('/topics/..')).toEqual({ ok: true, path: '/' });
    expect(parseRequestPath('/index.html')).toEqual({ ok: true, path: '/' });
    expect(parseRequestPath('http://example.org/topics/nato.rss?q')).toEqual({ ok: true, path: '/topics/nato.rss' });
  });

  it('serves plain paths as they are, but still resolves dot segments at any position', () => {
    expect(parseRequestPath('/topics/energy.rss')).toEqual({ ok: true, path: '/topics/energy.rss' });
    expect(parseRequestPath('//topics//energy.rss')).toEqual({ ok: true, path: '//topics//energy.rss' });
    expect(parseRequestPath('/topics/.hidden.rss')).toEqual({ ok: true, path: '/topics/.hidden.rss' });
    expect(parseRequestPath('/topics/.')).toEqual({ ok: true, path: '/topics/' });
    expect(parseRequestPath('/a/b/../../index.html')).toEqual({ ok: true, path: '/' });
    expect(parseRequestPath('/..')).toEqual({ ok: true, path: '/' });
  });

  it('refuses bad percent-encoding, odd targets and overlong URLs', () => {
    expect(parseRequestPath('/%E0%A4%A').ok).toBe(false);
    expect(parseRequestPath('/%zz').ok).toBe(false);
    expect(parseRequestPath('/%').ok).toBe(false);
    expect(parseRequestPath('*').ok).toBe(false);
    expect(parseRequestPath('example.org:80').ok).toBe(false);
    expect(parseRequestPath(`/${'a'.repeat(3000)}`).ok).toBe(false);
  });
});
