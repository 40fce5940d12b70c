import { findSentenceEnds } from '../text/index.js';
import { hashString32 } from './hash32.js';
import { shingleSet } from './shingles.js';
import { toKeywords, toWords } from './words.js';

/** The parts of an item clustering reads (a NormalizedItem has them all). */
export interface ClusterText {
  title: string;
  /** Plain text of the whole body. */
  text: string;
  /** Plain-text lead, used when there is no body. */
  summary: string;
  /** Changes whenever the text does (a NormalizedItem's has): lets the features of a stored item be reused. */
  contentHash?: string;
}

/** Words per shingle: long enough that a shared shingle is a shared phrase, short enough to survive light edits. */
export const SHINGLE_WORDS = 3;
/**
 * The lead: the body's opening sentences, at least LEAD_MIN_WORDS words and
 * at most LEAD_MAX_WORDS. News states its event in the first sentence, so
 * every copy of a story keeps it (a cut-off copy keeps little else) and a
 * different event on the same subject does not have it.
 */
export const LEAD_MIN_WORDS = 15;
export const LEAD_MAX_WORDS = 40;
/** Numbers are compared over the title and this many opening words of the body. */
export const NUMBER_WORDS = 60;

export interface ItemFeatures {
  /** Shingles of the title and body, as sorted distinct hashes. */
  shingles: Uint32Array;
  /** Shingles of the body's lead. */
  leadShingles: Uint32Array;
  /** Numbers in the title and the body's opening ("73,000" and "73000" are one). */
  openingNumbers: ReadonlySet<string>;
  /** Every number in the title and body. */
  numbers: ReadonlySet<string>;
  /** Title and body words. */
  wordCount: number;
}

/**
 * An agency dateline ("TBILISI, April 15 (Wire) — ", "MOSCOW — ") belongs to
 * the wire, not to the story: copies keep, drop or rewrite it at will.
 */
const dateline = /^\s*\p{Lu}[\p{Lu} .'-]+(?:,[^—–()\n]{1,40})?(?:\([^)\n]{1,40}\))?\s*(?:[—–]|\s-)\s*/u;
const numberPattern = /\d+(?:[.,]\d+)*/g;

/** The body as compared: the full text, else the summary, without a leading dateline. */
export function bodyOf(item: ClusterText): string {
  return (/\S/.test(item.text) ? item.text : item.summary).replace(dateline, '');
}

/**
 * The lead's distinct words but function words, hashed: what a copy of the
 * lead keeps and a rewrite of it mostly keeps. All the index needs, read
 * without the rest of the text.
 */
export function extractLeadKeywords(item: ClusterText): Uint32Array {
  return new Uint32Array([...new Set(toKeywords(toWords(leadOf(bodyOf(item)))))].map(hashString32));
}

export function extractFeatures(item: ClusterText): ItemFeatures {
  const body = bodyOf(item);
  const titleWords = toWords(item.title);
  const bodyWords = toWords(body);
  const opening = body.split(/\s+/, NUMBER_WORDS).join(' ');
  const leadWords = toWords(leadOf(body));
  return {
    shingles: shingleSet([...titleWords, ...bodyWords], SHINGLE_WORDS),
    leadShingles: shingleSet(leadWords, SHINGLE_WORDS),
    openingNumbers: findNumbers(`${item.title}\n${opening}`),
    numbers: findNumbers(`${item.title}\n${body}`),
    wordCount: titleWords.length + bodyWords.length,
  };
}

function leadOf(body: string): string {
  const opening = body.split(/\s+/, LEAD_MAX_WORDS).join(' ');
  for (const end of findSentenceEnds(opening)) {
    const lead = opening.slice(0, end);
    if (lead.split(' ').length >= LEAD_MIN_WORDS) return lead;
  }
  return opening;
}

/** Numbers as written without thousands separators: "73,000" = "73000", "2.6" ≠ "26". */
function findNumbers(text: string): Set<string> {
  const found = new Set<string>();
  for (const [raw] of text.matchAll(numberPattern)) found.add(raw.replace(/[.,](?=\d{3}(?:\D|$))/g, ''));
  return found;
}

