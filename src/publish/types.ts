import type { PublishedEntry, TopicInfo } from '../model.js';

/** A source as the index page shows it: health from its last fetches. */
export interface SourceHealth {
  id: string;
  title: string;
  url: string;
  status: 'ok' | 'failing' | 'never' | 'disabled';
  lastFetchAt: string | null;
  lastError: string | null;
  itemCount: number;
}

export interface TopicFeedInput {
  topic: TopicInfo;
  /** Newest first, already limited to the topic's "items" and "maxAgeDays". */
  entries: PublishedEntry[];
}

/** Everything the renderer needs; it reads nothing else. */
export interface SiteInput {
  /** e.g. http://localhost:8080 (a trailing slash is ignored). */
  publicUrl: string;
  title: string;
  /** How many items of each topic the index page shows (output.indexItems). */
  indexItems: number;
  topics: TopicFeedInput[];
  sources: SourceHealth[];
}

export interface RenderedFile {
  /** URL path, e.g. "/topics/nato.rss". */
  path: string;
  body: Buffer;
  contentType: string;
  /** Strong ETag (quoted) derived from the body. */
  etag: string;
  /** Newest change of the content, never the build time. */
  lastModified: Date;
}

export interface TopicFeeds {
  rss: string;
  atom: string;
  json: string;
}
