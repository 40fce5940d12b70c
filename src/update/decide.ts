import type { NormalizedItem } from '../model.js';
import type {
  BatchLookup,
  BatchState,
  EventStory,
  IndexBand,
  IndexBands,
  IndexEvents,
  IngestCounts,
  ItemIntent,
  ItemRef,
  JoinReason,
  NearCandidate,
  StoredMatch,
  StoryRef,
} from '../update-model.js';
import { CROWDED_KEY, EVENT_CANDIDATES, EVENT_CROWDED, EVENT_MEMBERS, EVENT_MIN_SHARED, isSameLinkStory, isStoryFingerprint, isStoryLink, MAX_CANDIDATES, MAX_LINK_MATCHES, MIN_SHARED_KEYS, windowTime } from './dedup-rules.js';

/** What the decision reads of an incoming item. */
export type DecisionItem = Pick<NormalizedItem, 'sourceId' | 'identityKey' | 'contentHash' | 'link' | 'canonicalLink' | 'fingerprint' | 'title' | 'publishedAt'>;

/** Near-duplicate clustering as the decision uses it (config.json "dedup", when on). */
export interface NearDuplicatePolicy {
  /** A candidate joins when its score is at least this. */
  threshold: number;
  /** Only items dated within this many minutes either side are compared. */
  windowMinutes: number;
  /** Per item (same order as the batch), its band keys. */
  keys: readonly (readonly number[])[];
  /** The verified score of item `index` against a candidate, in [0, 1]: a pure function of the two texts. */
  score(index: number, candidate: NearCandidate): number;
}

/** Event clustering as the decision uses it (config.json "dedup" with "events" on). */
export interface EventPolicy {
  /** A story is a candidate while the item lies within this many hours of its reports. */
  windowHours: number;
  /** Per item (same order as the batch), its event keys, time and evidence. */
  entries: readonly IndexEvents[];
  /**
   * The story item `index` joins among the candidates, with the report it
   * matched best and the score, if any reaches the threshold: a pure
   * function of the item's evidence and the candidates'.
   */
  choose(index: number, stories: readonly EventStory[]): { storyId: number; matched: number; score: number } | undefined;
}

export interface BatchInput {
  items: readonly DecisionItem[];
  /** When the batch is stored (ISO 8601): an undated item sits there in the window. */
  now: string;
  nearDuplicates?: NearDuplicatePolicy | undefined;
  events?: EventPolicy | undefined;
}

export interface Decision {
  intents: ItemIntent[];
  counts: IngestCounts;
}

/** What `decide` needs the store to look up for this batch. */
export function describeLookup(input: BatchInput, recentItems?: BatchLookup['recentItems']): BatchLookup {
  const policy = input.nearDuplicates;
  const events = input.events;
  return {
    items: input.items.map((item, index) => {
      const keys = policy?.keys[index];
      const entry = events?.entries[index];
      const at = windowTime(item, input.now);
      return {
        sourceId: item.sourceId,
        identityKey: item.identityKey,
        contentHash: item.contentHash,
        storyLink: isStoryLink(item.canonicalLink) ? item.canonicalLink : null,
        storyFingerprint: isStoryFingerprint(item) ? item.fingerprint : null,
        ...(policy && keys
          ? { bands: { keys, from: at - policy.windowMinutes, to: at + policy.windowMinutes, minShared: Math.min(MIN_SHARED_KEYS, keys.length) } }
          : {}),
        ...(events && entry && entry.keys.length > 0
          ? {
              events: {
                keys: entry.keys,
                from: entry.at - events.windowHours,
                to: entry.at + events.windowHours,
                minShared: Math.min(EVENT_MIN_SHARED, entry.keys.length),
                stories: EVENT_CANDIDATES,
                members: EVENT_MEMBERS,
              },
            }
          : {}),
      };
    }),
    crowdedAbove: CROWDED_KEY,
    ...(events ? { eventCrowdedAbove: EVENT_CROWDED } : {}),
    linkMatches: MAX_LINK_MATCHES,
    ...(recentItems ? { recentItems } : {}),
  };
}

