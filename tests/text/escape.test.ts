import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeXml } from '../../src/text/index.js';

describe('escapeXml / escapeHtml', () => {
  it('escapes text and double-quoted attribute values', () => {
    expect(escapeXml('AT&T <b>"x"</b>')).toBe('AT&amp;T &lt;b&gt;&quot;x&quot;&lt;/b&gt;');
  });

  it('leaves apostrophes as they are, as the HTML serialisation does', () => {
    expect(escapeHtml("it's <i>")).toBe('it\'s &lt;i&gt;');
  });

  it('escapes an ampersand once, even one that already starts a reference', () => {
    expect(escapeHtml('&amp; &#39;')).toBe('&amp;amp; &amp;#39;');
  });
});
