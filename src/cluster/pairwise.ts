/** Pairwise agreement of a clustering with labelled truth, the usual measure for deduplication. */
export interface PairwiseResult {
  /** Pairs put in one story that are one story. */
  truePositives: number;
  /** Pairs put in one story that are different stories. */
  falsePositives: number;
  /** Pairs that are one story but were kept apart. */
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Which unordered pairs (i < j) of items a comparison counts. */
export type PairFilter = (i: number, j: number) => boolean;

const everyPair: PairFilter = () => true;

/**
 * Counts over every unordered pair of items that `include` keeps:
 * `truth[i]` and `predicted[i]` are item i's labelled cluster and the story
 * it ended in. With no predicted pair, precision is 1 (nothing was merged
 * wrongly); with no labelled pair, recall is 1 (nothing could be missed).
 */
export function comparePairs(truth: readonly string[], predicted: readonly (string | number)[], include: PairFilter = everyPair): PairwiseResult {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  for (let i = 0; i < truth.length; i += 1) {
    for (let j = i + 1; j < truth.length; j += 1) {
      if (!include(i, j)) continue;
      const same = truth[i] === truth[j];
      const merged = predicted[i] === predicted[j];
      if (same && merged) truePositives += 1;
      else if (merged) falsePositives += 1;
      else if (same) falseNegatives += 1;
    }
  }
  const precision = truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives);
  const recall = truePositives + falseNegatives === 0 ? 1 : truePositives / (truePositives + falseNegatives);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives, falsePositives, falseNegatives, precision, recall, f1 };
}

/** Pairwise agreement overall, for pairs in one language and for pairs across two. */
export interface PairwiseByLanguage {
  overall: PairwiseResult;
  withinLanguage: PairwiseResult;
  acrossLanguages: PairwiseResult;
}

/**
 * `languages[i]` is item i's BCP 47 tag. Two items are in one language when
 * their primary subtags agree (RFC 5646 §2.2.1: "pt-BR" and "pt" are both
 * Portuguese), case-insensitively as the RFC says tags are.
 */
export function comparePairsByLanguage(
  truth: readonly string[],
  predicted: readonly (string | number)[],
  languages: readonly string[],
): PairwiseByLanguage {
  const primary = languages.map((tag) => (tag.split('-')[0] ?? '').toLowerCase());
  const sameLanguage: PairFilter = (i, j) => primary[i] === primary[j];
  return {
    overall: comparePairs(truth, predicted),
    withinLanguage: comparePairs(truth, predicted, sameLanguage),
    acrossLanguages: comparePairs(truth, predicted, (i, j) => !sameLanguage(i, j)),
  };
}

/** How a group of clusters that must stay apart fared. */
export interface GroupMerges {
  /** Pairs of items from two different clusters of the group. */
  pairs: number;
  /** Those of them the clustering put in one story, as item indexes (i < j). */
  merged: Array<[number, number]>;
}

/**
 * Merges between the clusters of one hard-negative group: every pair of
 * items labelled with two different clusters of `group` that ended in one
 * story is a merge the clustering must never make.
 */
export function findMergesAcross(truth: readonly string[], predicted: readonly (string | number)[], group: readonly string[]): GroupMerges {
  const members = new Set(group);
  const merged: Array<[number, number]> = [];
  let pairs = 0;
  for (let i = 0; i < truth.length; i += 1) {
    const a = truth[i];
    if (a === undefined || !members.has(a)) continue;
    for (let j = i + 1; j < truth.length; j += 1) {
      const b = truth[j];
      if (b === undefined || b === a || !members.has(b)) continue;
      pairs += 1;
      if (predicted[i] === predicted[j]) merged.push([i, j]);
    }
  }
  return { pairs, merged };
}
