import { TopicwireError } from '../errors.js';
import { sha256 } from '../text/index.js';
import { cleanSiteInput, EPOCH } from './clean-input.js';
import type { FeedContext } from './feed-context.js';
import { buildFeedContext } from './feed-context.js';
import { renderFeedsFromContext } from './feeds.js';
import { renderIndexPage } from './index-page.js';
import { renderOpml } from './opml.js';
import { renderTopicPage } from './topic-page.js';
import type { RenderedFile, SiteInput, SourceHealth, TopicFeedInput } from './types.js';

export const CONTENT_TYPES = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
  opml: 'text/x-opml; charset=utf-8',
  html: 'text/html; charset=utf-8',
} as const;

/** A strong validator from the bytes (RFC 9110 §8.8.3): equal bodies, equal tags. */
export function computeEtag(body: Buffer): string {
  return `"${sha256(body, 'base64url')}"`;
}

function latest(dates: readonly Date[]): Date {
  let newest = EPOCH;
  for (const date of dates) if (date.getTime() > newest.getTime()) newest = date;
  return newest;
}

/** Last-Modified must not lie in the future (RFC 9110 §8.8.2.1); feeds do carry future dates. */
function capAt(date: Date, now: Date): Date {
  return date.getTime() > now.getTime() ? now : date;
}

function makeFile(path: string, text: string, contentType: string, lastModified: Date): RenderedFile {
  const body = Buffer.from(text, 'utf8');
  return { path, body, contentType, etag: computeEtag(body), lastModified };
}

function lastFetches(sources: readonly SourceHealth[]): Date[] {
  return sources.flatMap((s) => {
    const date = s.lastFetchAt === null ? null : new Date(s.lastFetchAt);
    return date === null || Number.isNaN(date.getTime()) ? [] : [date];
  });
}

/** A topic's feed context and files (its three feeds and its page), kept while its input stays the same. */
interface RenderedTopic {
  key: string;
  ctx: FeedContext;
  files: RenderedFile[];
}

/** Rendered topics by topic id (createSiteRenderer keeps one between renders). */
export type TopicRenderCache = Map<string, RenderedTopic>;

/** Everything a topic's files are made from: equal keys, equal bytes. */
function topicKey(publicUrl: string, siteTitle: string, feed: TopicFeedInput): string {
  return sha256(JSON.stringify([publicUrl, siteTitle, feed]), 'base64url');
}

function renderTopic(publicUrl: string, siteTitle: string, feed: TopicFeedInput, now: Date, cache: TopicRenderCache | undefined): RenderedTopic {
  // Without a cache (`build`, the bench's rebuilds) there is nothing to compare a key with.
  const key = cache === undefined ? '' : topicKey(publicUrl, siteTitle, feed);
  const cached = cache?.get(feed.topic.id);
  if (cached !== undefined && cached.key === key) {
    // The same bytes; only Last-Modified may move, when it was capped at a time now past.
    const lastModified = capAt(cached.ctx.updated, now);
    if (cached.files.every((file) => file.lastModified.getTime() === lastModified.getTime())) return cached;
    const files = cached.files.map((file) => ({ ...file, lastModified }));
    return { ...cached, files };
  }
  const ctx = buildFeedContext(publicUrl, siteTitle, feed, now);
  const feeds = renderFeedsFromContext(ctx);
  const base = `/topics/${ctx.topic.id}`;
  const lastModified = capAt(ctx.updated, now);
  const files = [
    makeFile(`${base}.rss`, feeds.rss, CONTENT_TYPES.rss, lastModified),
    makeFile(`${base}.atom`, feeds.atom, CONTENT_TYPES.atom, lastModified),
    makeFile(`${base}.json`, feeds.json, CONTENT_TYPES.json, lastModified),
    makeFile(`${base}.html`, renderTopicPage(siteTitle, ctx), CONTENT_TYPES.html, lastModified),
  ];
  return { key, ctx, files };
}

/**
 * Every file of the site, keyed by URL path. Output depends on the input only:
 * dates come from the entries (and the sources' last fetches for "/"), and `now` is
 * used solely to keep Last-Modified out of the future. With a `cache`, a topic
 * whose input is unchanged is not rendered again, and its files are the same
 * objects as before (so the server's per-file gzip and headers stay cached).
 */
export function renderSite(input: SiteInput, now: Date, cache?: TopicRenderCache): Map<string, RenderedFile> {
  const site = cleanSiteInput(input);
  const files = new Map<string, RenderedFile>();
  const contexts: FeedContext[] = [];
  const rendered = new Map<string, RenderedTopic>();
  for (const feed of site.topics) {
    if (rendered.has(feed.topic.id)) throw new TopicwireError(`topic id "${feed.topic.id}" is used twice`);
    const topic = renderTopic(site.publicUrl, site.title, feed, now, cache);
    rendered.set(feed.topic.id, topic);
    contexts.push(topic.ctx);
    for (const file of topic.files) files.set(file.path, file);
  }
  if (cache !== undefined) {
    cache.clear();
    for (const [id, topic] of rendered) cache.set(id, topic);
  }
  const add = (path: string, text: string, type: string, modified: Date): void => {
    files.set(path, makeFile(path, text, type, capAt(modified, now)));
  };
  const newestEntry = latest(contexts.map((ctx) => ctx.newestEntry));
  add('/topics.opml', renderOpml(site.title, contexts, newestEntry), CONTENT_TYPES.opml, newestEntry);
  const indexText = renderIndexPage(site.title, `${site.publicUrl}/topics.opml`, contexts, site.sources, site.indexItems);
  add('/', indexText, CONTENT_TYPES.html, latest([newestEntry, ...lastFetches(site.sources)]));
  return files;
}

/** renderSite with a cache of its own: each render re-renders only the topics whose input changed. */
export function createSiteRenderer(): (input: SiteInput, now: Date) => Map<string, RenderedFile> {
  const cache: TopicRenderCache = new Map();
  return (input, now) => renderSite(input, now, cache);
}
