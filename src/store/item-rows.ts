import type { NormalizedItem, StoredItem } from '../model.js';

/** An items row as SQLite returns it. */
export interface ItemRow {
  id: number;
  source_id: string;
  identity_key: string;
  identity_from: string;
  guid: string | null;
  link: string | null;
  canonical_link: string | null;
  title: string;
  summary: string;
  content_html: string;
  text: string;
  author: string | null;
  categories: string;
  published_at: string | null;
  updated_at: string | null;
  lang: string | null;
  fingerprint: string;
  content_hash: string;
  story_id: number;
  first_seen_at: string;
  last_seen_at: string;
  merge_reason: StoredItem['mergeReason'];
  merged_with: number | null;
  merge_score: number | null;
  detached: number;
  event_features: string | null;
}

export const itemColumns =
  'id, source_id, identity_key, identity_from, guid, link, canonical_link, title, summary, content_html, text, author, categories, published_at, updated_at, lang, fingerprint, content_hash, story_id, first_seen_at, last_seen_at, merge_reason, merged_with, merge_score, detached, event_features';

export function toStoredItem(row: ItemRow): StoredItem {
  return {
    id: row.id,
    sourceId: row.source_id,
    identityKey: row.identity_key,
    identityFrom: row.identity_from as StoredItem['identityFrom'],
    guid: row.guid,
    link: row.link,
    canonicalLink: row.canonical_link,
    title: row.title,
    summary: row.summary,
    contentHtml: row.content_html,
    text: row.text,
    author: row.author,
    categories: JSON.parse(row.categories) as string[],
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    lang: row.lang,
    fingerprint: row.fingerprint,
    contentHash: row.content_hash,
    storyId: row.story_id,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    mergeReason: row.merge_reason,
    mergedWith: row.merged_with,
    mergeScore: row.merge_score,
    detached: row.detached === 1,
    eventFeatures: row.event_features,
  };
}

/** Named parameters for INSERT/UPDATE of the item's own fields. */
export function toItemParams(item: NormalizedItem): Record<string, string | null> {
  return {
    source_id: item.sourceId,
    identity_key: item.identityKey,
    identity_from: item.identityFrom,
    guid: item.guid,
    link: item.link,
    canonical_link: item.canonicalLink,
    title: item.title,
    summary: item.summary,
    content_html: item.contentHtml,
    text: item.text,
    author: item.author,
    categories: JSON.stringify(item.categories),
    published_at: item.publishedAt,
    updated_at: item.updatedAt,
    lang: item.lang,
    fingerprint: item.fingerprint,
    content_hash: item.contentHash,
  };
}
