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
