import type { Config, SourceConfig, TopicConfig } from '../config/types.js';
import type { OutletReport, PublishedEntry, SourceInfo, StoredItem, StoredStory } from '../model.js';
import type { SiteInput, SourceHealth } from '../publish/types.js';
import type { SourceRecord, Store } from '../store/index.js';

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

/**
 * The hour that topics' "maxAgeDays" count back from, or "" when no topic sets
 * one. The site is a function of the stored content and this hour alone, so
 * it is rendered (and written) again when either changes, and a story ages
 * out of a topic within the hour after it reaches the topic's age.
 */
export function describeAgeWindow(config: Pick<Config, 'topics'>, now: Date): string {
  if (!config.topics.some((topic) => topic.maxAgeDays !== undefined)) return '';
  return new Date(Math.floor(now.getTime() / hourMs) * hourMs).toISOString();
}

function oldestShown(topic: TopicConfig, window: string): Date | undefined {
  if (topic.maxAgeDays === undefined || window === '') return undefined;
  return new Date(Date.parse(window) - topic.maxAgeDays * dayMs);
}

/**
 * Reads what the topic feeds show from the store: each topic's newest
 * stories, up to its "items" and none older than its "maxAgeDays", each shown
 * by its face item with the other sources that carried it.
 */
export async function assembleSite(store: Store, config: Config, now: Date): Promise<SiteInput> {
  const records = new Map((await store.sources.listSources()).map((r) => [r.id, r]));
  const infos = new Map(config.sources.map((s) => [s.id, toSourceInfo(s, records.get(s.id))]));
  const window = describeAgeWindow(config, now);
  const shown = await Promise.all(config.topics.map((topic) => store.stories.listTopicStories(topic.id, topic.items, oldestShown(topic, window))));
  // A story's face may come from a source no longer configured, or from the
  // feed an id named before (a retired id): it is shown as that feed was.
  for (const story of shown.flat()) {
    for (const { sourceId: id } of [story.face, ...story.others]) {
      if (infos.has(id)) continue;
      const record = records.get(id) ?? (await store.sources.getSource(id));
      infos.set(id, record === undefined ? { id, title: id, url: '' } : toSourceInfo({ id, title: record.title, url: record.url }, record));
    }
  }
  const infoOf = (id: string): SourceInfo => infos.get(id) ?? { id, title: id, url: '' };
  return {
    publicUrl: config.server.publicUrl,
    title: 'topicwire',
    indexItems: config.output.indexItems,
    topics: config.topics.map((topic, i) => ({
      topic: { id: topic.id, title: topic.title, ...(topic.description === undefined ? {} : { description: topic.description }) },
      entries: orderEntries((shown[i] ?? []).map((story) => toEntry(story, infoOf)), topic.order),
    })),
    sources: config.sources.map((s) => toHealth(s, records.get(s.id))),
  };
}

/**
 * A topic's entries as its "order" says: newest first as read, or, for
 * "coverage", the same stories with the most outlets first (newest first
 * among equals). The stories shown stay the newest ones: coverage reorders,
 * it never brings back a story the topic's "items" or "maxAgeDays" left out.
 */
export function orderEntries(entries: PublishedEntry[], order: TopicConfig['order']): PublishedEntry[] {
  if (order === 'newest') return entries;
  return entries.map((entry, position) => ({ entry, position })).sort((a, b) => b.entry.outlets - a.entry.outlets || a.position - b.position).map(({ entry }) => entry);
}

function toSourceInfo(source: Pick<SourceConfig, 'id' | 'title' | 'url'>, record: SourceRecord | undefined): SourceInfo {
  const siteUrl = record?.siteUrl;
  return { id: source.id, title: source.title, url: source.url, ...(siteUrl ? { siteUrl } : {}) };
}

function toHealth(source: SourceConfig, record: SourceRecord | undefined): SourceHealth {
  return {
    id: source.id,
    title: source.title,
    url: source.url,
    status: record?.status ?? 'never',
    lastFetchAt: record?.lastFetchAt ?? null,
    lastError: record?.lastError ?? null,
    itemCount: record?.itemCount ?? 0,
  };
}

function dateOf(item: StoredItem): Date {
  return new Date(item.publishedAt ?? item.firstSeenAt);
}

/**
 * The newest change of a story as a reader sees it: the face's own date, an
 * in-place update of the face, or another source joining the story (its link
 * is added to the entry). Stored times only, so a rebuild changes nothing.
 */
function updatedOf(story: StoredStory): Date {
  const { face } = story;
  const times = [face.updatedAt ?? face.publishedAt ?? face.firstSeenAt, ...story.others.map((o) => o.firstSeenAt)];
  if (face.lastSeenAt !== face.firstSeenAt) times.push(face.lastSeenAt);
  return new Date(Math.max(...times.map((t) => Date.parse(t))));
}

/**
 * A story as a feed entry: its face item's text, and every outlet that
 * reported it (each by its earliest report), earliest first. A story that
 * gains a report keeps its id; its list of outlets (its content) and its
 * `updated` date change.
 */
export function toEntry(story: StoredStory, infoOf: (id: string) => SourceInfo): PublishedEntry {
  const { face } = story;
  const earliest = new Map<string, StoredItem>();
  for (const item of [face, ...story.others]) {
    const known = earliest.get(item.sourceId);
    if (known === undefined || dateOf(item).getTime() < dateOf(known).getTime()) earliest.set(item.sourceId, item);
  }
  const toReport = (item: StoredItem): OutletReport => ({ source: infoOf(item.sourceId), link: item.link ?? '', published: dateOf(item) });
  const byDate = [...earliest.values()].sort((a, b) => dateOf(a).getTime() - dateOf(b).getTime() || a.id - b.id);
  const alsoReportedBy = byDate.filter((item) => item.sourceId !== face.sourceId && item.link !== null).map(toReport);
  const first = byDate[0] ?? face;
  return {
    id: story.uid,
    title: face.title,
    link: face.link ?? story.others.find((o) => o.link !== null)?.link ?? '',
    published: dateOf(face),
    updated: updatedOf(story),
    ...(face.author === null ? {} : { author: face.author }),
    categories: face.categories,
    summary: face.summary,
    contentHtml: face.contentHtml,
    source: infoOf(face.sourceId),
    alsoReportedBy,
    outlets: earliest.size,
    firstReport: first.sourceId === face.sourceId ? toReport(face) : toReport(first),
  };
}
