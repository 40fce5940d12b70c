import type { ItemFeatures } from './features.js';
import { intersectionSize } from './shingles.js';

/** What verification measured for one pair of items, and the score it gives. */
export interface PairScore {
  /** Share of the smaller item's shingles found in the larger (Broder's containment). */
  containment: number;
  /** Share of the smaller item's lead shingles found anywhere in the larger. */
  lead: number;
  /** Numbers in the smaller item's title and opening that the larger never mentions. */
  numberConflicts: number;
  /** In [0, 1]: √(containment × lead), halved for each number conflict. */
  score: number;
}

/**
 * Below this many shingles (about a dozen words) a text is too short for its
 * overlap with another to say it is the same story; exact rules still apply.
 */
export const MIN_SHINGLES = 12;

/**
 * The verification step. Containment, not resemblance, so a copy that is cut
 * short or has paragraphs or boilerplate added scores as high as a verbatim
 * one. The lead factor keeps two different stories that share a stock
 * background paragraph apart: they share text, but not their first sentence.
 * A number in one that the other never mentions (another day's price, death
 * toll, vote count) means another event even when the template is the same.
 */
export function scorePair(a: ItemFeatures, b: ItemFeatures): PairScore {
  const [small, large] = a.shingles.length < b.shingles.length || (a.shingles.length === b.shingles.length && a.wordCount <= b.wordCount) ? [a, b] : [b, a];
  if (small.shingles.length < MIN_SHINGLES) return { containment: 0, lead: 0, numberConflicts: 0, score: 0 };
  const containment = intersectionSize(small.shingles, large.shingles) / small.shingles.length;
  const lead = small.leadShingles.length === 0 ? 0 : intersectionSize(small.leadShingles, large.shingles) / small.leadShingles.length;
  const numberConflicts = countMissing(small.openingNumbers, large.numbers);
  return { containment, lead, numberConflicts, score: Math.sqrt(containment * lead) * 0.5 ** numberConflicts };
}

function countMissing(numbers: ReadonlySet<string>, within: ReadonlySet<string>): number {
  let missing = 0;
  for (const n of numbers) if (!mentions(within, n)) missing += 1;
  return missing;
}

/** The other text mentions n as written, or more precisely (a headline's "87%" for the body's "87.3%"). */
function mentions(numbers: ReadonlySet<string>, n: string): boolean {
  if (numbers.has(n)) return true;
  if (/[.,]/.test(n)) return false;
  for (const other of numbers) if (other.startsWith(`${n}.`) || other.startsWith(`${n},`)) return true;
  return false;
}
