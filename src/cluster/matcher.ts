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
  /**
   * `known`, when given, is what an item indexer worked out for the item earlier (on
   * another thread): only the comparisons with candidates are left.
   */
  prepare(item: ClusterText, known?: IndexedItem): NearDuplicateProbe;
}

/** What indexing an item needs, worked out from its text alone (and so on any thread). */
export interface IndexedItem {
  keys: number[];
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
 * Features of this many recent items are kept: the candidates for a copy of
 * a story are mostly items the same cycle stored a few sources earlier. An
 * item's features hold about 2 KB (its shingles, 1.5 KB of it outside the JS
 * heap); on the bench's 1,000-feed first fetch, 25,410 look-ups missed 11,196
 * times with 4,096 kept and 13,628 times with 2,048: about 0.4 s more work
 * (0.18 ms a miss) for ~4 MB less held.
 */
const CACHED_FEATURES = 2048;

/** Near-duplicate detection as the store's ingest calls it: LSH keys, then verification. */
export function createNearDuplicateMatcher(settings: NearDuplicateSettings): NearDuplicateMatcher {
  const minhash = createMinHasher(BANDS * ROWS, SEED);
  const cache = new Map<string, ItemFeatures>();
  const remember = (contentHash: string, features: ItemFeatures): void => {
    cache.delete(contentHash);
    if (cache.size === CACHED_FEATURES) cache.delete(cache.keys().next().value ?? '');
    cache.set(contentHash, features);
  };
  const featuresOf = (item: ClusterText): ItemFeatures => {
    if (item.contentHash === undefined) return extractFeatures(item);
    const features = cache.get(item.contentHash) ?? extractFeatures(item);
    remember(item.contentHash, features);
    return features;
  };
  return {
    windowMs: settings.windowHours * 3_600_000,
    threshold: settings.threshold,
    prepare: (item, known) => {
      // Features are worked out only for an item with candidates (about one in ten), and
      // kept: the next copies of its story will find it as their candidate.
      let features: ItemFeatures | undefined;
      return {
        keys: known?.keys ?? indexKeys(minhash, item),
        score: (candidate) => scorePair((features ??= featuresOf(item)), featuresOf(candidate)).score,
      };
    },
  };
}

/** Works out items' LSH keys where their text is read; one indexer serves a whole batch. */
export function createItemIndexer(): (item: ClusterText) => IndexedItem {
  const minhash = createMinHasher(BANDS * ROWS, SEED);
  return (item) => ({ keys: indexKeys(minhash, item) });
}

function indexKeys(minhash: (shingles: Uint32Array) => Uint32Array, item: ClusterText): number[] {
  const keywords = extractLeadKeywords(item);
  return keywords.length < MIN_LEAD_WORDS ? [] : bandKeys(minhash(keywords), ROWS, 0);
}

/** The verification of two items with what it measured, for `explain`. */
export function compareItems(a: ClusterText, b: ClusterText): PairScore {
  return scorePair(extractFeatures(a), extractFeatures(b));
}
