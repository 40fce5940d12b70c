import type { PublishedEntry, TopicInfo } from '../model.js';
import { toHttpUrl } from '../text/index.js';
import { EPOCH } from './clean-input.js';
import { buildEntryHtml } from './entry-content.js';
import { titleFromText } from './entry-title.js';
import { toTopicEntryId, topicFeedPath } from './links.js';
import type { TopicFeedInput } from './types.js';

/** One entry with every derived value the three formats share. */
export interface FeedEntry {
  entry: PublishedEntry;
  /** The entry's title, or one made from its text when it has none. */
  title: string;
  /** The entry's http(s) link; null when it has none (it is then published without one). */
  link: string | null;
  /** The entry's id in this topic's feeds (see toTopicEntryId). */
  id: string;
  contentHtml: string;
  /** Author, or the source's name: Atom requires one (RFC 4287 §4.1.2). */
  authorName: string;
}

export interface FeedContext {
  siteTitle: string;
  topic: TopicInfo;
  description: string;
  homeUrl: string;
  /** The topic's feeds and its own page. */
  urls: { rss: string; atom: string; json: string; html: string };
  /** Newest entry's updated date (unchanged input, identical bytes); an empty feed's is its build time. */
  updated: Date;
  /** Newest entry's updated date, the epoch for an empty feed (for the OPML and index dates). */
  newestEntry: Date;
  entries: FeedEntry[];
}

export function newestUpdate(entries: readonly PublishedEntry[]): Date {
  let newest = EPOCH;
  for (const entry of entries) if (entry.updated.getTime() > newest.getTime()) newest = entry.updated;
  return newest;
}

function buildFeedEntry(entry: PublishedEntry, topicId: string): FeedEntry {
  const link = toHttpUrl(entry.link);
  return {
    entry,
    title: entry.title.trim() !== '' ? entry.title : titleFromText(entry.summary, link),
    link,
    id: toTopicEntryId(topicId, entry.id),
    contentHtml: buildEntryHtml(entry),
    authorName: entry.author ?? (entry.source.title || entry.source.id),
  };
}

/** `builtAt` dates a feed with no entries (RSS lastBuildDate, Atom's required <updated>), which has no other date. */
export function buildFeedContext(publicUrl: string, siteTitle: string, feed: TopicFeedInput, builtAt: Date): FeedContext {
  const homeUrl = `${publicUrl}/`;
  const { topic } = feed;
  const newestEntry = newestUpdate(feed.entries);
  return {
    siteTitle,
    topic,
    description: topic.description ?? `${topic.title} — ${siteTitle}`,
    homeUrl,
    urls: {
      rss: publicUrl + topicFeedPath(topic.id, 'rss'),
      atom: publicUrl + topicFeedPath(topic.id, 'atom'),
      json: publicUrl + topicFeedPath(topic.id, 'json'),
      html: publicUrl + topicFeedPath(topic.id, 'html'),
    },
    updated: feed.entries.length === 0 ? builtAt : newestEntry,
    newestEntry,
    entries: feed.entries.map((entry) => buildFeedEntry(entry, topic.id)),
  };
}
