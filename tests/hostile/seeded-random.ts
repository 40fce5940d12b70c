/** mulberry32: a tiny seeded PRNG, so a failing run can be replayed with its seed. */
export function createRandom(seed: number): { next(): number; int(min: number, max: number): number } {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (min, max) => min + Math.floor(next() * (max - min + 1)) };
}

/** TOPICWIRE_LONG=1 selects the long forms of the reliability tests (scripts/reliability.sh). */
export const LONG = process.env.TOPICWIRE_LONG === '1';

export function seedFromEnv(fallback: number): number {
  const value = Number(process.env.TOPICWIRE_SEED);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}
