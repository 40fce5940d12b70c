import { createHash } from 'node:crypto';
import type { NormalizedItem } from '../model.js';

/**
 * A story's public id, derived from its face item alone, so a rebuilt
 * database (or another instance reading the same feeds) gives every story
 * the same id and readers never see it twice.
 */
export function deriveStoryUid(item: Pick<NormalizedItem, 'sourceId' | 'identityKey'>): string {
  const digest = createHash('sha256').update(`${item.sourceId}\n${item.identityKey}`).digest('hex');
  return `urn:topicwire:story:${digest.slice(0, 32)}`;
}

/**
 * A canonical link identifies a story only when it points at something more
 * specific than a site's home page: feeds that link every item to "/" must not
 * collapse into one story.
 */
export function isStoryLink(canonicalLink: string | null): canonicalLink is string {
  if (canonicalLink === null) return false;
  const url = new URL(canonicalLink);
  return url.pathname.length > 1 || url.search.length > 1;
}

/** A fingerprint of an untitled item says nothing about which story it is. */
export function isStoryFingerprint(item: Pick<NormalizedItem, 'title'>): boolean {
  return item.title.trim().length > 0;
}
