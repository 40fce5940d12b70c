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

/**
 * Counts over every unordered pair of items: `truth[i]` and `predicted[i]`
 * are item i's labelled cluster and the story it ended in. With no predicted
 * pair, precision is 1 (nothing was merged wrongly).
 */
export function comparePairs(truth: readonly string[], predicted: readonly (string | number)[]): PairwiseResult {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  for (let i = 0; i < truth.length; i += 1) {
    for (let j = i + 1; j < truth.length; j += 1) {
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
