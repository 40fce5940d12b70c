/**
 * Word folding shared by queries and documents, so both sides agree:
 * compatibility decomposition (NFKD: "ﬁ" → "fi", "²" → "2"), lower case,
 * combining marks removed (Cáucaso → caucaso, Süd → sud), then the two
 * lower-case letters that still differ from their folded form: ß → ss and
 * final sigma ς → σ. Words are maximal runs of letters or digits (\p{L}\p{N}),
 * in any script.
 */

const MARKS = /\p{M}+/gu;
const NON_WORD = /[^\p{L}\p{N}]+/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * ASCII text folds to its lower case alone: no ASCII character decomposes
 * under NFKD or is a mark, and its letters and digits are [a-z0-9]. Most
 * feed text is ASCII, and this skips the Unicode passes that made folding
 * the largest cost of topic matching at ingest.
 */
const ASCII_ONLY = /^[\x00-\x7F]*$/;
const ASCII_NON_WORD = /[^a-z0-9]+/;

export function isAsciiText(text: string): boolean {
  return ASCII_ONLY.test(text);
}

export function foldText(text: string): string {
  if (ASCII_ONLY.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').toLowerCase().replace(MARKS, '').replace(/ß/g, 'ss').replace(/ς/g, 'σ');
}

export function foldWords(text: string): string[] {
  const words = ASCII_ONLY.test(text) ? text.toLowerCase().split(ASCII_NON_WORD) : foldText(text).split(NON_WORD);
  // Splitting on runs of separators leaves an empty string only at either end.
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
 * Same words as foldWords, with where each came from in the original text,
 * so an explanation can quote what the author wrote ("NATO’s"). Folds one
 * code point at a time: NFKD decomposes per code point and lower-casing only
 * depends on context for final sigma, which foldText maps away anyway.
 */
export function foldWordSpans(text: string): WordSpan[] {
  const spans: WordSpan[] = [];
  let word = '';
  let start = 0;
  let end = 0;
  let offset = 0;
  for (const char of text) {
    const folded = foldText(char);
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
