import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../src/parse/index.js';

describe('htmlToText', () => {
  it.each([
    ['tags dropped, blocks spaced', '<p>One</p><p>Two<br>Three</p>', 'One Two Three'],
    ['inline tags join', 'NATO<b>’s</b> chief', 'NATO’s chief'],
    ['entities decoded once', 'AT&amp;T &amp;lt; &eacute;t&eacute; &#8220;x&#x201D; &nbsp;y', 'AT&T &lt; été “x” y'],
    ['windows-1252 numeric references', 'a &#150; b &#128;', 'a – b €'],
    ['unknown entities kept', '&bogus; &amp', '&bogus; &amp'],
    ['scripts, styles and comments dropped', '<style>p{}</style><script>alert(1)</script><!-- c -->Text', 'Text'],
    ['attribute values with > do not leak', '<a title="a > b" href="/x">Link</a>', 'Link'],
    ['a lone < stays text', 'a < b and 3<4', 'a < b and 3<4'],
    ['whitespace collapsed and trimmed', '  a \n\t b  ', 'a b'],
    ['control characters and lone surrogates removed', 'a\u0001b\u0008c\uD800d\uDC00e\uFFFEf\u0085g 😀', 'abcdefg 😀'],
    ['references to forbidden characters removed', 'a&#1;b&#xD800;c', 'abc'],
  ])('%s', (_name, html, expected) => {
    expect(htmlToText(html)).toBe(expected);
  });
});
