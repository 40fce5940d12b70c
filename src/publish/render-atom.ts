import { Feed } from 'feed';
import type { Item } from 'feed';
import type { FeedContext, FeedEntry } from './feed-context.js';
import { toHttpUrl } from './links.js';
import type { SlotTable } from './slots.js';
import { createSlotTable } from './slots.js';
import { escapeHtml } from './xml-text.js';

/**
 * atom:source (RFC 4287 §4.2.11) names the feed an entry was copied from; feed 6.0
 * cannot write it, so it is inserted before each </entry>. Sources read from files
 * have no IRI of their own, so they get a urn.
 */
function buildSourceXml(item: FeedEntry, slots: SlotTable): string {
  const { source } = item.entry;
  const url = toHttpUrl(source.url);
  const site = toHttpUrl(source.siteUrl);
  const id = url ?? `urn:topicwire:source:${encodeURIComponent(source.id)}`;
  let xml = `<source><id>${slots.put(id)}</id><title>${slots.put(source.title || source.id)}</title>`;
  if (url !== null) xml += `<link rel="self" href="${slots.put(url)}"/>`;
  if (site !== null) xml += `<link rel="alternate" href="${slots.put(site)}"/>`;
  return `${xml}</source>`;
}

function buildItem(item: FeedEntry, slots: SlotTable): Item {
  const { entry } = item;
  const summary = entry.summary.trim();
  const out: Item = {
    title: slots.put(entry.title),
    id: slots.put(item.id),
    link: slots.put(item.link),
    date: entry.updated,
    published: entry.published,
    content: slots.put(item.contentHtml, 'html'),
    author: [{ name: slots.put(item.authorName) }],
    category: entry.categories.map((term) => ({ term: slots.put(term) })),
  };
  if (summary !== '') out.description = slots.put(`<p>${escapeHtml(summary)}</p>`, 'html');
  return out;
}

function insertSources(xml: string, sources: readonly string[]): string {
  let index = 0;
  return xml.replace(/(\n *)<\/entry>/g, (closing: string, indent: string) => `${indent}    ${sources[index++] ?? ''}${closing}`);
}

/** Atom 1.0; entry ids are the entries' per-topic ids (toTopicEntryId). */
export function renderAtom(ctx: FeedContext): string {
  const slots = createSlotTable();
  const feed = new Feed({
    id: slots.put(ctx.urls.atom),
    title: slots.put(ctx.topic.title),
    description: slots.put(ctx.description),
    link: slots.put(ctx.homeUrl),
    feedLinks: { atom: slots.put(ctx.urls.atom) },
    updated: ctx.updated,
    generator: 'topicwire',
  });
  for (const item of ctx.entries) feed.addItem(buildItem(item, slots));
  const sources = ctx.entries.map((item) => buildSourceXml(item, slots));
  return slots.fill(insertSources(feed.atom1(), sources));
}
