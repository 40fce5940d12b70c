/** A loaded, validated config: paths absolute, defaults filled in. */
export interface SourceConfig {
  id: string;
  title: string;
  /** As written in config.json, less any credentials (shown to users, stored, published). */
  url: string;
  /** What the fetcher reads: an http(s) URL (with its credentials) or an absolute file path. */
  location: string;
  /** The location in canonical form (canonicalSourceUrl): two sources with the same one read the same feed. */
  canonicalUrl: string;
  /** Minutes between fetches, overriding the observed rate. */
  interval?: number;
  /** Request headers (lower-case names), "userAgent" included as user-agent. */
  headers?: Record<string, string>;
}

export interface TopicConfig {
  id: string;
  title: string;
  description?: string;
  query: string | string[];
  /** Restricts the topic to these source ids. */
  sources?: string[];
  /** How many stories its feeds and page show: its own "items", else output.items. */
  items: number;
  /** Stories dated longer ago than this many days are not shown. */
  maxAgeDays?: number;
  /** How its feeds and page order stories: newest first (the default), or most outlets first ("coverage"). */
  order: 'newest' | 'coverage';
}

export interface Config {
  /** Absolute path of config.json. */
  file: string;
  database: string;
  schedule: string;
  server: { host: string; port: number; publicUrl: string };
  /** items: per topic feed, unless a topic sets its own; indexItems: per topic on the index page. */
  output: { dir: string; items: number; indexItems: number };
  fetch: {
    timeoutSeconds: number;
    maxBytes: number;
    concurrency: number;
    perHost: number;
    /** Bounds of the interval chosen from a source's posting rate. */
    minIntervalMinutes: number;
    maxIntervalMinutes: number;
  };
  retentionDays: number;
  /** Near-duplicate clustering: on/off, the score that merges, and how far apart in time copies may be. */
  /**
   * Copy-level clustering (nearDuplicates, threshold, windowHours) and event
   * clustering (events, eventThreshold, eventWindowHours): README "Stories".
   */
  dedup: { nearDuplicates: boolean; threshold: number; windowHours: number; events: boolean; eventThreshold: number; eventWindowHours: number };
  sources: SourceConfig[];
  define: Record<string, string>;
  topics: TopicConfig[];
}
