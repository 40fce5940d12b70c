import { extractFeatures, extractLeadKeywords, type ClusterText, type ItemFeatures } from './features.js';
import { bandKeys, createMinHasher } from './minhash.js';
import { scorePair, type PairScore } from './score.js';

export interface NearDuplicateSettings {
  /** A candidate joins when its score is at least this, in (0, 1]. */
  threshold: number;
  /** Only items dated within this many hours either side are compared. */
  windowHours: number;
}

/** What the store asks of near-duplicate detection (see IngestOptions.nearDuplicates). */
export interface NearDuplicateMatcher {
  windowMs: number;
  threshold: number;
  /** `keys`, when given, are the item's keys worked out earlier (on another thread): only verification is left. */
  prepare(item: ClusterText, keys?: readonly number[]): NearDuplicateProbe;
}

export interface NearDuplicateProbe {
  /** LSH band keys: stored with the item; a near-duplicate shares several with high probability. */
  keys: readonly number[];
  /** The verified score of a candidate the keys found, in [0, 1]. */
  score(candidate: ClusterText): number;
}

/*
 * The index is LSH over the lead's keywords: BANDS bands of ROWS rows of a
 * MinHash signature, and the store asks a candidate to share two keys. Every
 * copy that keeps the opening — retitled, cut off, extended, boilerplate
 * added — has the same lead and shares every key; a short prefix (a byline,
 * "Listen to this article.") leaves the keyword sets at Jaccard ≈ 0.8, which
 * shares two keys with probability 0.97 (J = 0.7: 0.82, a rewrite at J = 0.5:
 * 0.26). Two unrelated leads (J ≈ 0.04) share two with probability ≈ 10⁻⁷, so
 * hardly any item is verified in vain. Only the lead is read to index an
 * item; the whole text only when there is a candidate to verify.
 */
const BANDS = 8;
const ROWS = 3;
/** A lead of fewer keywords says too little to index. */
const MIN_LEAD_WORDS = 5;
/** A fixed seed: every instance, and every version that keeps it, computes the same keys for the same lead. */
const SEED = 0x7a11ead;
/**
 * Features of this many recently verified stored items are kept: the same
 * few items are candidates for each copy of a story that a cycle brings.
 */
const CACHED_FEATURES = 1024;

/** Near-duplicate detection as the store's ingest calls it: LSH keys, then verification. */
export function createNearDuplicateMatcher(settings: NearDuplicateSettings): NearDuplicateMatcher {
  const minhash = createMinHasher(BANDS * ROWS, SEED);
  const cache = new Map<string, ItemFeatures>();
  const featuresOf = (item: ClusterText): ItemFeatures => {
    if (item.contentHash === undefined) return extractFeatures(item);
    let features = cache.get(item.contentHash);
    if (features === undefined) {
      features = extractFeatures(item);
      if (cache.size === CACHED_FEATURES) cache.delete(cache.keys().next().value ?? '');
    } else {
      cache.delete(item.contentHash);
    }
    cache.set(item.contentHash, features);
    return features;
  };
  const indexKeys = (item: ClusterText): number[] => {
    const keywords = extractLeadKeywords(item);
    return keywords.length < MIN_LEAD_WORDS ? [] : bandKeys(minhash(keywords), ROWS, 0);
  };
  return {
    windowMs: settings.windowHours * 3_600_000,
    threshold: settings.threshold,
    prepare: (item, keys) => {
      let features: ItemFeatures | undefined;
      return {
        keys: keys ?? indexKeys(item),
        score: (candidate) => scorePair((features ??= extractFeatures(item)), featuresOf(candidate)).score,
      };
    },
  };
}

/** The verification of two items with what it measured, for `explain`. */
export function compareItems(a: ClusterText, b: ClusterText): PairScore {
  return scorePair(extractFeatures(a), extractFeatures(b));
}
