import { foldWords } from '../text/index.js';

/**
 * The words clustering compares: the text's folded words (src/text/words.ts),
 * the same words topic queries and fingerprints read.
 */
export function toWords(text: string): string[] {
  return foldWords(text);
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
