import { describe, expect, it } from 'vitest';
import { scoreBCubed } from '../../src/cluster/index.js';

describe('scoreBCubed', () => {
  it('reproduces Bagga & Baldwin’s example of joining a cluster of two into one of five', () => {
    // Truth {1–5}, {6, 7}, {8–12}; the response joins the last two: precision 16/21, recall 1.
    const truth = ['A', 'A', 'A', 'A', 'A', 'B', 'B', 'C', 'C', 'C', 'C', 'C'];
    const predicted = [1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2];
    const result = scoreBCubed(truth, predicted);
    expect(result.precision).toBeCloseTo(16 / 21, 10);
    expect(result.recall).toBe(1);
    expect(result.f1).toBeCloseTo((2 * (16 / 21)) / (16 / 21 + 1), 10);
  });

  it('averages per item, each item counting itself', () => {
    const result = scoreBCubed(['a', 'a', 'a', 'b'], [1, 1, 2, 2]);
    expect(result.precision).toBeCloseTo((1 + 1 + 0.5 + 0.5) / 4, 10);
    expect(result.recall).toBeCloseTo((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4, 10);
  });

  it('gives singletons full precision and one big story full recall', () => {
    const truth = ['a', 'a', 'b', 'c'];
    expect(scoreBCubed(truth, [1, 2, 3, 4])).toMatchObject({ precision: 1, recall: (0.5 + 0.5 + 1 + 1) / 4 });
    expect(scoreBCubed(truth, [7, 7, 7, 7])).toMatchObject({ recall: 1, precision: (2 + 2 + 1 + 1) / 16 });
  });

  it('keeps story 1 and story "1" apart, as comparePairs does', () => {
    expect(scoreBCubed(['a', 'a'], [1, '1'])).toMatchObject({ precision: 1, recall: 0.5 });
  });

  it('calls an empty set perfect', () => {
    expect(scoreBCubed([], [])).toEqual({ precision: 1, recall: 1, f1: 1 });
  });
});
