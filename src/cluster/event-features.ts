import { findEventDates, findEventNumbers } from './event-numbers.js';
import { FUNCTION_WORDS, guessLanguage, isCalendarWord } from './event-lexicon.js';
import type { ClusterText } from './features.js';
import { bodyOf } from './features.js';
import { toLatin, toSkeleton } from './transliterate.js';
import { toWords } from './words.js';
import { endsSentence } from '../text/index.js';

/** What event clustering reads of an item: its text, date and language. */
export interface EventText extends ClusterText {
  /** ISO 8601; the item's date, else when it was first seen. */
  publishedAt: string;
  lang?: string | null | undefined;
}

/**
 * A known equivalence across languages, from the config's `define` lists
 * (nato = нато = otan): any of its words, prefixes (армени*) or phrases
 * stands for the concept.
 */
export interface Equivalence {
  concept: string;
  words: readonly string[];
  prefixes: readonly string[];
  phrases: readonly (readonly string[])[];
}

/**
 * An item's evidence for event clustering, small and JSON-safe so the store
 * keeps it with the item and a candidate's features are read, not
 * recomputed.
 */
export interface EventFeatures {
  /** Hours since the epoch of the item's date. */
  hour: number;
  /** The language tag's primary subtag, else the language its function words tell (guessLanguage), else ''. */
  lang: string;
  /**
   * Term → weight: transliterated, truncated content words and `define`
   * concepts, heaviest first. A Map, not an object: an object per item with
   * its own set of keys gives V8 a hidden class per key it adds, and the
   * store thread parses every compared item's evidence and keeps up to 4,096
   * reports' (createEventMatcher): 4,096 held 25 MB as objects, 8.5 MB as Maps.
   */
  terms: ReadonlyMap<string, number>;
  /** Name skeletons (see toSkeleton) of the proper names the item uses, heaviest first. */
  names: string[];
  /** Each name's weight, as `names` orders them (title 3, lead 2, body 1 a mention). */
  nameWeights: number[];
  /** The names of the headline (or, without one, of the first sentence): who and where the event is about. */
  heads: string[];
  /** Distinctive numbers of the headline and lead, normalised ("100 000" = "100,000" = "100000"). */
  numbers: string[];
  /** Results and votes: "2-0", "61-40" (as written, in order). */
  tallies: string[];
  /** Days since the epoch that the headline and lead name: "on Tuesday", "23 февраля", "14 May". */
  days: number[];
}

/**
 * Content words are cut to their first TERM_LENGTH Latin letters after
 * transliteration: truncation serves as a stemmer in any language (McNamee,
 * Nicholas & Mayfield, "Addressing morphological variation in alphabetic
 * languages", SIGIR 2009: prefixes of 4–5 letters rival language-specific
 * stemmers for European languages), so парламента and парламент,
 * ratifiziert and ratifizierte are one term.
 */
export const TERM_LENGTH = 5;
/** Words shorter than this (after transliteration) are mostly particles and abbreviations. */
const MIN_TERM_LETTERS = 3;
/** The headline says what the event is: its words count this many times. */
const TITLE_WEIGHT = 3;
/** The lead (summary, first paragraph) states the event; later paragraphs recap and add background. */
const LEAD_WEIGHT = 2;
/** Words of the body read: news is written top-down, and the rest is background. */
export const BODY_WORDS = 150;
/** A lead: the summary and this many opening words of the body. */
const LEAD_WORDS = 50;
/** Terms kept per item, by weight: enough for the event's words, bounded so stored features stay small. */
const MAX_TERMS = 60;
const MAX_NAMES = 24;

