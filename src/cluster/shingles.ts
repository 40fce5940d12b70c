import { hashInts, hashString32 } from './hash32.js';

/** Seed of the shingle hash, so a one-word shingle does not hash like the word itself. */
const SHINGLE_SEED = 0x5e1f;

/** The hash of the k words from `start`, combined from the words' own hashes (no string is built). */
export function hashShingle(wordHashes: Uint32Array, start: number, k: number): number {
  return hashInts(wordHashes, start, start + k, SHINGLE_SEED);
}

/**
 * The set of k-word shingles (every run of k consecutive words) as sorted,
 * distinct 32-bit hashes. A text shorter than k words is one shingle, so a
 * two-word text still has a set to compare.
 */
export function shingleSet(words: readonly string[], k: number): Uint32Array {
  const wordHashes = new Uint32Array(words.length);
  for (let i = 0; i < words.length; i += 1) wordHashes[i] = hashString32(words[i] ?? '');
  const count = words.length === 0 ? 0 : Math.max(1, words.length - k + 1);
  const hashes = new Uint32Array(count);
  for (let i = 0; i < count; i += 1) hashes[i] = hashShingle(wordHashes, i, Math.min(k, words.length));
  return distinctSorted(hashes.sort());
}

function distinctSorted(sorted: Uint32Array): Uint32Array {
  let n = 0;
  for (let i = 0; i < sorted.length; i += 1) {
    if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i] ?? 0;
  }
  return sorted.subarray(0, n);
}

/** |A ∩ B| of two sorted distinct sets, by one merge pass. */
export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] ?? 0;
    const y = b[j] ?? 0;
    if (x === y) {
      shared += 1;
      i += 1;
      j += 1;
    } else if (x < y) i += 1;
    else j += 1;
  }
  return shared;
}
