import { describe, expect, it } from 'vitest';
import { hashString32, makeSeeds, mix32 } from '../../src/cluster/hash32.js';
import { bandKeys, createMinHasher } from '../../src/cluster/minhash.js';
import { hashShingle, intersectionSize, shingleSet } from '../../src/cluster/shingles.js';
import { toWords } from '../../src/cluster/words.js';

const words = (n: number, prefix: string): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('toWords', () => {
  it('folds case and accents and splits at anything not a letter or digit, in any script', () => {
    expect(toWords('NATO’s “Cáucaso” push — Южный Кавказ, 2024!')).toEqual(['nato', 's', 'caucaso', 'push', 'южныи', 'кавказ', '2024']);
    expect(toWords(' … ')).toEqual([]);
  });
});

describe('shingleSet', () => {
  it('is the sorted distinct hashes of every run of k words', () => {
    const set = shingleSet(['a', 'b', 'c', 'a', 'b', 'c'], 3);
    expect(set.length).toBe(3);
    expect([...set]).toEqual([...set].sort((x, y) => x - y));
    const hash = (text: string) => hashShingle(Uint32Array.from(text.split(' '), hashString32), 0, 3);
    expect(new Set(set)).toEqual(new Set(['a b c', 'b c a', 'c a b'].map(hash)));
  });

  it('makes a text shorter than k one shingle, and an empty text none', () => {
    expect([...shingleSet(['x', 'y'], 3)]).toEqual([hashShingle(Uint32Array.from(['x', 'y'], hashString32), 0, 2)]);
    expect(shingleSet([], 3).length).toBe(0);
  });

  it('counts the intersection of two sorted sets', () => {
    const a = shingleSet(words(40, 'w'), 3);
    const b = shingleSet([...words(20, 'w'), ...words(20, 'v')], 3);
    expect(intersectionSize(a, b)).toBe(18);
    expect(intersectionSize(a, a)).toBe(a.length);
    expect(intersectionSize(a, new Uint32Array())).toBe(0);
  });
});

describe('MinHash and LSH bands', () => {
  it('mix32 is a bijection on a sample and the seeds are fixed', () => {
    const outputs = new Set(Array.from({ length: 10_000 }, (_, i) => mix32(i)));
    expect(outputs.size).toBe(10_000);
    expect([...makeSeeds(3, 1)]).toEqual([...makeSeeds(3, 1)]);
    expect(makeSeeds(3, 1)).not.toEqual(makeSeeds(3, 2));
  });

  it('estimates Jaccard similarity: the share of equal positions is close to |A∩B| / |A∪B|', () => {
    const minhash = createMinHasher(256, 42);
    const a = shingleSet(words(300, 'w'), 1);
    const b = shingleSet([...words(200, 'w'), ...words(100, 'v')], 1);
    const [sa, sb] = [minhash(a), minhash(b)];
    const equal = sa.filter((value, i) => value === sb[i]).length / sa.length;
    expect(equal).toBeGreaterThan(0.5 - 0.12);
    expect(equal).toBeLessThan(0.5 + 0.12);
  });

  it('gives identical sets identical keys, and each band its own key range', () => {
    const minhash = createMinHasher(12, 7);
    const set = shingleSet(words(50, 'w'), 3);
    const keys = bandKeys(minhash(set), 3, 10);
    expect(keys).toHaveLength(4);
    expect(keys).toEqual(bandKeys(minhash(shingleSet(words(50, 'w'), 3)), 3, 10));
    expect(keys.map((k) => Math.floor(k / 2 ** 32))).toEqual([10, 11, 12, 13]);
    expect(keys.every((k) => Number.isSafeInteger(k))).toBe(true);
  });

  it('lets unrelated texts share no key', () => {
    const minhash = createMinHasher(30, 7);
    const a = bandKeys(minhash(shingleSet(words(100, 'a'), 3)), 3, 0);
    const b = bandKeys(minhash(shingleSet(words(100, 'b'), 3)), 3, 0);
    expect(a.filter((k) => b.includes(k))).toEqual([]);
  });
});
