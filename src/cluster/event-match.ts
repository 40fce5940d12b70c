import { extractEventFeatures, type Equivalence, type EventFeatures, type EventText, type WordCache } from './event-features.js';
import { hashString32 } from './hash32.js';
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

/**
 * An item with fewer distinct terms than this ("Story 3 from Baku", a bare
 * headline) says too little to tell its event from another on the same
 * subject: it joins only by the copy rules, and is neither indexed nor
 * compared.
 */
export const MIN_EVENT_TERMS = 8;

/** Whether an item says enough to be compared as a report of an event. */
export function hasEventEvidence(features: EventFeatures): boolean {
  return features.terms.size >= MIN_EVENT_TERMS;
}

/** The keys an item is indexed under and looks its candidates up by (none for an item without enough evidence). */
export function eventKeysOf(features: EventFeatures): string[] {
  if (!hasEventEvidence(features)) return [];
  const terms = [...features.terms]
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
  if (!hasEventEvidence(item)) return undefined;
  for (const candidate of candidates) {
    if (candidate.members.length === 0 || candidate.sources.includes(source)) continue;
    if (!isInWindow(item, candidate.members, settings.windowHours)) continue;
    const evidence = scoreEvent(item, candidate.members, settings.scoring ?? DEFAULT_SCORING);
    if (evidence.score >= settings.threshold && (best === undefined || evidence.score > best.evidence.score)) best = { storyId: candidate.storyId, evidence };
  }
  return best;
}

/** A stored report as the event matcher reads it: its id, outlet and evidence JSON. */
export interface StoredReport {
  id: number;
  sourceId: string;
  features: string;
}

/** An item's evidence (JSON, as stored), its keys (32-bit hashes) and its time (hours since the epoch). */
export interface PreparedEvent {
  features: string;
  keys: number[];
  at: number;
}

/**
 * Works out items' event evidence and keys. It needs only the config's
 * equivalences, not the store, so a reader thread does it while it reads a
 * body (src/update/read-feed.ts), off the thread that stores.
 */
export function createEventPreparer(equivalences: readonly Equivalence[]): (item: EventText) => PreparedEvent {
  const words: WordCache = new Map();
  return (item) => {
    const features = extractEventFeatures(item, equivalences, words);
    return { features: serializeEventFeatures(features), keys: hashEventKeys(eventKeysOf(features)), at: features.hour };
  };
}

/** Event clustering as ingest uses it: an item's evidence and keys, then the choice among candidate stories. */
export interface EventMatcher {
  windowHours: number;
  threshold: number;
  prepare(item: EventText): PreparedEvent;
  /** The story `features` (an item's, from prepare) joins, with the report that matched best, if any. */
  choose(features: string, stories: readonly { storyId: number; members: readonly StoredReport[] }[]): { storyId: number; matched: number; score: number } | undefined;
}

export interface EventMatcherSettings extends EventSettings {
  equivalences?: readonly Equivalence[];
}

/** The event index stores keys as 32-bit hashes: one integer column, and a collision only adds a candidate to score. */
export function hashEventKeys(keys: readonly string[]): number[] {
  return [...new Set(keys.map(hashString32))];
}

/**
 * Parsed evidence of this many recent reports is kept: the candidates of one
 * item are mostly the candidates of the next (the same day's stories).
 */
const CACHED_REPORTS = 4096;

export function createEventMatcher(settings: EventMatcherSettings): EventMatcher {
  const cache = new Map<number, { json: string; features: EventFeatures | undefined }>();
  const reportOf = (report: StoredReport): EventFeatures | undefined => {
    const known = cache.get(report.id);
    if (known !== undefined && known.json === report.features) return known.features;
    const features = parseEventFeatures(report.features);
    if (cache.size >= CACHED_REPORTS) cache.delete(cache.keys().next().value ?? 0);
    cache.set(report.id, { json: report.features, features });
    return features;
  };
  return {
    windowHours: settings.windowHours,
    threshold: settings.threshold,
    prepare: createEventPreparer(settings.equivalences ?? []),
    choose(features, stories) {
      const item = parseEventFeatures(features);
      if (item === undefined) return undefined;
      const candidates = stories.map((story) => {
        const reports = story.members.flatMap((m) => {
          const parsed = reportOf(m);
          return parsed ? [{ report: m, features: parsed }] : [];
        });
        return { storyId: story.storyId, reports, members: reports.map((r) => r.features), sources: [] as string[] };
      });
      const choice = chooseEvent(item, '', candidates, settings);
      if (choice === undefined) return undefined;
      const chosen = candidates.find((c) => c.storyId === choice.storyId);
      // The report named as matched: the one closest to the item on its own.
      let matched = chosen?.reports[0]?.report.id ?? 0;
      let best = -1;
      for (const r of chosen?.reports ?? []) {
        const score = scoreEvent(item, [r.features], settings.scoring ?? DEFAULT_SCORING).score;
        if (score > best) [best, matched] = [score, r.report.id];
      }
      return { storyId: choice.storyId, matched, score: choice.evidence.score };
    },
  };
}

/** Evidence as stored: JSON, the terms an object of term → weight. */
type StoredEventFeatures = Omit<EventFeatures, 'terms'> & { terms: Record<string, number> };

/** The stored form of an item's evidence (parseEventFeatures reads it back). */
export function serializeEventFeatures(features: EventFeatures): string {
  // Written field by field, the terms straight from their Map: the same bytes as
  // JSON.stringify of a StoredEventFeatures (the stored format), without building an
  // object of 60 keys of its own per item (a dictionary in V8, slow to fill and to walk).
  const { hour, lang, terms, names, nameWeights, heads, numbers, tallies, days, ...unwritten } = features;
  // A field added to EventFeatures fails to compile here until it is written too.
  void (unwritten satisfies Record<string, never>);
  const json = JSON.stringify;
  const termsJson = [...terms].map(([term, weight]) => `${json(term)}:${json(weight)}`).join(',');
  return `{"hour":${json(hour)},"lang":${json(lang)},"terms":{${termsJson}},"names":${json(names)},"nameWeights":${json(nameWeights)},"heads":${json(heads)},"numbers":${json(numbers)},"tallies":${json(tallies)},"days":${json(days)}}`;
}

/** Stored evidence read back; undefined for a value this version cannot read (written by another version). */
export function parseEventFeatures(json: string): EventFeatures | undefined {
  try {
    const value = JSON.parse(json) as Partial<StoredEventFeatures>;
    if (typeof value.hour !== 'number' || typeof value.terms !== 'object' || value.terms === null || !Array.isArray(value.names) || !Array.isArray(value.nameWeights)) return undefined;
    return {
      hour: value.hour,
      lang: value.lang ?? '',
      terms: new Map(Object.entries(value.terms)),
      names: value.names,
      nameWeights: value.nameWeights,
      heads: value.heads ?? [],
      numbers: value.numbers ?? [],
      tallies: value.tallies ?? [],
      days: value.days ?? [],
    };
  } catch {
    return undefined;
  }
}
