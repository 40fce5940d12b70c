export { createNearDuplicateMatcher, compareItems, createItemIndexer } from './matcher.js';
export type { IndexedItem, NearDuplicateMatcher, NearDuplicateProbe, NearDuplicateSettings } from './matcher.js';
export { extractFeatures, type ClusterText, type ItemFeatures } from './features.js';
export { scorePair, type PairScore } from './score.js';
export { comparePairs, comparePairsByLanguage, findMergesAcross } from './pairwise.js';
export type { GroupMerges, PairFilter, PairwiseByLanguage, PairwiseResult } from './pairwise.js';
export { scoreBCubed, type BCubedResult } from './bcubed.js';
