/** B-cubed agreement of a clustering with labelled truth, averaged over items. */
export interface BCubedResult {
  precision: number;
  recall: number;
  f1: number;
}

/**
 * B-cubed precision and recall (Bagga & Baldwin 1998, "Entity-based
 * cross-document coreferencing using the vector space model"): for each item,
 * the share of its predicted story that shares its label (precision) and the
 * share of its labelled cluster that ended in its story (recall), each item
 * counting itself, averaged with equal weight per item; F1 is their harmonic
 * mean. Unlike pairwise counts, a large cluster does not outweigh the rest by
 * the square of its size. With no items both are 1.
 */
export function scoreBCubed(truth: readonly string[], predicted: readonly (string | number)[]): BCubedResult {
  const truthSizes = new Map<string, number>();
  const storySizes = new Map<string | number, number>();
  const overlaps = new Map<string, number>();
  const overlapKey = (i: number): string => JSON.stringify([truth[i], predicted[i]]);
  for (let i = 0; i < truth.length; i += 1) {
    const label = truth[i] ?? '';
    const story = predicted[i] ?? '';
    truthSizes.set(label, (truthSizes.get(label) ?? 0) + 1);
    storySizes.set(story, (storySizes.get(story) ?? 0) + 1);
    overlaps.set(overlapKey(i), (overlaps.get(overlapKey(i)) ?? 0) + 1);
  }
  if (truth.length === 0) return { precision: 1, recall: 1, f1: 1 };
  let precisionSum = 0;
  let recallSum = 0;
  for (let i = 0; i < truth.length; i += 1) {
    const overlap = overlaps.get(overlapKey(i)) ?? 0;
    precisionSum += overlap / (storySizes.get(predicted[i] ?? '') ?? 1);
    recallSum += overlap / (truthSizes.get(truth[i] ?? '') ?? 1);
  }
  const precision = precisionSum / truth.length;
  const recall = recallSum / truth.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
