import type { PublishedEntry, TopicInfo } from '../model.js';
import { EPOCH } from './clean-input.js';
import { buildEntryHtml } from './entry-content.js';
import { toHttpUrl, toTopicEntryId, topicFeedPath } from './links.js';
import type { TopicFeedInput } from './types.js';

/** One entry with every derived value the three formats share. */
export interface FeedEntry {
  entry: PublishedEntry;
  /** http(s) link, or the site's home when the entry's own link is unusable. */
  link: string;
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
  /** Newest entry's updated date, never the build time: unchanged input, identical bytes. */
  updated: Date;
  entries: FeedEntry[];
}

export function newestUpdate(entries: readonly PublishedEntry[]): Date {
  let newest = EPOCH;
  for (const entry of entries) if (entry.updated.getTime() > newest.getTime()) newest = entry.updated;
  return newest;
}

function buildFeedEntry(entry: PublishedEntry, topicId: string, homeUrl: string): FeedEntry {
  return {
    entry,
    link: toHttpUrl(entry.link) ?? homeUrl,
    id: toTopicEntryId(topicId, entry.id),
    contentHtml: buildEntryHtml(entry),
    authorName: entry.author ?? (entry.source.title || entry.source.id),
  };
}

export function buildFeedContext(publicUrl: string, siteTitle: string, feed: TopicFeedInput): FeedContext {
  const homeUrl = `${publicUrl}/`;
  const { topic } = feed;
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
    updated: newestUpdate(feed.entries),
    entries: feed.entries.map((entry) => buildFeedEntry(entry, topic.id, homeUrl)),
  };
}
