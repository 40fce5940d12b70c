import type { StoredItem, StoredStory } from '../model.js';
import type { AlertOutlet, AlertStory } from './types.js';

/**
 * A stored story as alerts show it: its face's title and link, and one
 * outlet per distinct source (its first item there), in the order topicwire
 * stored them — the order they reported it.
 */
export function describeStory(
  story: StoredStory,
  topics: readonly { id: string; title: string }[],
  sourceTitle: (sourceId: string) => string,
): AlertStory {
  const { face } = story;
  const outlets: AlertOutlet[] = [];
  const seen = new Set<string>();
  for (const item of [face, ...story.others].sort(byFirstSeen)) {
    if (seen.has(item.sourceId)) continue;
    seen.add(item.sourceId);
    outlets.push({ sourceId: item.sourceId, sourceTitle: sourceTitle(item.sourceId), link: item.link, publishedAt: item.publishedAt, firstSeenAt: item.firstSeenAt });
  }
  return {
    uid: story.uid,
    title: face.title,
    link: face.link,
    summary: face.summary,
    publishedAt: face.publishedAt,
    firstSeenAt: face.firstSeenAt,
    topics,
    outlets,
  };
}

function byFirstSeen(a: StoredItem, b: StoredItem): number {
  return a.firstSeenAt < b.firstSeenAt ? -1 : a.firstSeenAt > b.firstSeenAt ? 1 : a.id - b.id;
}

/** Stories ranked for a digest: most outlets first, then the earliest seen. */
export function rankStories(stories: readonly AlertStory[]): AlertStory[] {
  return [...stories].sort((a, b) => b.outlets.length - a.outlets.length || (a.firstSeenAt < b.firstSeenAt ? -1 : a.firstSeenAt > b.firstSeenAt ? 1 : 0));
}