/**
 * The dedup policy (README "How duplicates are recognised") as a pure
 * function from the incoming items and what the store holds for them to what
 * to write. Items are decided in order, each seeing the decisions on the
 * items before it: a row an earlier item inserted or rewrote is matched by
 * identity, link and fingerprint, its band keys count toward crowded keys,
 * and a story an earlier item of a source joined is closed to that source's
 * near-duplicates.
 *
 * 1. Same source and identity key as a stored (or earlier) row: unchanged
 *    when the content hash is the same, else updated in place, in its story.
 * 2. Else a tombstoned identity: only its tombstone is touched.
 * 3. Else the row with the lowest id sharing its canonical link (not a home
 *    page; of its own source, only under the same #fragment), then its
 *    fingerprint (titled items with evidence only): it joins that story.
 * 4. Else, with clustering on, the best-scoring near-duplicate at or above
 *    the threshold among the candidates sharing the most band keys (at most
 *    MAX_CANDIDATES verified; none of its own source, none in a story its
 *    source is in): it joins that story.
 * 5. Else, with event clustering on, the best-scoring story of other
 *    sources that its event keys found (src/cluster/event-match.ts), at or
 *    above the event threshold, within the window: it joins that story as
 *    another report of the event.
 * 6. Else it starts a story of its own.
 *
 * With event clustering on, every item stored or updated (but a fingerprint
 * copy, whose evidence is its original's) carries its evidence and keys to
 * the write.
 */
export function decide(input: BatchInput, state: BatchState): Decision {
  const view = createBatchView(input, state);
  const counts: IngestCounts = { new: 0, updated: 0, duplicate: 0, unchanged: 0, tombstoned: 0 };
  const intents: ItemIntent[] = [];
  const policy = input.nearDuplicates;
  input.items.forEach((item, index) => {
    const bands = policy && { keys: policy.keys[index] ?? [], at: windowTime(item, input.now) };
    const events = input.events?.entries[index];
    const row = view.rowOf(item);
    if (row) {
      if (row.contentHash === item.contentHash) {
        counts.unchanged += 1;
        intents.push({ kind: 'unchanged', item: index });
        return;
      }
      view.rewrite(row, item, bands);
      counts.updated += 1;
      intents.push({ kind: 'update', item: index, row: row.ref, story: row.story, ...(bands ? { bands } : {}), ...(events ? { events } : {}) });
      return;
    }
    if (state.items[index]?.tombstoned) {
      counts.tombstoned += 1;
      intents.push({ kind: 'tombstoned', item: index });
      return;
    }
    const match =
      view.findExact(item, index) ??
      (policy ? view.findNearDuplicate(item, index, policy) : undefined) ??
      (input.events ? view.findEvent(item, index, input.events) : undefined);
    // Same fingerprint, same title and lead, so the same keys as the item it
    // matched: indexing it again would only crowd the index.
    const copy = match?.because.rule === 'fingerprint';
    const indexed = bands && !copy ? bands : undefined;
    const evidence = events && !copy ? { events } : {};
    if (match === undefined) {
      counts.new += 1;
      intents.push({ kind: 'new', item: index, ...(indexed ? { bands: indexed } : {}), ...evidence });
      view.insert(item, index, { startedBy: index }, indexed);
    } else {
      counts.duplicate += 1;
      intents.push({ kind: 'join', item: index, story: match.story, because: match.because, ...(indexed ? { bands: indexed } : {}), ...evidence });
      view.insert(item, index, match.story, indexed);
    }
  });
  return { intents, counts };
}

/** A row whose identity, links and keys the decision follows. */
interface Row {
  ref: ItemRef;
  story: StoryRef;
  sourceId: string;
  contentHash: string;
  link: string | null;
  canonicalLink: string | null;
  fingerprint: string;
  /** Rewritten or inserted by this batch: the store's matches and counts leave it out. */
  followed: boolean;
  bands: IndexBand[];
}

