import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';
import { ConfigError } from '../../src/errors.js';

const base = { sources: [{ id: 'rt', url: 'rt.xml' }], topics: [{ id: 'nato', title: 'NATO', query: 'nato' }] };
const parse = (dedup?: unknown) => parseConfig(JSON.stringify(dedup === undefined ? base : { ...base, dedup }), '/srv/config.json');
const problemsOf = (dedup: unknown): string[] => {
  try {
    parse(dedup);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
  return [];
};

describe('config.json "dedup"', () => {
  it('clusters near-duplicates by default, at score 0.4, within 72 hours', () => {
    expect(parse().dedup).toEqual({ nearDuplicates: true, threshold: 0.4, windowHours: 72, events: true, eventThreshold: 0.2, eventWindowHours: 48 });
    expect(parse({ windowHours: 24 }).dedup).toEqual({ nearDuplicates: true, threshold: 0.4, windowHours: 24, events: true, eventThreshold: 0.2, eventWindowHours: 48 });
  });

  it('can be switched off', () => {
    expect(parse({ nearDuplicates: false }).dedup.nearDuplicates).toBe(false);
  });

  it('reports a threshold outside (0, 1], a window that is not positive, and unknown keys', () => {
    expect(problemsOf({ threshold: 0 })).toEqual(['dedup.threshold: Too small: expected number to be >0']);
    expect(problemsOf({ threshold: 1.5 })).toEqual(['dedup.threshold: Too big: expected number to be <=1']);
    expect(problemsOf({ windowHours: -1 })).toEqual(['dedup.windowHours: Too small: expected number to be >0']);
    expect(problemsOf({ treshold: 0.5 })).toEqual(['dedup: unknown key "treshold"']);
  });
});
