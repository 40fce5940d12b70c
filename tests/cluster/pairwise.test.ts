import { describe, expect, it } from 'vitest';
import { comparePairs, comparePairsByLanguage, findMergesAcross } from '../../src/cluster/index.js';

describe('comparePairs', () => {
  it('counts every unordered pair once', () => {
    const result = comparePairs(['a', 'a', 'a', 'b'], [1, 1, 2, 2]);
    expect(result).toMatchObject({ truePositives: 1, falsePositives: 1, falseNegatives: 2 });
    expect(result.precision).toBe(0.5);
    expect(result.recall).toBeCloseTo(1 / 3);
  });

  it('calls a clustering that merges nothing precise', () => {
    expect(comparePairs(['a', 'a'], [1, 2])).toMatchObject({ precision: 1, recall: 0, f1: 0 });
  });

  it('counts only the pairs the filter keeps', () => {
    const result = comparePairs(['a', 'a', 'a', 'b'], [1, 1, 2, 2], (i, j) => i === 0 || j === 3);
    // Kept: (0,1) found, (0,2) missed, (0,3) apart, (1,3) apart, (2,3) wrongly merged.
    expect(result).toMatchObject({ truePositives: 1, falsePositives: 1, falseNegatives: 1 });
  });
});

describe('comparePairsByLanguage', () => {
  it('splits pairs into those in one language and those across two', () => {
    const result = comparePairsByLanguage(['a', 'a', 'b', 'b'], [1, 2, 3, 3], ['en', 'ru', 'en', 'ru']);
    expect(result.overall).toMatchObject({ truePositives: 1, falsePositives: 0, falseNegatives: 1 });
    expect(result.withinLanguage).toMatchObject({ truePositives: 0, falsePositives: 0, falseNegatives: 0, precision: 1, recall: 1 });
    expect(result.acrossLanguages).toMatchObject({ truePositives: 1, falseNegatives: 1, precision: 1, recall: 0.5 });
  });

  it('takes a region or a capital letter as the same language', () => {
    const result = comparePairsByLanguage(['a', 'a', 'a'], [1, 1, 2], ['pt-BR', 'PT', 'pt']);
    expect(result.withinLanguage).toMatchObject({ truePositives: 1, falseNegatives: 2 });
    expect(result.acrossLanguages).toMatchObject({ truePositives: 0, falsePositives: 0, falseNegatives: 0 });
  });

  it('counts a wrong merge across languages against cross-language precision only', () => {
    const result = comparePairsByLanguage(['a', 'b'], [1, 1], ['de', 'fr']);
    expect(result.acrossLanguages.precision).toBe(0);
    expect(result.withinLanguage.precision).toBe(1);
  });
});

describe('findMergesAcross', () => {
  it('reports the merges between different clusters of the group and ignores the rest', () => {
    const truth = ['x', 'x', 'y', 'z', 'y'];
    const predicted = [1, 2, 1, 1, 3];
    // Pairs across x and y: (0,2) merged, (0,4), (1,2), (1,4); z is not in the group, x with x is one cluster.
    expect(findMergesAcross(truth, predicted, ['x', 'y'])).toEqual({ pairs: 4, merged: [[0, 2]] });
  });

  it('finds nothing to merge in a group whose clusters have no items', () => {
    expect(findMergesAcross(['x', 'x'], [1, 1], ['y', 'z'])).toEqual({ pairs: 0, merged: [] });
  });
});
