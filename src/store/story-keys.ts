import type { NormalizedItem } from '../model.js';
import { sha256 } from '../text/index.js';

/**
 * A story's public id, derived from its face item alone, so a rebuilt
 * database (or another instance reading the same feeds) gives every story
 * the same id and readers never see it twice.
 */
export function deriveStoryUid(item: Pick<NormalizedItem, 'sourceId' | 'identityKey'>, attempt = 0): string {
  const key = `${item.sourceId}\n${item.identityKey}${attempt === 0 ? '' : `\n${attempt}`}`;
  return `urn:topicwire:story:${sha256(key).slice(0, 32)}`;
}
