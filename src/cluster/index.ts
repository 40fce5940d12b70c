export { createNearDuplicateMatcher, compareItems, createItemIndexer } from './matcher.js';
export type { IndexedItem, NearDuplicateMatcher, NearDuplicateProbe, NearDuplicateSettings } from './matcher.js';
export { extractFeatures, type ClusterText, type ItemFeatures } from './features.js';
export { scorePair, type PairScore } from './score.js';
export { comparePairs, type PairwiseResult } from './pairwise.js';
