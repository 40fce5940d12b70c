import calendar from './data/calendar.json' with { type: 'json' };
import stopwordData from './data/stopwords.json' with { type: 'json' };
import { toWords } from './words.js';

/*
 * The small word lists event features need, from the cited data files in
 * ./data: function words of every language (one set: a feed's language tag
 * is often missing or wrong, and a function word of one language is rarely
 * an event's word in another), and weekday and month names. Every entry is
 * folded as text is (toWords), so lookups compare like with like.
 */

function foldEntry(entry: string): string {
  return toWords(entry).join(' ');
}

/** Function words of every listed language, folded. */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  Object.values(stopwordData.languages).flatMap((list) => list.split(/\s+/).flatMap((w) => toWords(w))),
);

/** Per language, its function words, folded: enough to tell the language of a paragraph. */
const FUNCTION_WORDS_BY_LANGUAGE: readonly [string, ReadonlySet<string>][] = Object.entries(stopwordData.languages).map(([lang, list]) => [
  lang,
  new Set(list.split(/\s+/).flatMap((w) => toWords(w))),
]);

/** Fewer hits than this say nothing: a name or two can be a function word elsewhere. */
const MIN_LANGUAGE_HITS = 3;

/**
 * The language of folded words when the feed does not say: the one whose
 * function words occur most (the stop-word method of language
 * identification; function words are the most frequent words of every
 * language, and few are shared). '' when none stands out.
 */
export function guessLanguage(words: readonly string[]): string {
  let best = '';
  let bestHits = MIN_LANGUAGE_HITS - 1;
  for (const [lang, list] of FUNCTION_WORDS_BY_LANGUAGE) {
    let hits = 0;
    for (const w of words) if (list.has(w)) hits += 1;
    if (hits > bestHits) [best, bestHits] = [lang, hits];
  }
  return best;
}

function indexNames(byLanguage: Record<string, string[][]>): Map<string, number> {
  const index = new Map<string, number>();
  for (const names of Object.values(byLanguage)) {
    names.forEach((forms, position) => {
      for (const form of forms) index.set(foldEntry(form), position);
    });
  }
  return index;
}

/** Folded weekday name (a one- or two-word form) → 0 (Monday) … 6 (Sunday). */
export const WEEKDAYS: ReadonlyMap<string, number> = indexNames(calendar.weekdays);
/** Folded month name → 0 (January) … 11 (December). */
export const MONTHS: ReadonlyMap<string, number> = indexNames(calendar.months);

/** A word that says when, not what: never a term or a name of the event. */
export function isCalendarWord(word: string): boolean {
  return WEEKDAYS.has(word) || MONTHS.has(word);
}
