import { readFileSync } from 'node:fs';
import path from 'node:path';
import { comparePairs, createNearDuplicateMatcher, type PairwiseResult } from '../../src/cluster/index.js';
import type { NearDuplicateSettings } from '../../src/cluster/index.js';
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
}

export function readLabeledSet(): LabeledItem[] {
  const file = path.join(repoRoot, 'tests/fixtures/dedup/labeled.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { items: LabeledItem[] }).items;
}

/**
 * The real ingest path over the labelled set: each item normalised as a feed
 * entry of its source, stored in publication order in a SQLite file, and the
 * stories it ended in compared pairwise with the labels.
 */
export async function evaluateLabeledSet(items: readonly LabeledItem[], settings: NearDuplicateSettings | undefined): Promise<PairwiseResult> {
  const store = openStore(path.join(makeTempDir('tw-dedup-'), 'eval.db'));
  try {
    const sources = [...new Set(items.map((i) => i.source))];
    store.sources.syncSources(sources.map((id) => ({ id, url: `${id}.xml`, title: id })));
    const nearDuplicates = settings === undefined ? undefined : createNearDuplicateMatcher(settings);
    const ordered = [...items].sort((a, b) => a.published.localeCompare(b.published));
    for (const item of ordered) {
      const now = new Date(item.published);
      const contentHtml = item.text.split(/\n\n+/).map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
      const feed = {
        format: 'rss' as const,
        items: [{ guid: item.id, link: item.link, title: item.title, summaryHtml: escapeHtml(item.summary), contentHtml, published: item.published, categories: [] }],
        warnings: [],
      };
      const normalized = normalizeItems(feed, { sourceId: item.source, feedUrl: `https://${item.source}.example/feed`, now });
      await ingestBatch(store, normalized, { now, classify: () => [], nearDuplicates });
    }
    const storyOf = (item: LabeledItem): number => store.stories.findItems(item.link)[0]?.storyId ?? -1;
    return comparePairs(items.map((i) => i.cluster), items.map(storyOf));
  } finally {
    store.close();
  }
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
