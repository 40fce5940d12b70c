import { beforeAll, describe, expect, it } from 'vitest';
import type { PairwiseResult } from '../../src/cluster/index.js';
import { parseConfig } from '../../src/config/parse-config.js';
import { evaluateLabeledSet, readEventSet, readLabeledSet, toLabeledItem } from './labeled-set.js';

const items = readLabeledSet();
const events = readEventSet().items.map(toLabeledItem);
const defaults = parseConfig(JSON.stringify({ sources: [], topics: [] }), '/tmp/config.json').dedup;
const settings = { threshold: defaults.threshold, windowHours: defaults.windowHours };

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
  let clusteredEvents: PairwiseResult;
  beforeAll(async () => {
    exactOnly = await evaluateLabeledSet(items, undefined);
    clustered = await evaluateLabeledSet(items, settings);
    clusteredEvents = await evaluateLabeledSet(events, settings);
  });

  it(`keeps pairwise precision at 0.98 or more with the default threshold (${defaults.threshold})`, () => {
    expect(clustered.precision).toBeGreaterThanOrEqual(0.98);
  });

  // Recall on events is the next step's target (issue 14), not asserted here.
  it('keeps pairwise precision at 0.98 or more on real reports of different events', () => {
    expect(clusteredEvents.precision).toBeGreaterThanOrEqual(0.98);
  });

  it('finds most copies the exact rules miss', () => {
    expect(exactOnly.recall).toBeLessThan(0.2);
    expect(clustered.recall).toBeGreaterThanOrEqual(0.8);
  });
});
