import { describe, expect, it } from 'vitest';
import { escapeRssText, wrapCdata } from '../../src/publish/xml-text.js';

describe('xml text helpers', () => {
  it('splits every "]]>" in a CDATA section, not just the first', () => {
    expect(wrapCdata('a]]>b]]>c')).toBe('<![CDATA[a]]]]><![CDATA[>b]]]]><![CDATA[>c]]>');
  });

  it('escapes RSS plain text with hexadecimal references', () => {
    expect(escapeRssText('AT&T <b>')).toBe('AT&#x26;T &#x3C;b&#x3E;');
  });
});
