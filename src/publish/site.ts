import { createHash } from 'node:crypto';
import { TopicwireError } from '../errors.js';
import { cleanSiteInput, EPOCH } from './clean-input.js';
import type { FeedContext } from './feed-context.js';
import { buildFeedContext } from './feed-context.js';
import { renderFeedsFromContext } from './feeds.js';
import { renderIndexPage } from './index-page.js';
import { renderOpml } from './opml.js';
import type { RenderedFile, SiteInput, SourceHealth } from './types.js';

export const CONTENT_TYPES = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
  opml: 'text/x-opml; charset=utf-8',
  html: 'text/html; charset=utf-8',
} as const;

/** A strong validator from the bytes (RFC 9110 §8.8.3): equal bodies, equal tags. */
export function computeEtag(body: Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url')}"`;
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

/**
 * Every file of the site, keyed by URL path. Output depends on the input only:
 * dates come from the entries (and the sources' last fetches for "/"), and `now` is
 * used solely to keep Last-Modified out of the future.
 */
export function renderSite(input: SiteInput, now: Date): Map<string, RenderedFile> {
  const site = cleanSiteInput(input);
  const contexts: FeedContext[] = site.topics.map((feed) => buildFeedContext(site.publicUrl, site.title, feed));
  const files = new Map<string, RenderedFile>();
  const add = (path: string, text: string, type: string, modified: Date): void => {
    files.set(path, makeFile(path, text, type, capAt(modified, now)));
  };
  for (const ctx of contexts) {
    if (files.has(`/topics/${ctx.topic.id}.rss`)) throw new TopicwireError(`topic id "${ctx.topic.id}" is used twice`);
    const feeds = renderFeedsFromContext(ctx);
    const base = `/topics/${ctx.topic.id}`;
    add(`${base}.rss`, feeds.rss, CONTENT_TYPES.rss, ctx.updated);
    add(`${base}.atom`, feeds.atom, CONTENT_TYPES.atom, ctx.updated);
    add(`${base}.json`, feeds.json, CONTENT_TYPES.json, ctx.updated);
  }
  const newestEntry = latest(contexts.map((ctx) => ctx.updated));
  add('/topics.opml', renderOpml(site.title, contexts, newestEntry), CONTENT_TYPES.opml, newestEntry);
  const indexText = renderIndexPage(site.title, `${site.publicUrl}/topics.opml`, contexts, site.sources);
  add('/', indexText, CONTENT_TYPES.html, latest([newestEntry, ...lastFetches(site.sources)]));
  return files;
}
