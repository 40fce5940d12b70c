const nonAscii = /[^\x00-\x7f]/;
const asciiSeparators = /[^a-z0-9]+/;
/** Marks stay inside a word until it is folded, so "e\u0301" is one word, as "é" is. */
const separators = /[^\p{L}\p{N}\p{M}]+/u;
const marks = /\p{M}+/gu;
const folds = /[^\p{L}\p{N}]+/u;

/**
 * Text reduced to what survives republication — lower case, NFKD with
 * combining marks dropped (accents folded) — split into words at every run
 * of anything that is not a letter or digit (punctuation, quotes of any
 * style, markup leftovers). Any script.
 */
export function toWords(text: string): string[] {
  const lower = text.toLowerCase();
  if (!nonAscii.test(lower)) return lower.split(asciiSeparators).filter((w) => w !== '');
  // NFKD is the costly step: done once per distinct word, and never on an ASCII one.
  const words: string[] = [];
  const folded = new Map<string, string[]>();
  for (const word of lower.split(separators)) {
    if (!nonAscii.test(word)) {
      if (word !== '') words.push(word);
      continue;
    }
    let parts = folded.get(word);
    if (parts === undefined) {
      parts = word.normalize('NFKD').replace(marks, '').split(folds).filter((w) => w !== '');
      folded.set(word, parts);
    }
    words.push(...parts);
  }
  return words;
}

/**
 * English function words: they say nothing about which event a sentence
 * reports, so two leads are indexed by the words that do (names, places,
 * numbers, verbs of the event).
 */
const stopwords = new Set(
  (
    'a an the and or but nor of to in on at by for from with as into onto over under after before about against between ' +
    'during through since until while than then so if that this these those there here it its is are was were be been being ' +
    'has have had do does did will would can could may might must shall should not no he she they we you i his her their ' +
    'our your him them us who whom which what when where why how also just more most very said says say told'
  ).split(' '),
);

/** The words of a text that are not function words, in order. */
export function toKeywords(words: readonly string[]): string[] {
  return words.filter((w) => !stopwords.has(w));
}
