import { describe, expect, it } from 'vitest';
import { isXmlChar, stripForbiddenChars } from '../../src/text/index.js';

describe('stripForbiddenChars', () => {
  it('strips C0 controls except tab/LF/CR, U+FFFE/FFFF and lone surrogates, keeping astral characters', () => {
    const input = 'a\u0000b\u0008c\u000bd\u000ce\u001ff\tg\nh\ri\uFFFEj\uFFFFk\uD800l\uDC00m😀n\uD83D';
    expect(stripForbiddenChars(input)).toBe('abcdef\tg\nh\rijklm😀n');
  });

  it('strips the C1 controls XML 1.0 discourages, which only a mis-decoded windows-1252 body carries', () => {
    expect(stripForbiddenChars('caf\u0080e \u0085done\u009f \u007f')).toBe('cafe done ');
    expect(stripForbiddenChars('€ “quoted” … ÿ')).toBe('€ “quoted” … ÿ');
  });

  it('returns text without such characters as it is', () => {
    const text = 'Plain text, ünïcödé and 😀.';
    expect(stripForbiddenChars(text)).toBe(text);
  });
});

describe('isXmlChar', () => {
  it('follows XML 1.0 §2.2 Char', () => {
    expect([0x9, 0xa, 0xd, 0x20, 0x85, 0xd7ff, 0xe000, 0xfffd, 0x10000, 0x10ffff].every(isXmlChar)).toBe(true);
    expect([0x0, 0x8, 0xb, 0x1f, 0xd800, 0xdfff, 0xfffe, 0xffff, 0x110000].some(isXmlChar)).toBe(false);
  });
});
