import type { NormalizedItem } from '../model.js';
import { sha256 } from '../text/index.js';

export interface IdentityInput {
  guid: string | null;
  link: string | null;
  title: string;
  /** The item's date as found (ISO when it parsed), for the title-and-date key. */
  date: string;
  /** Everything else the item has (summary, content, enclosures), for the last-resort hash. */
  content: string;
}

export type Identity = Pick<NormalizedItem, 'identityKey' | 'identityFrom'>;

/**
 * Identity of each item inside its source (docs/design.md "identity"): its guid;
 * where guids are missing or repeated inside this feed, its link; where those
 * are missing or repeated among the items falling back to them, a hash of
 * title and date; and where those are empty or repeated too, a hash of
 * everything the item has. So two items of one feed share an identity only
 * when nothing tells them apart: an RSS 0.9x feed of description-only items
 * keeps every item, and a headline-only feed every headline. Keys are
 * prefixed so the kinds never collide; the title-and-date key is the one
 * earlier versions gave every item without guid or link, so those keep it.
 */
export function assignIdentities(items: readonly IdentityInput[]): Identity[] {
  const guidCounts = countValues(items.map((item) => item.guid));
  const fallsBackFromGuid = items.map((item) => item.guid === null || (guidCounts.get(item.guid) ?? 0) > 1);
  const linkCounts = countValues(items.map((item, index) => (fallsBackFromGuid[index] ? item.link : null)));
  const fallsBackFromLink = items.map((item, index) => fallsBackFromGuid[index] === true && (item.link === null || (linkCounts.get(item.link) ?? 0) > 1));
  const titleDates = items.map((item) => (item.title === '' && item.date === '' ? null : `${item.title}\n${item.date}`));
  const titleDateCounts = countValues(titleDates.map((key, index) => (fallsBackFromLink[index] ? key : null)));
  return items.map((item, index): Identity => {
    if (!fallsBackFromGuid[index] && item.guid !== null) return { identityKey: `guid:${item.guid}`, identityFrom: 'guid' };
    if (!fallsBackFromLink[index] && item.link !== null) return { identityKey: `link:${item.link}`, identityFrom: 'link' };
    const titleDate = titleDates[index] ?? null;
    if (titleDate !== null && (titleDateCounts.get(titleDate) ?? 0) === 1) return { identityKey: `hash:${sha256(titleDate)}`, identityFrom: 'title-date' };
    return { identityKey: `content:${sha256(`${item.title}\n${item.date}\n${item.content}`)}`, identityFrom: 'content' };
  });
}

function countValues(values: readonly (string | null)[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}
