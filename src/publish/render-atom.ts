import { Feed } from 'feed';
import type { Item } from 'feed';
import { escapeHtml, toHttpUrl } from '../text/index.js';
import type { FeedContext, FeedEntry } from './feed-context.js';
import type { SlotTable } from './slots.js';
import { createSlotTable } from './slots.js';

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
  // RFC 4287 §4.2.11: a copied entry's source SHOULD keep the feed's updated;
  // that is unknown, and the entry's own (the latest the feed was seen to
  // change it) keeps the bytes the same while the entry is.
  let xml = `<source><id>${slots.put(id)}</id><title>${slots.put(source.title || source.id)}</title><updated>${item.entry.updated.toISOString()}</updated>`;
  if (url !== null) xml += `<link rel="self" href="${slots.put(url)}"/>`;
  if (site !== null) xml += `<link rel="alternate" href="${slots.put(site)}"/>`;
  return `${xml}</source>`;
}

/** feed 6 always writes an entry's alternate link; this one stands for "none" and is removed. */
const NO_LINK = 'urn:x-topicwire-no-link';

function buildItem(item: FeedEntry, slots: SlotTable): Item {
  const { entry } = item;
  const summary = entry.summary.trim();
  // RFC 4287 §4.1.1: an entry without an alternate link must have content.
  const content = item.contentHtml !== '' || item.link !== null ? item.contentHtml : `<p>${escapeHtml(item.title)}</p>`;
  const out: Item = {
    title: slots.put(item.title),
    id: slots.put(item.id),
    link: item.link === null ? NO_LINK : slots.put(item.link),
    date: entry.updated,
    published: entry.published,
    author: [{ name: slots.put(item.authorName) }],
    category: entry.categories.map((term) => ({ term: slots.put(term) })),
  };
  if (content !== '') out.content = slots.put(content, 'html');
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
  return slots.fill(insertSources(feed.atom1(), sources).replaceAll(`\n        <link href="${NO_LINK}"/>`, ''));
}
