import { foldText, isAsciiText } from './fold.js';

/**
 * Words: the maximal runs of letters and digits (\p{L}\p{N}, any script) of
 * the folded text (fold.ts). Folding comes first, so text that is
 * compatibility-equivalent (Unicode TR15) has the same words: "№5" is "No5",
 * "ﬁnal" is "final", "Apple™" is "AppleTM". Everything else separates words:
 * punctuation, quotes of any style, symbols, markup leftovers.
 */

const NON_WORD = /[^\p{L}\p{N}]+/u;
const ASCII_NON_WORD = /[^a-z0-9]+/;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** The folded words of a text, in order. */
export function foldWords(text: string): string[] {
  // One pass of each over the whole text: faster than word by word, even with a cache.
  return dropEmptyEnds(isAsciiText(text) ? text.toLowerCase().split(ASCII_NON_WORD) : foldText(text).split(NON_WORD));
}

/** Splitting on runs of separators leaves an empty string only at either end. */
function dropEmptyEnds(words: string[]): string[] {
  if (words[0] === '') words.shift();
  if (words[words.length - 1] === '') words.pop();
  return words;
}

export interface WordSpan {
  readonly word: string;
  /** UTF-16 offsets of the word in the original text. */
  readonly start: number;
  readonly end: number;
}

/**
 * The same words as foldWords, with where each came from in the original
 * text, so an explanation can quote what the author wrote ("NATO’s"). Folds
 * one code point at a time: NFKD decomposes per code point, and lower case
 * depends on context only for final sigma, which folding maps away anyway.
 */
export function foldWordSpans(text: string): WordSpan[] {
  const spans: WordSpan[] = [];
  let word = '';
  let start = 0;
  let end = 0;
  let offset = 0;
  for (const char of text) {
    const folded = foldText(char);
    // A mark folds to nothing but belongs to the word as written.
    if (folded === '' && word !== '') end = offset + char.length;
    for (const piece of folded) {
      if (WORD_CHAR.test(piece)) {
        if (word === '') start = offset;
        word += piece;
        end = offset + char.length;
      } else if (word !== '') {
        spans.push({ word, start, end });
        word = '';
      }
    }
    offset += char.length;
  }
  if (word !== '') spans.push({ word, start, end });
  return spans;
}
