import { describe, expect, it } from 'vitest';
import { canonicalizeLink } from '../../src/parse/index.js';

describe('canonicalizeLink', () => {
  it.each([
    ['tracking parameters removed', 'https://example.com/a?utm_source=rss&utm_medium=feed&UTM_Campaign=x&id=5', 'https://example.com/a?id=5'],
    ['click ids removed', 'https://example.com/a?fbclid=1&gclid=2&dclid=3&msclkid=4&mc_cid=5&mc_eid=6&yclid=7&_hsenc=8&_hsmi=9&igshid=10&ref_src=11', 'https://example.com/a'],
    ['fragment removed', 'https://example.com/a#comments', 'https://example.com/a'],
    ['default https port removed', 'https://example.com:443/a', 'https://example.com/a'],
    ['default http port removed', 'http://example.com:80/a', 'http://example.com/a'],
    ['other port kept', 'http://example.com:8080/a', 'http://example.com:8080/a'],
    ['scheme and host lower-cased, path case kept', 'HTTPS://WWW.Example.COM/Path/To', 'https://www.example.com/Path/To'],
    ['parameters sorted by name then value', 'https://example.com/?b=2&a=9&a=1&c', 'https://example.com/?a=1&a=9&b=2&c'],
    ['encodings kept as written', 'https://example.com/s?q=a%20b&p=x+y', 'https://example.com/s?p=x+y&q=a%20b'],
    ['empty query dropped', 'https://example.com/a?', 'https://example.com/a'],
    ['query of tracking only dropped', 'https://example.com/a/?utm_source=x#top', 'https://example.com/a/'],
    ['trailing slash kept', 'https://example.com/a/', 'https://example.com/a/'],
    ['no trailing slash added', 'https://example.com/a', 'https://example.com/a'],
    ['http and https not merged', 'http://example.com/a', 'http://example.com/a'],
    ['"ref" alone is not tracking', 'https://example.com/a?ref=home', 'https://example.com/a?ref=home'],
    ['surrounding spaces ignored', '  https://example.com/a  ', 'https://example.com/a'],
    ['IDN host in punycode', 'https://BÜCHER.example/x', 'https://xn--bcher-kva.example/x'],
  ])('%s', (_name, input, expected) => {
    expect(canonicalizeLink(input)).toBe(expected);
  });

  it.each([['javascript:alert(1)'], ['mailto:desk@example.com'], ['ftp://example.com/a'], ['/relative/path'], ['not a url'], ['']])(
    'returns null for %j',
    (input) => {
      expect(canonicalizeLink(input)).toBeNull();
    },
  );
});
