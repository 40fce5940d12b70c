import type { NormalizedItem } from '../model.js';
import { sha256Hex } from './fingerprint.js';

export interface IdentityInput {
  guid: string | null;
  link: string | null;
  title: string;
  /** The item's date as found (ISO when it parsed), for the last-resort hash. */
  date: string;
}

export type Identity = Pick<NormalizedItem, 'identityKey' | 'identityFrom'>;

/**
 * Identity of each item inside its source (docs/design.md "identity"): its guid;
 * where guids are missing or repeated inside this feed, its link; where those
 * are missing or repeated among the items falling back to them, a hash of
 * title and date. Keys are prefixed so the three kinds never collide.
 */
export function assignIdentities(items: readonly IdentityInput[]): Identity[] {
  const guidCounts = countValues(items.map((item) => item.guid));
  const fallsBackFromGuid = items.map((item) => item.guid === null || (guidCounts.get(item.guid) ?? 0) > 1);
  const linkCounts = countValues(items.map((item, index) => (fallsBackFromGuid[index] ? item.link : null)));
  return items.map((item, index): Identity => {
    if (!fallsBackFromGuid[index] && item.guid !== null) return { identityKey: `guid:${item.guid}`, identityFrom: 'guid' };
    if (item.link !== null && (linkCounts.get(item.link) ?? 0) === 1) return { identityKey: `link:${item.link}`, identityFrom: 'link' };
    return { identityKey: `hash:${sha256Hex(`${item.title}\n${item.date}`)}`, identityFrom: 'title-date' };
  });
}

function countValues(values: readonly (string | null)[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}
