import { findEventDates, findEventNumbers } from './event-numbers.js';
import { FUNCTION_WORDS, guessLanguage, isCalendarWord } from './event-lexicon.js';
import type { ClusterText } from './features.js';
import { bodyOf } from './features.js';
import { toLatin, toSkeleton } from './transliterate.js';
import { toWords } from './words.js';

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
  /** Term → weight: transliterated, truncated content words and `define` concepts. */
  terms: Record<string, number>;
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
const sentenceEnd = /[.!?…:]["'”’»)\]]*\s*$/u;
const upper = /^\p{Lu}/u;
const cased = /[\p{Lu}\p{Ll}]/u;

interface Token {
  folded: string;
  latin: string;
  /** Written with a capital, not as the first word of a sentence, or in a script without case. */
  proper: boolean;
}

/**
 * Words with whether they are written as names: with a capital inside a
 * sentence, or at a sentence's start when the text writes the same word
 * with a capital inside a sentence too (a headline's first word is often
 * its subject: "Песков: …"); in a script without case (Georgian, Arabic),
 * every longer word may be a name.
 */
function readTokens(text: string, knownNames?: ReadonlySet<string>): Token[] {
  const raw: { folded: string; latin: string; caseless: boolean; capital: boolean; initial: boolean; allCaps: boolean }[] = [];
  let last = 0;
  for (const match of text.matchAll(token)) {
    const word = match[0];
    const before = text.slice(last, match.index);
    const initial = raw.length === 0 || sentenceEnd.test(before) || /\n/.test(before) || /^\s*[«"“„(—–-]\s*$/u.test(before);
    last = match.index + word.length;
    for (const [i, part] of word.split(/['’ʼ-]/u).entries()) {
      for (const folded of toWords(part)) {
        raw.push({ folded, latin: toLatin(folded), caseless: !cased.test(part), capital: upper.test(part) && /\p{L}/u.test(part), initial: initial && i === 0, allCaps: part.length > 1 && part === part.toUpperCase() && cased.test(part) });
      }
    }
  }
  const inside = new Set(knownNames);
  for (const t of raw) if (t.capital && !t.initial) inside.add(t.folded);
  return raw.map((t) => ({
    folded: t.folded,
    latin: t.latin,
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

function isContentWord(t: Token): boolean {
  return t.latin.replace(/[0-9]/g, '').length >= MIN_TERM_LETTERS && !FUNCTION_WORDS.has(t.folded) && !isCalendarWord(t.folded) && !/^\d+$/.test(t.folded);
}

function matchConcepts(tokens: readonly Token[], equivalences: readonly Equivalence[]): string[] {
  const found: string[] = [];
  for (const eq of equivalences) {
    const hit = tokens.some((t, i) =>
      eq.words.includes(t.folded) || eq.prefixes.some((p) => t.folded.startsWith(p)) || eq.phrases.some((phrase) => phrase.every((w, k) => tokens[i + k]?.folded === w)),
    );
    if (hit) found.push(eq.concept);
  }
  return found;
}

/** The evidence of one item; `equivalences` from the config's define lists. */
export function extractEventFeatures(item: EventText, equivalences: readonly Equivalence[] = []): EventFeatures {
  const body = bodyOf(item).split(/\s+/).slice(0, BODY_WORDS).join(' ');
  const summary = /\S/.test(item.text) && item.summary.trim() !== '' ? item.summary : '';
  const leadText = `${summary}\n${body.split(/\s+/).slice(0, LEAD_WORDS).join(' ')}`;
  const rest = body.split(/\s+/).slice(LEAD_WORDS).join(' ');
  const known = new Set(readTokens(`${leadText}\n${rest}`).filter((t) => t.proper).map((t) => t.folded));
  const parts: [Token[], number][] = [
    [readTokens(item.title, known), TITLE_WEIGHT],
    [readTokens(leadText, known), LEAD_WEIGHT],
    [readTokens(rest, known), 1],
  ];
  const terms = new Map<string, number>();
  const names = new Map<string, number>();
  for (const [tokens, weight] of parts) {
    for (const t of tokens) {
      if (!isContentWord(t)) continue;
      const term = t.latin.slice(0, TERM_LENGTH);
      terms.set(term, (terms.get(term) ?? 0) + weight);
      if (!t.proper) continue;
      const skeleton = toSkeleton(t.latin);
      if (isNameKey(skeleton, t.latin)) names.set(skeleton, (names.get(skeleton) ?? 0) + weight);
    }
  }
  const headTokens = item.title.trim() !== '' ? parts[0]?.[0] ?? [] : readTokens(firstSentence(leadText), known);
  const heads = [...new Set(headTokens.filter((t) => t.proper && isContentWord(t)).filter((t) => isNameKey(toSkeleton(t.latin), t.latin)).map((t) => toSkeleton(t.latin)))];
  for (const concept of matchConcepts(parts.flatMap(([tokens]) => tokens), equivalences)) terms.set(`=${concept}`, TITLE_WEIGHT);
  const topNames = topEntries(names, MAX_NAMES);
  const hour = Math.floor(Date.parse(item.publishedAt) / 3_600_000);
  const headline = `${item.title}\n${leadText}`;
  const { numbers, tallies } = findEventNumbers(headline);
  return {
    hour,
    lang: (item.lang ?? '').split('-')[0]?.toLowerCase() || guessLanguage(parts.flatMap(([tokens]) => tokens.map((t) => t.folded))),
    terms: Object.fromEntries(topEntries(terms, MAX_TERMS)),
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
