import type { NormalizedItem } from '../model.js';

/**
 * The constants and predicates of README "How duplicates are recognised"
 * that the decision (decide.ts) and its lookup share.
 */

/**
 * A canonical link identifies a story only when it points at something more
 * specific than a site's home page: feeds that link every item to "/" must not
 * collapse into one story.
 */
export function isStoryLink(canonicalLink: string | null): canonicalLink is string {
  if (canonicalLink === null) return false;
  const url = new URL(canonicalLink);
  return url.pathname.length > 1 || url.search.length > 1;
}

/** A fingerprint of an untitled item says nothing about which story it is. */
export function isStoryFingerprint(item: Pick<NormalizedItem, 'title'>): boolean {
  return item.title.trim().length > 0;
}

/**
 * A candidate must share at least this many keys. One shared band is what
 * chance gives texts that merely use the same words; copies share most bands
 * and rewrites several, so asking for two removes most verification work.
 */
export const MIN_SHARED_KEYS = 2;
/** Candidates sharing the most keys are verified first, and at most this many. */
export const MAX_CANDIDATES = 5;
/**
 * A key that more than this many items in the window share says nothing
 * (texts built from a tiny vocabulary, a feed's fixed boilerplate lead): it is
 * skipped, as LSH skips overfull buckets, which also bounds the work of one lookup.
 */
export const CROWDED_KEY = 64;

/** The band index stores times in minutes since the epoch: fine enough for a window of hours, and small. */
const MINUTE = 60_000;

/** Where an item sits in the window: its date, else when it was first seen (`now`). */
export function windowTime(item: Pick<NormalizedItem, 'publishedAt'>, now: string): number {
  const time = Date.parse(item.publishedAt ?? now);
  return Math.floor((Number.isNaN(time) ? Date.parse(now) : time) / MINUTE);
}

/** The window's half-width in index minutes. */
export function windowMinutes(windowMs: number): number {
  return Math.ceil(windowMs / MINUTE);
}
