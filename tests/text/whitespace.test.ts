import { describe, expect, it } from 'vitest';
import { collapseWhitespace } from '../../src/text/index.js';

describe('collapseWhitespace', () => {
  it('makes every run of white space one space, none at either end', () => {
    expect(collapseWhitespace('  a\t\tb\nc\u00a0 d\u2003e  ')).toBe('a b c d e');
    expect(collapseWhitespace('already one space')).toBe('already one space');
  });
});
