import { hashInts, makeSeeds, mix32 } from './hash32.js';

/**
 * MinHash (Broder 1997): for each of `count` hash functions, the smallest
 * hash over a shingle set. Two sets agree on one position with probability
 * equal to their Jaccard similarity.
 */
export function createMinHasher(count: number, seed: number): (shingles: Uint32Array) => Uint32Array {
  const seeds = makeSeeds(count, seed);
  return (shingles) => {
    const signature = new Uint32Array(count);
    for (let i = 0; i < count; i += 1) {
      const seed = seeds[i] ?? 0;
      let min = 0xffffffff;
      for (let j = 0; j < shingles.length; j += 1) {
        const value = mix32((shingles[j] ?? 0) ^ seed);
        if (value < min) min = value;
      }
      signature[i] = min;
    }
    return signature;
  };
}

/**
 * Locality-sensitive hashing by banding (Leskovec, Rajaraman, Ullman,
 * "Mining of Massive Datasets", §3.4): the signature cut into bands of
 * `rows` values, each band hashed to one key. Two sets share at least one
 * key with probability 1 − (1 − J^rows)^bands, so only likely near-duplicates
 * meet in the index. Keys are band number × 2^32 + band hash, distinct per
 * band and safe JavaScript (and SQLite) integers.
 */
export function bandKeys(signature: Uint32Array, rows: number, firstBand: number): number[] {
  const keys: number[] = [];
  for (let start = 0, band = firstBand; start + rows <= signature.length; start += rows, band += 1) {
    keys.push(band * 2 ** 32 + hashInts(signature, start, start + rows, band));
  }
  return keys;
}
