/**
 * The data one source's update passes between the store and its decision
 * (src/update/decide.ts): what the decision asks the store to look up
 * (BatchLookup), what the store holds for it (BatchState), and what the store
 * is to write (ItemIntent). Plain data, like model.ts, which is all it
 * imports: a backend on a database server can send it over the wire, and a
 * test can write it by hand.
 */

/** What the decision needs looked up for one incoming item. */
export interface ItemLookup {
  sourceId: string;
  identityKey: string;
  contentHash: string;
  /** Its canonical link when that identifies a story (see isStoryLink), else null: not looked up. */
  storyLink: string | null;
  /** Its fingerprint when that identifies a story (a titled item), else null: not looked up. */
  storyFingerprint: string | null;
  /** Its near-duplicate index keys, when clustering is on. */
  bands?: BandLookup;
  /** Its event keys, when event clustering is on. */
  events?: EventLookup;
}

/** One item's lookup in the event index: the stories of other sources sharing its rare keys in the window. */
export interface EventLookup {
  keys: readonly number[];
  /** The window, in event-index time (hours since the epoch), both ends included. */
  from: number;
  to: number;
  /** A story is a candidate when its reports share at least this many of the keys. */
  minShared: number;
  /** At most this many candidate stories, sharing the most keys first (then the lowest story id). */
  stories: number;
  /** At most this many reports of each, the earliest stored first. */
  members: number;
}

/** One item's near-duplicate lookup in the band index. */
export interface BandLookup {
  keys: readonly number[];
  /** The window, in index time (minutes since the epoch), both ends included. */
  from: number;
  to: number;
  /** A candidate shares at least this many of the keys. */
  minShared: number;
}

/** One call's worth: everything the decision on a batch needs from the store. */
export interface BatchLookup {
  items: readonly ItemLookup[];
  /**
   * A key that more than this many stored items in the window share is
   * crowded: candidates are not found through it.
   */
  crowdedAbove: number;
  /** The same for the event index: a key more than this many reports in the window share finds no candidates. */
  eventCrowdedAbove?: number;
  /** How many stored items sharing a canonical link to return at most (ItemState.linkMatches). */
  linkMatches: number;
  /** The source whose newest items' times to read, for its next-fetch plan. */
  recentItems?: { sourceId: string; count: number };
}

/** A stored item as a match: which item, in which story. */
export interface StoredMatch {
  id: number;
  storyId: number;
}

/** A stored item sharing an incoming item's canonical link. */
export interface LinkMatch extends StoredMatch {
  sourceId: string;
  link: string | null;
}

/** The stored item of the same source and identity key. */
export interface OwnItem extends StoredMatch {
  contentHash: string;
  link: string | null;
  canonicalLink: string | null;
  fingerprint: string;
  firstSeenAt: string;
  /**
   * Its band-index entries, when the batch may rewrite it (an incoming copy's
   * content hash differs from the stored one) and bands were asked for.
   */
  bands?: readonly IndexBand[];
}

export interface IndexBand {
  key: number;
  at: number;
}

/** A stored item of another source found through shared band keys: what verification reads of it. */
export interface NearCandidate extends StoredMatch {
  sourceId: string;
  /** Which of the looked-up keys it shares (among the keys not crowded in the store). */
  sharedKeys: readonly number[];
  /** Whether its story already holds an item of the incoming item's source. */
  storyHasSource: boolean;
  title: string;
  text: string;
  summary: string;
  contentHash: string;
}

/** A stored report of a candidate story: its outlet and its event evidence (JSON, as stored). */
export interface EventMember extends StoredMatch {
  sourceId: string;
  features: string;
}

/** A story of other sources found through shared event keys. */
export interface EventStory {
  storyId: number;
  /** How many of the looked-up keys (not crowded) its reports share. */
  sharedKeys: number;
  members: readonly EventMember[];
}

/**
 * What the store holds for one incoming item. Each lookup is made only when
 * the ones before it found nothing (own item, then tombstone, then link,
 * fingerprint, near-duplicates), as the decision reads them.
 *
 * The link and fingerprint matches and the key counts leave out the stored
 * items this batch may rewrite (own items whose content hash differs from an
 * incoming copy's): their keys may change before a later item is decided,
 * so the decision follows them itself.
 */
export interface ItemState {
  own?: OwnItem;
  tombstoned?: boolean;
  /**
   * The stored items with this canonical link, lowest ids first (at most
   * BatchLookup.linkMatches), with their source and link: the decision tells which
   * are the same story (isSameLinkStory). When none is of another source,
   * the later lookups are made too, as the decision may pass them all.
   */
  linkMatches?: readonly LinkMatch[];
  /** The stored item with the lowest id that has this fingerprint. */
  fingerprintMatch?: StoredMatch;
  near?: {
    /** Per looked-up key (same order): how many stored items in the window have it. */
    counts: readonly number[];
    candidates: readonly NearCandidate[];
  };
  /**
   * With event clustering on, looked up whenever no link or fingerprint
   * matched: the candidate stories, none holding an item of the incoming
   * item's source.
   */
  events?: { stories: readonly EventStory[] };
}

export interface RecentItem {
  id: number;
  /** coalesce(publishedAt, firstSeenAt), as stored. */
  time: string;
}

export interface BatchState {
  /** Names the state read; a write based on a state another writer has since changed is refused. */
  version: string;
  /** One per looked-up item, same order. */
  items: readonly ItemState[];
  /**
   * The source's newest items, newest first (when asked for), leaving out
   * the ones the batch may rewrite, whose times it changes.
   */
  recentItems: readonly RecentItem[];
}

/** A row the intents refer to: stored already, or inserted by an earlier item of the batch (its index). */
export type ItemRef = { stored: number } | { batch: number };
/** A story: stored already, or started by an earlier item of the batch (its index). */
export type StoryRef = { stored: number } | { startedBy: number };

/** Band-index entries of an item: all its keys at one time. */
export interface IndexBands {
  keys: readonly number[];
  at: number;
}

/** Event-index entries of an item, and the evidence stored with it. */
export interface IndexEvents {
  keys: readonly number[];
  /** Hours since the epoch. */
  at: number;
  features: string;
}

export type JoinRule = 'link' | 'fingerprint' | 'near-duplicate' | 'event';

/** Why a new item joins a story: the rule and the item it matched (with the near-duplicate score). */
export interface JoinReason {
  rule: JoinRule;
  matched: ItemRef;
  score: number | null;
}

/**
 * What to do with one incoming item (`item` is its index in the batch):
 * leave it; touch its tombstone; update a stored row in place (with new
 * band and event entries, replacing the old ones, when clustering is on); store it as
 * a new story; or store it in an existing story because of `because`.
 */
export type ItemIntent =
  | { kind: 'unchanged'; item: number }
  | { kind: 'tombstoned'; item: number }
  | { kind: 'update'; item: number; row: ItemRef; story: StoryRef; bands?: IndexBands; events?: IndexEvents }
  | { kind: 'new'; item: number; bands?: IndexBands; events?: IndexEvents }
  | { kind: 'join'; item: number; story: StoryRef; because: JoinReason; bands?: IndexBands; events?: IndexEvents };

/** A batch's outcome as `fetch` and the logs count it. */
export interface IngestCounts {
  /** New items that started a story. */
  new: number;
  /** Items whose title or content changed, updated in place. */
  updated: number;
  /** New items that joined a story already stored (same link, same text, or a near-duplicate). */
  duplicate: number;
  unchanged: number;
  /** Items removed by retention that the feed still lists. */
  tombstoned: number;
}
