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

/**
 * A fingerprint merges only an item with a title whose title and lead are
 * evidence of a story (the parser leaves it empty otherwise, see
 * fingerprintStory): no merge of empty, symbol-only or generic headlines.
 */
export function isStoryFingerprint(item: Pick<NormalizedItem, 'title' | 'fingerprint'>): boolean {
  return item.fingerprint !== '' && item.title.trim().length > 0;
}

/**
 * Whether a stored item sharing an incoming item's canonical link is the same
 * story. The canonical form drops the fragment, so that another outlet's link
 * with "#comments" finds the story; but a source's own items under one page's
 * different #anchors (a weblog's day page, one post per anchor) are its own
 * distinct posts.
 */
export function isSameLinkStory(stored: { sourceId: string; link: string | null }, item: { sourceId: string; link: string | null }): boolean {
  return stored.sourceId !== item.sourceId || fragmentOf(stored.link) === fragmentOf(item.link);
}

function fragmentOf(link: string | null): string {
  const at = link?.indexOf('#') ?? -1;
  return link === null || at < 0 ? '' : link.slice(at);
}

/** How many stored items sharing a canonical link the store returns: enough to pass a source's own other anchors. */
export const MAX_LINK_MATCHES = 16;

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

/*
 * The event index (src/cluster/event-*.ts, README "Stories: one entry per
 * event"). A report is compared with at most EVENT_CANDIDATES stories, each
 * through at most EVENT_MEMBERS of its reports, found through keys that at
 * most EVENT_CROWDED reports in the window share: the work per item is
 * bounded whatever the store holds.
 */
/** A candidate story shares at least this many of an item's keys (names, heavy terms, counts): one is chance. */
export const EVENT_MIN_SHARED = 2;
export const EVENT_CANDIDATES = 8;
/** A story's centroid is made of its first reports: the event's own words, before later ones drift. */
export const EVENT_MEMBERS = 12;
export const EVENT_CROWDED = 64;

/** Where an item sits in the event window: hours since the epoch of its date, else of `now`. */
export function eventTime(item: Pick<NormalizedItem, 'publishedAt'>, now: string): number {
  return Math.floor(windowTime(item, now) / 60);
}
