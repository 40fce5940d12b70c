import { beforeAll, describe, expect, it } from 'vitest';
import { comparePairs, type PairwiseResult } from '../../src/cluster/index.js';
import { parseConfig } from '../../src/config/parse-config.js';
import { evaluateLabeledSet, readLabeledSet } from './labeled-set.js';

const items = readLabeledSet();
const defaults = parseConfig(JSON.stringify({ sources: [], topics: [] }), '/tmp/config.json').dedup;

describe('the labelled near-duplicate set', () => {
  it('has at least 60 items, multi-source stories and hard negatives', () => {
    expect(items.length).toBeGreaterThanOrEqual(60);
    const clusters = new Map<string, Set<string>>();
    for (const item of items) clusters.set(item.cluster, (clusters.get(item.cluster) ?? new Set()).add(item.source));
    expect([...clusters.values()].filter((sources) => sources.size >= 3).length).toBeGreaterThanOrEqual(10);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
  });
});

describe('near-duplicate clustering through the real ingest path', () => {
  let exactOnly: PairwiseResult;
  let clustered: PairwiseResult;
  beforeAll(async () => {
    exactOnly = await evaluateLabeledSet(items, undefined);
    clustered = await evaluateLabeledSet(items, { threshold: defaults.threshold, windowHours: defaults.windowHours });
  });

  it(`keeps pairwise precision at 0.98 or more with the default threshold (${defaults.threshold})`, () => {
    expect(clustered.precision).toBeGreaterThanOrEqual(0.98);
  });

  it('finds most copies the exact rules miss', () => {
    expect(exactOnly.recall).toBeLessThan(0.2);
    expect(clustered.recall).toBeGreaterThanOrEqual(0.8);
  });
});

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
});
