import { readFileSync } from 'node:fs';
import path from 'node:path';
import { comparePairs, createEventMatcher, createNearDuplicateMatcher, type PairwiseResult } from '../../src/cluster/index.js';
import type { EventMatcherSettings, NearDuplicateSettings } from '../../src/cluster/index.js';
import { normalizeItems } from '../../src/parse/index.js';
import { openStore } from '../../src/store/index.js';
import { ingestBatch } from '../../src/update/ingest-batch.js';
import { repoRoot } from '../support/cli.js';
import { makeTempDir } from '../support/items.js';

export interface LabeledItem {
  id: string;
  cluster: string;
  source: string;
  published: string;
  link: string;
  title: string;
  summary: string;
  /** Paragraphs separated by blank lines. */
  text: string;
  /** BCP 47 tag, as the feed would give it (the event set's items have one). */
  lang?: string;
}

/** Clustering as config.json "dedup" sets it: copies, and events when given. */
export interface ClusterSettings {
  copies?: NearDuplicateSettings;
  events?: EventMatcherSettings;
}

/** One report of tests/fixtures/events/labeled.json: a stored news page as a feed would carry it. */
export interface EventItem {
  id: string;
  cluster: string;
  source: string;
  /** BCP 47 tag of the text's language. */
  lang: string;
  published: string;
  /** How `published` was read when the page gave no time or no date. */
  dateNote?: string;
  /** The stored page's address. */
  url: string;
  /** Empty when the stored page text starts below its headline. */
  title: string;
  titleNote?: string;
  summary: string;
  /** Paragraphs separated by blank lines. */
  text: string;
}

/** Clusters that must stay apart, and why they are easy to join. */
export interface HardNegativeGroup {
  kind: string;
  clusters: string[];
  why: string;
}

export interface EventSet {
  description: string;
  hardNegatives: HardNegativeGroup[];
  items: EventItem[];
}

export function readLabeledSet(): LabeledItem[] {
  const file = path.join(repoRoot, 'tests/fixtures/dedup/labeled.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { items: LabeledItem[] }).items;
}

export function readEventSet(): EventSet {
  return JSON.parse(readFileSync(path.join(repoRoot, 'tests/fixtures/events/labeled.json'), 'utf8')) as EventSet;
}

/** An event report as the ingest path takes it: its page address is the item's link. */
export function toLabeledItem(item: EventItem): LabeledItem {
  const { id, cluster, source, published, url, title, summary, text, lang } = item;
  return { id, cluster, source, published, link: url, title, summary, text, lang };
}

/**
 * The real ingest path over a labelled set: each item normalised as a feed
 * entry of its source and stored in publication order in a SQLite file.
 * Returns the story each item ended in, in the order of `items`.
 */
export async function clusterLabeledSet(items: readonly LabeledItem[], settings: NearDuplicateSettings | ClusterSettings | undefined): Promise<number[]> {
  const { copies, events } = settings === undefined ? {} : 'threshold' in settings ? { copies: settings } : settings;
  const store = openStore(path.join(makeTempDir('tw-dedup-'), 'eval.db'));
  try {
    const sources = [...new Set(items.map((i) => i.source))];
    store.sources.syncSources(sources.map((id) => ({ id, url: `${id}.xml`, title: id })));
    const nearDuplicates = copies === undefined ? undefined : createNearDuplicateMatcher(copies);
    const eventMatcher = events === undefined ? undefined : createEventMatcher(events);
    const ordered = [...items].sort((a, b) => a.published.localeCompare(b.published));
    for (const item of ordered) {
      const now = new Date(item.published);
      const contentHtml = item.text.split(/\n\n+/).map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
      const feed = {
        format: 'rss' as const,
        items: [{ guid: item.id, link: item.link, title: item.title, summaryHtml: escapeHtml(item.summary), contentHtml, published: item.published, categories: [], ...(item.lang === undefined ? {} : { lang: item.lang }) }],
        warnings: [],
      };
      const normalized = normalizeItems(feed, { sourceId: item.source, feedUrl: `https://${item.source}.example/feed`, now });
      await ingestBatch(store, normalized, { now, classify: () => [], nearDuplicates, events: eventMatcher });
    }
    return items.map((item) => {
      const story = store.stories.findItems(item.link)[0]?.storyId;
      // A lost item would count as merged with every other lost item.
      if (story === undefined) throw new Error(`labelled item ${item.id} was not stored under ${item.link}`);
      return story;
    });
  } finally {
    store.close();
  }
}

/** Pairwise agreement of the stories from `clusterLabeledSet` with the labels. */
export async function evaluateLabeledSet(items: readonly LabeledItem[], settings: NearDuplicateSettings | ClusterSettings | undefined): Promise<PairwiseResult> {
  return comparePairs(items.map((i) => i.cluster), await clusterLabeledSet(items, settings));
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
