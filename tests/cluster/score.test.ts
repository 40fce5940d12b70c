import { describe, expect, it } from 'vitest';
import { compareItems, createNearDuplicateMatcher, type ClusterText } from '../../src/cluster/index.js';
import { readLabeledSet } from './labeled-set.js';

const labeled = new Map(readLabeledSet().map((item) => [item.id, { title: item.title, summary: item.summary, text: item.text.replace(/\n\n+/g, ' ') }]));
const byId = (id: string): ClusterText => {
  const item = labeled.get(id);
  if (item === undefined) throw new Error(`no labelled item ${id}`);
  return item;
};
const threshold = 0.4;

describe('verification score', () => {
  it('scores a retitled copy with boilerplate added, a cut-off lead and a shortened copy as the same story', () => {
    for (const copy of ['seed-digest', 'seed-aggregator', 'seed-worldbrief']) {
      expect(compareItems(byId('seed-rt'), byId(copy)).score, copy).toBeGreaterThan(0.85);
    }
  });

  it('is symmetric', () => {
    expect(compareItems(byId('seed-aggregator'), byId('seed-rt'))).toEqual(compareItems(byId('seed-rt'), byId('seed-aggregator')));
  });

  it('ignores an agency dateline that one copy keeps and another drops', () => {
    const result = compareItems(byId('nato-75-wire'), byId('nato-75-capital'));
    expect(result.lead).toBe(1);
    expect(result.score).toBeGreaterThan(0.9);
  });

  it('keeps apart two stories that end with the same stock background paragraph', () => {
    const result = compareItems(byId('odesa-wire'), byId('samara-wire'));
    expect(result.containment).toBeGreaterThan(0.4);
    expect(result.score).toBeLessThan(threshold / 2);
  });

  it('keeps apart one outlet’s template filled with another day’s numbers', () => {
    const result = compareItems(byId('wrap-0603-headlines'), byId('wrap-0604-desk'));
    expect(result.containment).toBeGreaterThan(0.6);
    expect(result.numberConflicts).toBeGreaterThan(0);
    expect(result.score).toBeLessThan(threshold);
  });

  it('keeps apart the same people on consecutive days', () => {
    for (const [a, b] of [['tour-baku-wire', 'tour-tbilisi-wire'], ['seed-rt', 'peskov-csto-rt'], ['border-deal-wire', 'border-markers-wire'], ['nato-fund-wire', 'nato-75-wire']] as const) {
      expect(compareItems(byId(a), byId(b)).score, `${a} ~ ${b}`).toBeLessThan(threshold / 1.5);
    }
  });

  it('accepts a headline’s rounded number for the body’s precise one', () => {
    const result = compareItems(byId('election-wire'), byId('election-worldbrief'));
    expect(result.numberConflicts).toBe(0);
  });

  it('gives texts of a dozen words or fewer no score', () => {
    const tiny = { title: 'Markets', summary: '', text: 'Stocks rose on Monday.' };
    expect(compareItems(tiny, tiny).score).toBe(0);
  });
});

describe('createNearDuplicateMatcher', () => {
  const matcher = createNearDuplicateMatcher({ threshold, windowHours: 72 });

  it('gives copies the index keys of the original, and an unrelated story none of them', () => {
    const keys = (id: string) => matcher.prepare(byId(id)).keys;
    const original = keys('seed-rt');
    expect(original).toHaveLength(8);
    for (const copy of ['seed-digest', 'seed-aggregator', 'seed-worldbrief']) expect(keys(copy), copy).toEqual(original);
    expect(keys('quake-ir-wire').filter((k) => original.includes(k))).toEqual([]);
  });

  it('indexes nothing for a text too short to compare', () => {
    expect(matcher.prepare({ title: 'Live updates', summary: '', text: '' }).keys).toEqual([]);
  });

  it('scores a candidate with the same verification, and converts the window to milliseconds', () => {
    expect(matcher.prepare(byId('seed-rt')).score(byId('seed-digest'))).toBe(compareItems(byId('seed-rt'), byId('seed-digest')).score);
    expect(matcher.windowMs).toBe(72 * 3_600_000);
  });
});
