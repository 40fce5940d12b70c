import { createHash } from 'node:crypto';
import type { NormalizedItem } from '../model.js';

/**
 * A story's public id, derived from its face item alone, so a rebuilt
 * database (or another instance reading the same feeds) gives every story
 * the same id and readers never see it twice.
 */
export function deriveStoryUid(item: Pick<NormalizedItem, 'sourceId' | 'identityKey'>, attempt = 0): string {
  const key = `${item.sourceId}\n${item.identityKey}${attempt === 0 ? '' : `\n${attempt}`}`;
  const digest = createHash('sha256').update(key).digest('hex');
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

/**
 * A fingerprint merges only an item with a title whose title and lead are
 * evidence of a story (the parser leaves it empty otherwise, see
 * fingerprintStory): no merge of empty, symbol-only or generic headlines.
 */
export function isStoryFingerprint(item: Pick<NormalizedItem, 'title' | 'fingerprint'>): boolean {
  return item.fingerprint !== '' && item.title.trim().length > 0;
}
