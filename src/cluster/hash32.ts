/** FNV-1a over UTF-16 code units: a fast, well-spread 32-bit hash of a shingle's text. */
export function hashString32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * MurmurHash3's finaliser: a bijection on 32-bit integers that spreads every
 * input bit over the output, so x ↦ mix32(x ^ seed) behaves like a random
 * permutation per seed — what MinHash needs of its hash family.
 */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Combines integers into one 32-bit hash (order matters). */
export function hashInts(values: Uint32Array, start: number, end: number, seed: number): number {
  let hash = mix32(seed);
  for (let i = start; i < end; i += 1) hash = mix32((hash ^ (values[i] ?? 0)) + 0x9e3779b9);
  return hash;
}

/** Deterministic pseudo-random seeds (splitmix32), so every instance computes the same signatures. */
export function makeSeeds(count: number, seed: number): Uint32Array {
  const seeds = new Uint32Array(count);
  let state = seed >>> 0;
  for (let i = 0; i < count; i += 1) {
    state = (state + 0x9e3779b9) >>> 0;
    seeds[i] = mix32(state);
  }
  return seeds;
}
