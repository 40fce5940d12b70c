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

/** The listed languages, in the data file's order: a tie goes to the first. */
const LANGUAGES: readonly string[] = Object.keys(stopwordData.languages);

/** Folded function word → the positions in LANGUAGES of the languages it is a function word of. */
const LANGUAGES_BY_WORD: ReadonlyMap<string, readonly number[]> = (() => {
  const index = new Map<string, number[]>();
  Object.values(stopwordData.languages).forEach((list, lang) => {
    for (const word of new Set(list.split(/\s+/).flatMap((w) => toWords(w)))) {
      const langs = index.get(word);
      if (langs === undefined) index.set(word, [lang]);
      else langs.push(lang);
    }
  });
  return index;
})();

/** Fewer hits than this say nothing: a name or two can be a function word elsewhere. */
const MIN_LANGUAGE_HITS = 3;

/**
 * The language of folded words when the feed does not say: the one whose
 * function words occur most (the stop-word method of language
 * identification; function words are the most frequent words of every
 * language, and few are shared). '' when none stands out. One look-up per
 * word, whatever the number of languages.
 */
export function guessLanguage(words: readonly string[]): string {
  const hits = new Array<number>(LANGUAGES.length).fill(0);
  for (const w of words) for (const lang of LANGUAGES_BY_WORD.get(w) ?? []) hits[lang] = (hits[lang] ?? 0) + 1;
  let best = '';
  let bestHits = MIN_LANGUAGE_HITS - 1;
  hits.forEach((n, lang) => {
    if (n > bestHits) [best, bestHits] = [LANGUAGES[lang] ?? '', n];
  });
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

/** The first words of the two-word weekday and month names: only after one of them is a pair of words looked up. */
export const CALENDAR_PAIR_STARTS: ReadonlySet<string> = new Set(
  [...WEEKDAYS.keys(), ...MONTHS.keys()].filter((name) => name.includes(' ')).map((name) => name.split(' ')[0] ?? ''),
);

/** A word that says when, not what: never a term or a name of the event. */
export function isCalendarWord(word: string): boolean {
  return WEEKDAYS.has(word) || MONTHS.has(word);
}
