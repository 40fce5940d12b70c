/**
 * The data that flows through the pipeline, named by its role:
 *   FetchedFeed (fetch) → ParsedFeed (parse) → NormalizedItem (parse/normalize)
 *   → StoredItem (store) → PublishedEntry (publish).
 * Only plain data here; every layer may import this file, and it imports nothing.
 */

/** What the fetcher remembers about a source between two fetches (RFC 9110 §13). */
export interface FetchValidators {
  etag?: string;
  lastModified?: string;
  /** sha256 of the last body's bytes: an identical body is treated like a 304. */
  bodyHash?: string;
}

export interface FetchRequest extends FetchValidators {
  /** May carry credentials (`https://user:pass@host/feed`): they are sent as Basic authentication. */
  url: string;
  /** Request headers the source sets (lower-case names), its User-Agent included. */
  headers?: Readonly<Record<string, string>>;
  timeoutMs: number;
  maxBytes: number;
  signal?: AbortSignal;
}

export interface Redirect {
  from: string;
  to: string;
  status: number;
  permanent: boolean;
}

interface FetchOutcomeBase {
  /** The URL asked for, without credentials. */
  url: string;
  /** The URL that answered, after redirects (never with credentials). */
  finalUrl: string;
  redirects: Redirect[];
  /** HTTP status; 200 for files. */
  status: number;
  /** Response headers, lower-case names (empty for files). */
  headers: Record<string, string>;
  elapsedMs: number;
}

export interface FetchedFeed extends FetchOutcomeBase {
  kind: 'fetched';
  /**
   * The body as received (after content decoding), not yet decoded to text:
   * decodeBody (src/fetch) does that where it is parsed, on a worker thread
   * in a cycle, so the thread that fetches never holds a copy as a string.
   */
  body: Uint8Array;
  /** Bytes received (after content decoding). */
  bytes: number;
  validators: FetchValidators;
}

export interface UnchangedFeed extends FetchOutcomeBase {
  /** A 304, or a body byte-identical to the last one: nothing to parse. */
  kind: 'unchanged';
  reason: 'not-modified' | 'same-body';
  bytes: number;
  validators: FetchValidators;
}

export type FetchOutcome = FetchedFeed | UnchangedFeed;

export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json';

/** One entry as the parser read it: every text field a plain string or absent. */
export interface ParsedItem {
  guid?: string;
  link?: string;
  title?: string;
  /** Summary / description, HTML allowed. */
  summaryHtml?: string;
  /** Full content (content:encoded, atom:content, content_html), HTML allowed. */
  contentHtml?: string;
  /** URLs of what the entry carries besides text (enclosures, media:content, JSON Feed attachments). */
  enclosures?: string[];
  author?: string;
  categories: string[];
  /** Dates as found in the feed (any format); the normaliser makes them UTC. */
  published?: string;
  updated?: string;
  lang?: string;
  /** xml:base or feed URL that relative links in this entry resolve against. */
  baseUrl?: string;
}

/**
 * What a feed says about how often to fetch it: RSS 2.0 <ttl>, <skipHours>,
 * <skipDays>; RSS 1.0 syndication module sy:updatePeriod / sy:updateFrequency.
 */
export interface FeedHints {
  ttlMinutes?: number;
  updatePeriod?: 'hourly' | 'daily' | 'weekly' | 'monthly' | 'yearly';
  updateFrequency?: number;
  /** Hours (0-23, GMT) in which the feed asks not to be read. */
  skipHours?: number[];
  /** Day names (Monday ... Sunday) on which the feed asks not to be read. */
  skipDays?: string[];
}

export interface ParsedFeed {
  format: FeedFormat;
  hints?: FeedHints;
  title?: string;
  link?: string;
  description?: string;
  lang?: string;
  items: ParsedItem[];
  /** Things recovered from, e.g. "escaped 3 stray ampersands". */
  warnings: string[];
}

/** One item in topicwire's own shape, ready for dedup and storage. */
export interface NormalizedItem {
  sourceId: string;
  /** Identity inside its source: guid, else link, else hash of title and date, else hash of everything the item has. */
  identityKey: string;
  identityFrom: 'guid' | 'link' | 'title-date' | 'content';
  guid: string | null;
  /** Absolute link as published. */
  link: string | null;
  /** Canonical link for cross-source dedup (see canonicalizeLink). */
  canonicalLink: string | null;
  /** Plain text, trimmed, whitespace collapsed. */
  title: string;
  /** Plain text lead. */
  summary: string;
  /** HTML as published, relative URLs made absolute (sanitised on output). */
  contentHtml: string;
  /** Plain text of the whole body, for matching. */
  text: string;
  author: string | null;
  categories: string[];
  /** ISO 8601 UTC, or null when the feed gave no usable date. */
  publishedAt: string | null;
  updatedAt: string | null;
  lang: string | null;
  /** sha256 of normalised title + lead text: same story under another URL; empty when they are too short to be evidence. */
  fingerprint: string;
  /** sha256 of title + content: changes mean "update in place". */
  contentHash: string;
}

/** An item as the store holds it. */
export interface StoredItem extends NormalizedItem {
  id: number;
  storyId: number;
  /** When topicwire first stored it (ISO UTC); retention counts from here. */
  firstSeenAt: string;
  lastSeenAt: string;
  /** Why it joined its story; null when it started the story (or was split off). */
  mergeReason: 'link' | 'fingerprint' | 'near-duplicate' | 'event' | 'joined' | null;
  /** The stored item whose link, fingerprint or text it matched (or that `stories join` named). */
  mergedWith: number | null;
  /** The near-duplicate or event score that merged it, in [0, 1]. */
  mergeScore: number | null;
  /** Split off by the user (`stories split`): it stays in a story of its own. */
  detached: boolean;
  /** Its event evidence (src/cluster/event-features.ts) as JSON, when event clustering was on as it was stored. */
  eventFeatures: string | null;
}

/** The face of a story and the other items merged into it. */
export interface StoredStory {
  id: number;
  /** Stable across rebuilds: derived from the face item's source and identity. */
  uid: string;
  face: StoredItem;
  others: StoredItem[];
}

export interface SourceInfo {
  id: string;
  title: string;
  url: string;
  /** Site link, when the feed gave one. */
  siteUrl?: string;
}

/** One entry of a published topic feed. */
export interface PublishedEntry {
  /** The story's stable id; each topic's feeds derive their own entry id from it. */
  id: string;
  title: string;
  link: string;
  published: Date;
  updated: Date;
  author?: string;
  categories: string[];
  summary: string;
  contentHtml: string;
  source: SourceInfo;
  /** The other outlets that reported this story, with their links and dates, earliest first (one entry an outlet). */
  alsoReportedBy: OutletReport[];
  /** How many outlets reported it: its own source and the others. */
  outlets: number;
  /** The earliest report (this entry's own, or another outlet's). */
  firstReport: OutletReport;
}

/** One outlet's report of a story. */
export interface OutletReport {
  source: SourceInfo;
  link: string;
  published: Date;
}

export interface TopicInfo {
  id: string;
  title: string;
  description?: string;
}
