import { describe, expect, it } from 'vitest';
import { hasHttpScheme, isAbsoluteUrl, resolveUrl, toHttpUrl } from '../../src/text/index.js';

describe('resolveUrl', () => {
  it('resolves against the first base that is an absolute URL (RFC 3986 §5)', () => {
    expect(resolveUrl('../b?x=1', undefined, 'feed.xml', 'https://example.com/a/c/feed.xml')).toBe('https://example.com/a/b?x=1');
    expect(resolveUrl('/x', new URL('https://example.com/a/'))).toBe('https://example.com/x');
  });

  it('leaves an absolute reference absolute, whatever the bases', () => {
    expect(resolveUrl(' HTTPS://Example.com/a ', 'https://other.example/')).toBe('https://example.com/a');
  });

  it('gives nothing for an empty reference or when no base applies', () => {
    expect(resolveUrl('  ', 'https://example.com/')).toBeUndefined();
    expect(resolveUrl('page.html', '/var/feeds/feed.xml')).toBeUndefined();
    expect(resolveUrl('http://exa mple.com/', 'https://example.com/')).toBeUndefined();
  });
});

describe('isAbsoluteUrl', () => {
  it('needs a scheme and a URL that parses', () => {
    expect(isAbsoluteUrl('file:///tmp/feed.xml')).toBe(true);
    expect(isAbsoluteUrl('mailto:desk@example.com')).toBe(true);
    expect(isAbsoluteUrl('/tmp/feed.xml')).toBe(false);
    expect(isAbsoluteUrl('C:feed.xml')).toBe(true);
  });
});

describe('hasHttpScheme', () => {
  it('tests a string by its scheme, case-insensitively, and a URL by its protocol', () => {
    expect(['http://a', 'HTTPS://a', 'https:a'].every((url) => hasHttpScheme(url))).toBe(true);
    expect(['file:///a', 'ftp://a', 'httpx://a', ' http://a', 'javascript:x'].some((url) => hasHttpScheme(url))).toBe(false);
    expect(hasHttpScheme(new URL('HTTP://a.example/'))).toBe(true);
    expect(hasHttpScheme(new URL('file:///a'))).toBe(false);
  });
});

describe('toHttpUrl', () => {
  it('is the absolute http(s) URL, or null', () => {
    expect(toHttpUrl(' https://example.com/a b ')).toBe('https://example.com/a%20b');
    expect(toHttpUrl('javascript:alert(1)')).toBeNull();
    expect(toHttpUrl('/relative')).toBeNull();
    expect(toHttpUrl(undefined)).toBeNull();
  });
});
