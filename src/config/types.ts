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

/** What every alert has (README "Alerts"). */
interface AlertCommon {
  id: string;
  /** Topic ids: a story entering any of them fires the alert, once. */
  topics: string[];
  /** It fires when the story has this many distinct sources (1: as it enters the topic). */
  minOutlets: number;
  /** The first cycle sends the stories already in the topics too. */
  backfill: boolean;
  /** How long a delivery is retried before it counts as failed. */
  retryHours: number;
  /** One attempt's deadline. */
  timeoutSeconds: number;
}

export interface WebhookAlertConfig extends AlertCommon {
  type: 'webhook';
  /** May carry credentials (sent as Basic authentication); shown by its origin only. */
  url: string;
  secret?: string;
}

export interface NtfyAlertConfig extends AlertCommon {
  type: 'ntfy';
  /** The topic's URL, https://ntfy.sh/mytopic. */
  url: string;
  token?: string;
  /** 1 (min) to 5 (max); 3 is ntfy's default. */
  priority: number;
  tags: string[];
}

export interface EmailAlertConfig extends AlertCommon {
  type: 'email';
  to: string[];
  /** A cron expression: one mail per period instead of one per story. */
  digest?: string;
  subjectPrefix: string;
}

export type AlertConfig = WebhookAlertConfig | NtfyAlertConfig | EmailAlertConfig;

export interface SmtpConfig {
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465; never shown. */
  url: string;
  from: string;
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
  alerts: AlertConfig[];
  smtp?: SmtpConfig;
}