const token = /[\p{L}\p{M}][\p{L}\p{M}\p{N}'’ʼ-]*|\p{N}+/gu;
// After a colon a capital opens a clause ("Breaking: Nato…"), so it marks no name either.
const clauseStart = /:\s*$/u;
const upper = /^\p{Lu}/u;
const plainAscii = /^[A-Za-z][a-z0-9]*$|^[A-Z0-9]+$/;
const opening = /^\s*[«"“„(—–-]\s*$/u;
const joiner = /['’ʼ-]/u;
const cased = /[\p{Lu}\p{Ll}]/u;

interface Token {
  folded: string;
  info: WordInfo;
  /** Written with a capital, not as the first word of a sentence, or in a script without case. */
  proper: boolean;
}

/** What the features read of one folded word, worked out once per word (see WordCache). */
interface WordInfo {
  latin: string;
  /** A content word: not a function word, a calendar name or a bare number, three letters or more. */
  content: boolean;
  /** Its term: the first TERM_LENGTH Latin letters. */
  term: string;
  /** Its name key, '' when its skeleton is too short to name anything. */
  skeleton: string;
}

/**
 * Word information by folded word, kept by the caller (one per matcher) and
 * emptied when it holds `WORD_CACHE` words: a feed's vocabulary repeats, and
 * transliterating and skeletonising a word is most of an item's cost.
 */
export type WordCache = Map<string, WordInfo>;
const WORD_CACHE = 50_000;

function wordInfo(folded: string, cache: WordCache): WordInfo {
  const known = cache.get(folded);
  if (known !== undefined) return known;
  const latin = toLatin(folded);
  const skeleton = toSkeleton(latin);
  const info = {
    latin,
    content: latin.replace(/[0-9]/g, '').length >= MIN_TERM_LETTERS && !FUNCTION_WORDS.has(folded) && !isCalendarWord(folded) && !/^\d+$/.test(folded),
    term: latin.slice(0, TERM_LENGTH),
    skeleton: isNameKey(skeleton, latin) ? skeleton : '',
  };
  if (cache.size >= WORD_CACHE) cache.clear();
  cache.set(folded, info);
  return info;
}

interface RawToken {
  folded: string;
  info: WordInfo;
  caseless: boolean;
  capital: boolean;
  /** The first word of a sentence (or of a line, or after an opening quote or dash). */
  initial: boolean;
  allCaps: boolean;
}

/** The words of a text, folded and transliterated, with how each is written. */
function scanTokens(text: string, cache: WordCache): RawToken[] {
  const raw: RawToken[] = [];
  let last = 0;
  for (const match of text.matchAll(token)) {
    const word = match[0];
    const before = last === match.index ? '' : text.slice(last, match.index);
    // Most gaps are one space, which opens nothing: the tests below are for the rest.
    const initial = raw.length === 0 || (before !== '' && before !== ' ' && (endsSentence(before) || clauseStart.test(before) || before.includes('\n') || opening.test(before)));
    last = match.index + word.length;
    const parts = joiner.test(word) ? word.split(joiner) : [word];
    for (const [i, part] of parts.entries()) {
      if (plainAscii.test(part)) {
        // Most words: no folding, transliteration or case tables needed.
        const folded = part.toLowerCase();
        const capital = part.charCodeAt(0) <= 90 && part.charCodeAt(0) >= 65;
        raw.push({ folded, info: wordInfo(folded, cache), caseless: false, capital, initial: initial && i === 0, allCaps: capital && part.length > 1 && folded !== part && part === part.toUpperCase() });
        continue;
      }
      for (const folded of toWords(part)) {
        raw.push({ folded, info: wordInfo(folded, cache), caseless: !cased.test(part), capital: upper.test(part) && /\p{L}/u.test(part), initial: initial && i === 0, allCaps: part.length > 1 && part === part.toUpperCase() && cased.test(part) });
      }
    }
  }
  return raw;
}

/**
 * Words with whether they are written as names: with a capital inside a
 * sentence, or at a sentence's start when the text writes the same word
 * with a capital inside a sentence too (a headline's first word is often
 * its subject: "Песков: …"); in a script without case (Georgian, Arabic),
 * every longer word may be a name. `inside` holds the words written with a
 * capital inside a sentence anywhere in the item.
 */
function resolveTokens(raw: readonly RawToken[], inside: ReadonlySet<string>): Token[] {
  return raw.map((t) => ({
    folded: t.folded,
    info: t.info,
    proper: t.caseless ? t.folded.length >= 4 && /\p{L}/u.test(t.folded) : t.capital && (!t.initial || t.allCaps || inside.has(t.folded)),
  }));
}


/**
 * A skeleton says which name when it has three consonants or more: two
 * (NATO nt, Baku bk) fit too many names, and such words still count as terms.
 */
function isNameKey(skeleton: string, latin: string): boolean {
  return skeleton.length >= 3 && latin.length >= 3;
}


/** The concepts whose words, prefixes or phrases the tokens contain, in the order of `equivalences`. */
function matchConcepts(tokens: readonly Token[], equivalences: readonly Equivalence[]): string[] {
  const words = new Set(tokens.map((t) => t.folded));
  const hasPhrase = (phrase: readonly string[]): boolean =>
    words.has(phrase[0] ?? '') && tokens.some((_, i) => phrase.every((w, k) => tokens[i + k]?.folded === w));
  const hasPrefix = (prefix: string): boolean => tokens.some((t) => t.folded.startsWith(prefix));
  return equivalences
    .filter((eq) => eq.words.some((w) => words.has(w)) || eq.prefixes.some(hasPrefix) || eq.phrases.some(hasPhrase))
    .map((eq) => eq.concept);
}

/** The evidence of one item; `equivalences` from the config's define lists. */
export function extractEventFeatures(item: EventText, equivalences: readonly Equivalence[] = [], cache: WordCache = new Map()): EventFeatures {
  // News is written top-down: the first BODY_WORDS words are read (cut by characters first, so a long text costs no more).
  const body = bodyOf(item).slice(0, BODY_WORDS * 12).split(/\s+/).slice(0, BODY_WORDS);
  const summary = /\S/.test(item.text) && item.summary.trim() !== '' ? item.summary : '';
  const leadText = `${summary}\n${body.slice(0, LEAD_WORDS).join(' ')}`;
  const scanned = [scanTokens(item.title, cache), scanTokens(leadText, cache), scanTokens(body.slice(LEAD_WORDS).join(' '), cache)] as const;
  const inside = new Set<string>();
  for (const list of scanned) for (const t of list) if (t.capital && !t.initial) inside.add(t.folded);
  const parts: [[Token[], number], [Token[], number], [Token[], number]] = [
    [resolveTokens(scanned[0], inside), TITLE_WEIGHT],
    [resolveTokens(scanned[1], inside), LEAD_WEIGHT],
    [resolveTokens(scanned[2], inside), 1],
  ];
  const terms = new Map<string, number>();
  const names = new Map<string, number>();
  for (const [tokens, weight] of parts) {
    for (const t of tokens) {
      if (!t.info.content) continue;
      terms.set(t.info.term, (terms.get(t.info.term) ?? 0) + weight);
      if (t.proper && t.info.skeleton !== '') names.set(t.info.skeleton, (names.get(t.info.skeleton) ?? 0) + weight);
    }
  }
  const headTokens = item.title.trim() !== '' ? parts[0]?.[0] ?? [] : resolveTokens(scanTokens(firstSentence(leadText), cache), inside);
  const heads = [...new Set(headTokens.filter((t) => t.proper && t.info.content && t.info.skeleton !== '').map((t) => t.info.skeleton))];
  // concat, not flatMap: V8's flatMap is generic and many times slower on arrays this size.
  const allTokens = parts[0][0].concat(parts[1][0], parts[2][0]);
  if (equivalences.length > 0) for (const concept of matchConcepts(allTokens, equivalences)) terms.set(`=${concept}`, TITLE_WEIGHT);
  const topNames = topEntries(names, MAX_NAMES);
  const hour = Math.floor(Date.parse(item.publishedAt) / 3_600_000);
  const headline = `${item.title}\n${leadText}`;
  const { numbers, tallies } = findEventNumbers(headline);
  return {
    hour,
    lang: (item.lang ?? '').split('-')[0]?.toLowerCase() || guessLanguage(allTokens.map((t) => t.folded)),
    terms: new Map(topEntries(terms, MAX_TERMS)),
    names: topNames.map(([name]) => name),
    nameWeights: topNames.map(([, weight]) => weight),
    heads,
    numbers,
    tallies,
    days: findEventDates(headline, item.publishedAt),
  };
}

function firstSentence(text: string): string {
  const trimmed = text.trim();
  const end = /[.!?…]["'”’»)\]]*\s/u.exec(trimmed);
  return end ? trimmed.slice(0, end.index + 1) : trimmed;
}

function topEntries(map: ReadonlyMap<string, number>, count: number): [string, number][] {
  return [...map].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, count);
}
