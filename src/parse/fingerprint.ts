import type { NormalizedItem } from '../model.js';
import { findSentenceEnds, foldWords, sha256 } from '../text/index.js';
import { htmlToText } from './html-to-text.js';

/** The lead is whole sentences until it holds at least this many normalised characters… */
export const LEAD_MIN_LENGTH = 100;
/** …and never more than this many. */
export const LEAD_MAX_LENGTH = 200;

/**
 * A title and lead of fewer words than this say nothing about which story an
 * item is: "Letters to the editor", "Live updates", "📷", "…" recur under
 * every outlet's own links. Such an item gets no fingerprint.
 */
export const FINGERPRINT_MIN_WORDS = 8;

/** Scripts written without spaces between words: two characters count as a word. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/gu;

/**
 * Text reduced to what survives republication: its folded words
 * (src/text/words.ts: accents, case and compatibility forms folded; quotes,
 * punctuation and markup leftovers dropped), one space between them.
 */
export function normalizeForFingerprint(text: string): string {
  return foldWords(text).join(' ');
}

/**
 * The same story under another URL: sha256 of the normalised title and the
 * normalised lead of `body`, the item's plain body text (the content's text
 * when the feed has content, else the summary's); empty when together they
 * hold fewer than FINGERPRINT_MIN_WORDS words, too few to be evidence.
 *
 * The lead is the body's opening sentences, as few as make LEAD_MIN_LENGTH
 * characters, cut at LEAD_MAX_LENGTH. Cutting at a sentence end is what lets
 * a feed that carries only the article's first paragraph (or first sentence,
 * or a "[…]" excerpt) agree with one that carries the whole text, however
 * short that paragraph is; the minimum keeps a one-line opening ("Good
 * morning.") under a recurring title from merging different days. Whenever
 * two bodies share their first LEAD_MAX_LENGTH characters the leads agree.
 *
 * Limits: a summary that is not the article's opening (an editor's
 * standfirst), a body that opens with a photo caption, byline or the title
 * again, or an excerpt shorter than LEAD_MIN_LENGTH that ends mid-sentence
 * gives a different fingerprint; the deduper's canonical-link match is the
 * other way to find the same story.
 */
export function fingerprintStory(title: string, body: string): string {
  const normalizedTitle = normalizeForFingerprint(title);
  const lead = leadOf(body);
  if (countWords(`${normalizedTitle} ${lead}`) < FINGERPRINT_MIN_WORDS) return '';
  return sha256(`${normalizedTitle}\n${lead}`);
}

/**
 * The fingerprint of an item as it is stored, computed again from what the
 * store keeps (for a reindex under a new key scheme): the normaliser's body
 * is the content's text when it has any, else the summary's, and the stored
 * HTML is the content's (else the summary's) with only URLs changed.
 */
export function fingerprintStoredItem(item: Pick<NormalizedItem, 'title' | 'contentHtml' | 'summary'>): string {
  const contentText = htmlToText(item.contentHtml);
  return fingerprintStory(item.title, contentText !== '' ? contentText : item.summary);
}

/** Words with a letter in normalised text (numbers alone do not identify a story). */
function countWords(normalized: string): number {
  let count = 0;
  for (const word of normalized.split(' ')) {
    if (!/\p{L}/u.test(word)) continue;
    const unspaced = word.match(UNSPACED)?.length ?? 0;
    count += unspaced > 0 ? Math.ceil(unspaced / 2) + (word.length > unspaced ? 1 : 0) : 1;
  }
  return count;
}

function leadOf(body: string): string {
  // Only the opening is searched, which bounds the work on a huge body of tiny "sentences".
  const opening = body.slice(0, 20 * LEAD_MAX_LENGTH);
  // Sentence by sentence: every cut is followed by whitespace or the end, so
  // the normalised prefix is the normalised sentences joined by one space, and
  // each character is normalised once rather than once per sentence end.
  let sentences = '';
  let from = 0;
  for (const to of findSentenceEnds(opening)) {
    const next = normalizeForFingerprint(opening.slice(from, to));
    sentences = sentences === '' || next === '' ? sentences + next : `${sentences} ${next}`;
    from = to;
    if (sentences.length >= LEAD_MIN_LENGTH) return sentences.slice(0, LEAD_MAX_LENGTH).trim();
  }
  return normalizeForFingerprint(opening).slice(0, LEAD_MAX_LENGTH).trim();
}
