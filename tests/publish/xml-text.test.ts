import { describe, expect, it } from 'vitest';
import { escapeRssText, escapeXml, stripInvalidXmlChars, wrapCdata } from '../../src/publish/xml-text.js';

describe('xml text helpers', () => {
  it('strips C0 controls except tab/LF/CR, U+FFFE/FFFF and lone surrogates, keeping astral characters', () => {
    const input = 'a\u0000b\u0008c\u000bd\u000ce\u001ff\tg\nh\ri\uFFFEj\uFFFFk\uD800l\uDC00m😀n\uD83D';
    expect(stripInvalidXmlChars(input)).toBe('abcdef\tg\nh\rijklm😀n');
  });

  it('splits every "]]>" in a CDATA section, not just the first', () => {
    expect(wrapCdata('a]]>b]]>c')).toBe('<![CDATA[a]]]]><![CDATA[>b]]]]><![CDATA[>c]]>');
  });

  it('escapes text and attribute values', () => {
    expect(escapeXml('AT&T <b>"x"</b>')).toBe('AT&amp;T &lt;b&gt;&quot;x&quot;&lt;/b&gt;');
    expect(escapeRssText('AT&T <b>')).toBe('AT&#x26;T &#x3C;b&#x3E;');
  });
});
