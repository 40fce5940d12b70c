import type { EventFeatures } from './event-features.js';
import { DEFAULT_SCORING, scoreEvent, type EventEvidence, type EventScoring } from './event-score.js';

export interface EventSettings {
  /** An item joins the best story scoring at least this, in (0, 1]. */
  threshold: number;
  /** A story is a candidate while the item lies within this many hours of every one of its reports. */
  windowHours: number;
  scoring?: EventScoring;
}

/** A story the index found for an item: its reports' features and outlets. */
export interface EventCandidate<Id> {
  storyId: Id;
  members: readonly EventFeatures[];
  sources: readonly string[];
}

export interface EventChoice<Id> {
  storyId: Id;
  evidence: EventEvidence;
}

/** Index keys: the item's names, its heaviest terms, numbers and tallies — what another report of the event shares. */
export const INDEXED_TERMS = 12;

/** The keys an item is indexed under and looks its candidates up by. */
export function eventKeysOf(features: EventFeatures): string[] {
  const terms = Object.entries(features.terms)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, INDEXED_TERMS)
    .map(([t]) => `t:${t}`);
  return [...new Set([...features.names.map((n) => `n:${n}`), ...terms, ...features.numbers.map((n) => `#:${n}`), ...features.tallies.map((t) => `#:${t}`)])];
}

/** Whether a story's reports all lie within the window of the item (so a story cannot drift along a chain of days). */
export function isInWindow(item: EventFeatures, members: readonly EventFeatures[], windowHours: number): boolean {
  return members.every((m) => Math.abs(m.hour - item.hour) <= windowHours);
}

/**
 * The story an item joins: the best-scoring candidate at or above the
 * threshold, within the window, and without a report from the item's own
 * outlet (one outlet's items are its own different stories, however alike
 * its templates make them).
 */
export function chooseEvent<Id>(item: EventFeatures, source: string, candidates: readonly EventCandidate<Id>[], settings: EventSettings): EventChoice<Id> | undefined {
  let best: EventChoice<Id> | undefined;
  for (const candidate of candidates) {
    if (candidate.members.length === 0 || candidate.sources.includes(source)) continue;
    if (!isInWindow(item, candidate.members, settings.windowHours)) continue;
    const evidence = scoreEvent(item, candidate.members, settings.scoring ?? DEFAULT_SCORING);
    if (evidence.score >= settings.threshold && (best === undefined || evidence.score > best.evidence.score)) best = { storyId: candidate.storyId, evidence };
  }
  return best;
}