interface Match {
  story: StoryRef;
  because: JoinReason;
}

const identityOf = (item: Pick<DecisionItem, 'sourceId' | 'identityKey'>): string => `${item.sourceId}\n${item.identityKey}`;

/** Stored rows (by id) come before rows this batch inserts (in batch order), as SQLite's row ids do. */
function isBefore(a: ItemRef, b: ItemRef): boolean {
  if ('stored' in a) return 'stored' in b ? a.stored < b.stored : true;
  return 'batch' in b ? a.batch < b.batch : false;
}

function toBands(bands: IndexBands | undefined): IndexBand[] {
  return bands ? [...new Set(bands.keys)].map((key) => ({ key, at: bands.at })) : [];
}

/** The store's state as the batch so far has changed it. */
function createBatchView(input: BatchInput, state: BatchState) {
  const rows = new Map<string, Row>();
  const byLink = new Map<string, Row[]>();
  const byFingerprint = new Map<string, Row[]>();
  /** Per band key, the sorted times of the followed rows' entries. */
  const bandTimes = new Map<number, number[]>();
  /** `${sourceId}\n${storyId}`: stored stories an item of the batch joined. */
  const joined = new Set<string>();

  const listAdd = (map: Map<string, Row[]>, key: string | null, row: Row): void => {
    if (key === null) return;
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
  };
  const listRemove = (map: Map<string, Row[]>, key: string | null, row: Row): void => {
    const list = key === null ? undefined : map.get(key);
    list?.splice(list.indexOf(row), 1);
  };
  const follow = (row: Row): void => {
    listAdd(byLink, row.canonicalLink, row);
    listAdd(byFingerprint, row.fingerprint, row);
    for (const band of row.bands) insertSorted(bandTimes, band);
  };
  const unfollow = (row: Row): void => {
    listRemove(byLink, row.canonicalLink, row);
    listRemove(byFingerprint, row.fingerprint, row);
    for (const band of row.bands) removeSorted(bandTimes, band);
  };

  input.items.forEach((item, index) => {
    const own = state.items[index]?.own;
    if (own === undefined) return;
    const identity = identityOf(item);
    const row = rows.get(identity) ?? {
      ref: { stored: own.id },
      story: { stored: own.storyId },
      sourceId: item.sourceId,
      contentHash: own.contentHash,
      link: own.link,
      canonicalLink: own.canonicalLink,
      fingerprint: own.fingerprint,
      followed: false,
      bands: [...(own.bands ?? [])],
    };
    rows.set(identity, row);
    if (!row.followed && item.contentHash !== own.contentHash) {
      row.followed = true;
      follow(row);
    }
  });

  /** The earliest of the store's match and the followed rows sharing the key. */
  function earliest(stored: StoredMatch | undefined, followed: readonly Row[] | undefined): { ref: ItemRef; story: StoryRef } | undefined {
    let best = stored && { ref: { stored: stored.id } as ItemRef, story: { stored: stored.storyId } as StoryRef };
    for (const row of followed ?? []) if (best === undefined || isBefore(row.ref, best.ref)) best = { ref: row.ref, story: row.story };
    return best;
  }

  function countInWindow(key: number, from: number, to: number): number {
    const times = bandTimes.get(key);
    return times ? firstAbove(times, to) - firstAbove(times, from - 1) : 0;
  }

  return {
    rowOf: (item: DecisionItem): Row | undefined => rows.get(identityOf(item)),

    rewrite(row: Row, item: DecisionItem, bands: IndexBands | undefined): void {
      unfollow(row);
      row.contentHash = item.contentHash;
      row.link = item.link;
      row.canonicalLink = item.canonicalLink;
      row.fingerprint = item.fingerprint;
      if (bands) row.bands = toBands(bands);
      row.followed = true;
      follow(row);
    },

    insert(item: DecisionItem, index: number, story: StoryRef, bands: IndexBands | undefined): void {
      const row: Row = {
        ref: { batch: index },
        story,
        sourceId: item.sourceId,
        contentHash: item.contentHash,
        link: item.link,
        canonicalLink: item.canonicalLink,
        fingerprint: item.fingerprint,
        followed: true,
        bands: toBands(bands),
      };
      rows.set(identityOf(item), row);
      follow(row);
      if ('stored' in story) joined.add(`${item.sourceId}\n${story.stored}`);
    },

    findExact(item: DecisionItem, index: number): Match | undefined {
      const stored = state.items[index];
      if (isStoryLink(item.canonicalLink)) {
        const sameStory = (candidate: { sourceId: string; link: string | null }): boolean => isSameLinkStory(candidate, item);
        const match = earliest(stored?.linkMatches?.find(sameStory), byLink.get(item.canonicalLink)?.filter(sameStory));
        if (match) return { story: match.story, because: { rule: 'link', matched: match.ref, score: null } };
      }
      if (!isStoryFingerprint(item)) return undefined;
      const match = earliest(stored?.fingerprintMatch, byFingerprint.get(item.fingerprint));
      return match && { story: match.story, because: { rule: 'fingerprint', matched: match.ref, score: null } };
    },

    /** The event story of other sources the item is another report of, if any (see EventPolicy.choose). */
    findEvent(item: DecisionItem, index: number, policy: EventPolicy): Match | undefined {
      const stories = state.items[index]?.events?.stories.filter((story) => !joined.has(`${item.sourceId}\n${story.storyId}`)) ?? [];
      if (stories.length === 0) return undefined;
      const choice = policy.choose(index, stories);
      return choice && { story: { stored: choice.storyId }, because: { rule: 'event', matched: { stored: choice.matched }, score: choice.score } };
    },

    findNearDuplicate(item: DecisionItem, index: number, policy: NearDuplicatePolicy): Match | undefined {
      const near = state.items[index]?.near;
      const keys = policy.keys[index] ?? [];
      if (near === undefined || keys.length === 0) return undefined;
      const at = windowTime(item, input.now);
      const from = at - policy.windowMinutes;
      const to = at + policy.windowMinutes;
      const open = new Set(keys.filter((key, k) => (near.counts[k] ?? 0) + countInWindow(key, from, to) <= CROWDED_KEY));
      const minShared = Math.min(MIN_SHARED_KEYS, keys.length);
      const ranked = near.candidates
        .map((candidate) => ({ candidate, hits: candidate.sharedKeys.filter((key) => open.has(key)).length }))
        .filter((c) => c.hits >= minShared)
        .sort((a, b) => b.hits - a.hits || a.candidate.id - b.candidate.id);
      let best: { candidate: NearCandidate; score: number } | undefined;
      let verified = 0;
      for (const { candidate } of ranked) {
        // One outlet's items are its own different stories, however alike its templates make them.
        if (candidate.sourceId === item.sourceId || candidate.storyHasSource || joined.has(`${item.sourceId}\n${candidate.storyId}`)) continue;
        const score = policy.score(index, candidate);
        if (score >= policy.threshold && (best === undefined || score > best.score)) best = { candidate, score };
        verified += 1;
        if (verified === MAX_CANDIDATES) break;
      }
      return (
        best && {
          story: { stored: best.candidate.storyId },
          because: { rule: 'near-duplicate', matched: { stored: best.candidate.id }, score: best.score },
        }
      );
    },
  };
}

/** The index of the first value greater than `value` in an ascending array. */
function firstAbove(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}

function insertSorted(times: Map<number, number[]>, band: IndexBand): void {
  const list = times.get(band.key);
  if (list === undefined) times.set(band.key, [band.at]);
  else list.splice(firstAbove(list, band.at), 0, band.at);
}

function removeSorted(times: Map<number, number[]>, band: IndexBand): void {
  const list = times.get(band.key);
  const at = list ? firstAbove(list, band.at) - 1 : -1;
  if (list && list[at] === band.at) list.splice(at, 1);
}
