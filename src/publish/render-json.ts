import { Feed } from 'feed';
import type { Item } from 'feed';
import type { OutletReport, SourceInfo } from '../model.js';
import { toHttpUrl } from '../text/index.js';
import type { FeedContext, FeedEntry } from './feed-context.js';

const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

interface JsonAuthor {
  name?: string;
  url?: string;
  avatar?: string;
}

/** The parts of feed's json1() output this module rewrites. */
interface JsonItem {
  author?: JsonAuthor;
  authors?: JsonAuthor[];
  [key: string]: unknown;
}

interface JsonDoc {
  version: string;
  author?: JsonAuthor;
  authors?: JsonAuthor[];
  items: JsonItem[];
  [key: string]: unknown;
}

function describeSource(source: SourceInfo): Record<string, string> {
  const out: Record<string, string> = { id: source.id, title: source.title };
  const url = toHttpUrl(source.url);
  const site = toHttpUrl(source.siteUrl);
  if (url !== null) out['feed_url'] = url;
  if (site !== null) out['home_page_url'] = site;
  return out;
}

function describeReport(report: OutletReport): Record<string, unknown> {
  const url = toHttpUrl(report.link);
  return { source: describeSource(report.source), ...(url === null ? {} : { url }), date_published: report.published.toISOString() };
}

/** JSON Feed extensions start with "_" (JSON Feed 1.1, "Extensions"). */
function buildExtension(item: FeedEntry): Record<string, unknown> {
  return {
    source: describeSource(item.entry.source),
    outlets: item.entry.outlets,
    first_reported_by: describeReport(item.entry.firstReport),
    also_reported_by: item.entry.alsoReportedBy.map(describeReport),
  };
}

function buildItem(item: FeedEntry): Item {
  const { entry } = item;
  const summary = entry.summary.trim();
  const out: Item = {
    title: item.title,
    id: item.id,
    // feed writes "url" only for a link it is given.
    link: item.link ?? '',
    date: entry.updated,
    published: entry.published,
    content: item.contentHtml,
    author: [{ name: item.authorName }],
    category: entry.categories.map((name) => ({ name })),
    extensions: [{ name: '_topicwire', objects: buildExtension(item) }],
  };
  // JSON Feed's summary is plain text, unlike RSS and Atom.
  if (summary !== '') out.description = summary;
  return out;
}

/** JSON Feed 1.1 forbids nothing of 1.0 but deprecates "author" for an "authors" array. */
function upgradeToVersion11(doc: JsonDoc): JsonDoc {
  const { author, ...rest } = doc;
  const upgraded: JsonDoc = { ...rest, version: JSON_FEED_VERSION, items: doc.items.map(upgradeItem) };
  if (author !== undefined) upgraded.authors = [author];
  return upgraded;
}

function upgradeItem(item: JsonItem): JsonItem {
  const { author, ...rest } = item;
  return author === undefined ? rest : { ...rest, authors: [author] };
}

/** JSON Feed 1.1 (feed 6.0 writes version 1 with the deprecated "author"). */
export function renderJsonFeed(ctx: FeedContext): string {
  const feed = new Feed({
    title: ctx.topic.title,
    description: ctx.description,
    link: ctx.homeUrl,
    feedLinks: { json: ctx.urls.json },
    updated: ctx.updated,
    generator: 'topicwire',
  });
  for (const item of ctx.entries) feed.addItem(buildItem(item));
  const doc = JSON.parse(feed.json1()) as JsonDoc;
  return `${JSON.stringify(upgradeToVersion11(doc), null, 2)}\n`;
}
