import { beforeAll, describe, expect, it } from 'vitest';
import type { PairwiseResult } from '../../src/cluster/index.js';
import { parseConfig } from '../../src/config/parse-config.js';
import { comparePairsByLanguage, findMergesAcross, type PairwiseByLanguage } from '../../src/cluster/index.js';
import { findEquivalences } from '../../src/topics/index.js';
import { clusterLabeledSet, evaluateLabeledSet, readEventSet, readLabeledSet, toLabeledItem } from './labeled-set.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../support/cli.js';

const items = readLabeledSet();
const eventSet = readEventSet();
const events = eventSet.items.map(toLabeledItem);
const defaults = parseConfig(JSON.stringify({ sources: [], topics: [] }), '/tmp/config.json').dedup;
const settings = { threshold: defaults.threshold, windowHours: defaults.windowHours };
const define = (JSON.parse(readFileSync(path.join(repoRoot, 'config.json'), 'utf8')) as { define: Record<string, string> }).define;
const withEvents = { copies: settings, events: { threshold: defaults.eventThreshold, windowHours: defaults.eventWindowHours, equivalences: findEquivalences(define) } };

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

describe('event clustering through the real ingest path, with the defaults (issue 14)', () => {
  let copies: PairwiseByLanguage;
  let reports: PairwiseByLanguage;
  let stories: number[];
  beforeAll(async () => {
    copies = comparePairsByLanguage(items.map((i) => i.cluster), await clusterLabeledSet(items, withEvents), items.map(() => 'en'));
    stories = await clusterLabeledSet(events, withEvents);
    reports = comparePairsByLanguage(events.map((i) => i.cluster), stories, events.map((i) => i.lang ?? ''));
  });

  it('joins independently written reports of one event: recall 0.8 or more in one language, 0.5 or more across languages', () => {
    expect(reports.withinLanguage.recall).toBeGreaterThanOrEqual(0.8);
    expect(reports.acrossLanguages.recall).toBeGreaterThanOrEqual(0.5);
  });

  it('never merges two events: precision 0.98 or more, and no hard-negative group merged', () => {
    expect(reports.overall.precision).toBeGreaterThanOrEqual(0.98);
    const truth = events.map((i) => i.cluster);
    for (const group of eventSet.hardNegatives) expect(findMergesAcross(truth, stories, group.clusters).merged, group.kind).toEqual([]);
  });

  it('keeps the copy set as copy clustering alone has it: precision 1, recall 0.824 or more', () => {
    expect(copies.overall.precision).toBe(1);
    expect(copies.overall.recall).toBeGreaterThanOrEqual(0.824);
  });
});
