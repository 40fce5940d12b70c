import { describe, expect, it } from 'vitest';
import { findOperatorWords } from '../../src/topics/index.js';

const words = (query: string): [string, number][] => findOperatorWords(query).map((w) => [w.word, w.position]);

describe('findOperatorWords', () => {
  it('finds or, and, not in any case but upper, between two terms', () => {
    expect(words('nato or otan')).toEqual([['or', 5]]);
    expect(words('georgia And (tbilisi OR baku) Not atlanta')).toEqual([['And', 8], ['Not', 30]]);
    expect(words('"a" or @names')).toEqual([['or', 4]]);
    expect(words('/x/ or title:y')).toEqual([['or', 4]]);
  });

  it('leaves the operators, quoted words and words at either end alone', () => {
    expect(words('nato OR otan AND NOT atlanta')).toEqual([]);
    expect(words('"rock or roll" "or"')).toEqual([]);
    expect(words('or nato')).toEqual([]);
    expect(words('nato and')).toEqual([]);
    expect(words('(nato or) otan')).toEqual([]);
  });

  it('reads an unbalanced query as written, and says nothing of one it cannot split into tokens', () => {
    expect(words('nato or (otan')).toEqual([['or', 5]]);
    expect(words('nato or "otan')).toEqual([]);
  });
});
