import { Feed } from 'feed';
import type { Extension, Item } from 'feed';
import { escapeHtml, toHttpUrl } from '../text/index.js';
import type { FeedContext, FeedEntry } from './feed-context.js';
import type { SlotTable } from './slots.js';
import { createSlotTable } from './slots.js';
import { escapeRssText } from './xml-text.js';

/** RSS 2.0 <source url="…">: the feed the item came from; url is required. */
function buildSourceExtension(item: FeedEntry, ctx: FeedContext, slots: SlotTable): Extension {
  const { source } = item.entry;
  const url = toHttpUrl(source.url) ?? toHttpUrl(source.siteUrl) ?? ctx.homeUrl;
  return { name: 'source', objects: { _attributes: { url: slots.put(url) }, _text: slots.put(source.title || source.id) } };
}

function buildItem(item: FeedEntry, ctx: FeedContext, slots: SlotTable): Item {
  const { entry } = item;
  const summary = entry.summary.trim();
  const extensions: Extension[] = [buildSourceExtension(item, ctx, slots)];
  // RSS 2.0 <author> must be an e-mail address; a name goes in dc:creator.
  if (entry.author !== undefined) extensions.push({ name: 'dc:creator', objects: { _text: slots.put(entry.author) } });
  const description = summary === '' ? item.contentHtml : `<p>${escapeHtml(summary)}</p>`;
  // feed writes an element only for a value it is given: none for an entry without a link or text.
  const out: Item = {
    title: slots.put(item.title),
    link: item.link === null ? '' : slots.put(item.link),
    id: slots.put(item.id),
    date: entry.updated,
    published: entry.published,
    category: entry.categories.map((name) => ({ name: slots.put(name) })),
    extensions,
  };
  if (description !== '') out.description = slots.put(description, 'html');
  if (item.contentHtml !== '') out.content = slots.put(item.contentHtml, 'html');
  return out;
}

/** RSS 2.0 with guid isPermaLink="false" = the entry's per-topic id (toTopicEntryId). */
export function renderRss(ctx: FeedContext): string {
  const slots = createSlotTable();
  const feed = new Feed({
    title: slots.put(ctx.topic.title),
    description: slots.put(ctx.description),
    link: slots.put(ctx.homeUrl),
    feedLinks: { rss: slots.put(ctx.urls.rss) },
    updated: ctx.updated,
    generator: 'topicwire',
  });
  for (const item of ctx.entries) feed.addItem(buildItem(item, ctx, slots));
  return slots.fill(feed.rss2(), escapeRssText);
}
