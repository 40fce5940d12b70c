import type { OutletReport, PublishedEntry, SourceInfo, TopicInfo } from '../model.js';
import { stripForbiddenChars as clean } from '../text/index.js';
import type { SiteInput, SourceHealth, TopicFeedInput } from './types.js';

/** The date used where none is known, so that output never depends on the clock. */
export const EPOCH = new Date(0);

function cleanDate(date: Date): Date {
  return Number.isNaN(date.getTime()) ? EPOCH : date;
}

function cleanOptional(text: string | undefined): string | undefined {
  return text === undefined ? undefined : clean(text);
}

function cleanSource(source: SourceInfo): SourceInfo {
  const out: SourceInfo = { id: clean(source.id), title: clean(source.title), url: clean(source.url) };
  if (source.siteUrl !== undefined) out.siteUrl = clean(source.siteUrl);
  return out;
}

function cleanTopic(topic: TopicInfo): TopicInfo {
  const out: TopicInfo = { id: clean(topic.id), title: clean(topic.title) };
  const description = cleanOptional(topic.description);
  if (description !== undefined) out.description = description;
  return out;
}

function cleanReport(report: OutletReport): OutletReport {
  return { source: cleanSource(report.source), link: clean(report.link), published: cleanDate(report.published) };
}

function cleanEntry(entry: PublishedEntry): PublishedEntry {
  const out: PublishedEntry = {
    id: clean(entry.id),
    title: clean(entry.title),
    link: clean(entry.link),
    published: cleanDate(entry.published),
    updated: cleanDate(entry.updated),
    categories: entry.categories.map(clean).filter((c) => c.trim() !== ''),
    summary: clean(entry.summary),
    contentHtml: clean(entry.contentHtml),
    source: cleanSource(entry.source),
    alsoReportedBy: entry.alsoReportedBy.map(cleanReport),
    outlets: entry.outlets,
    firstReport: cleanReport(entry.firstReport),
  };
  const author = cleanOptional(entry.author);
  if (author !== undefined && author.trim() !== '') out.author = author;
  return out;
}

function cleanHealth(source: SourceHealth): SourceHealth {
  return {
    ...source,
    id: clean(source.id),
    title: clean(source.title),
    url: clean(source.url),
    lastFetchAt: source.lastFetchAt === null ? null : clean(source.lastFetchAt),
    lastError: source.lastError === null ? null : clean(source.lastError),
  };
}

function cleanTopicFeed(feed: TopicFeedInput): TopicFeedInput {
  return { topic: cleanTopic(feed.topic), entries: feed.entries.map(cleanEntry) };
}

/**
 * Removes characters XML 1.0 forbids from every string, once, at the door: feed
 * items arrive from arbitrary publishers, and one stray U+0001 makes a whole
 * feed unreadable for strict XML parsers. Invalid dates become the epoch.
 */
export function cleanSiteInput(input: SiteInput): SiteInput {
  return {
    publicUrl: clean(input.publicUrl).replace(/\/+$/, ''),
    title: clean(input.title),
    indexItems: input.indexItems,
    topics: input.topics.map(cleanTopicFeed),
    sources: input.sources.map(cleanHealth),
  };
}
