// `npm run eval:dedup`: near-duplicate clustering over the labelled set in
// tests/fixtures/dedup/labeled.json, through the real ingest path (the built
// dist/: normaliser, SQLite store, src/cluster), items stored in publication
// order. Prints pairwise precision, recall and F1 at the default threshold,
// the exact rules alone for comparison, and a threshold sweep; exits 1 when
// precision is below 0.98 (tests/cluster/eval.test.ts checks the same).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { comparePairs, createNearDuplicateMatcher } from '../dist/cluster/index.js';
import { parseConfig } from '../dist/config/parse-config.js';
import { normalizeItems } from '../dist/parse/index.js';
import { openStore } from '../dist/store/index.js';
import { ingestBatch } from '../dist/update/ingest-batch.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { items } = JSON.parse(readFileSync(path.join(repo, 'tests/fixtures/dedup/labeled.json'), 'utf8'));
const defaults = parseConfig(JSON.stringify({ sources: [], topics: [] }), path.join(repo, 'config.json')).dedup;
const escapeHtml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'topicwire-eval-'));

/** The story each item ends in, ingested one by one in publication order. */
async function clusterItems(settings, run) {
  const store = openStore(path.join(tmp, `${run}.db`));
  try {
    store.sources.syncSources([...new Set(items.map((i) => i.source))].map((id) => ({ id, url: `${id}.xml`, title: id })));
    const nearDuplicates = settings && createNearDuplicateMatcher(settings);
    for (const item of [...items].sort((a, b) => a.published.localeCompare(b.published))) {
      const now = new Date(item.published);
      const contentHtml = item.text.split(/\n\n+/).map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
      const feed = { format: 'rss', items: [{ guid: item.id, link: item.link, title: item.title, summaryHtml: escapeHtml(item.summary), contentHtml, published: item.published, categories: [] }], warnings: [] };
      await ingestBatch(store, normalizeItems(feed, { sourceId: item.source, feedUrl: `https://${item.source}.example/feed`, now }), { now, classify: () => [], nearDuplicates });
    }
    return items.map((item) => store.stories.findItems(item.link)[0]?.storyId ?? -1);
  } finally {
    store.close();
  }
}

const pct = (x) => x.toFixed(3);
const describe = (r) => `precision ${pct(r.precision)}  recall ${pct(r.recall)}  F1 ${pct(r.f1)}  (${r.truePositives} right, ${r.falsePositives} wrong, ${r.falseNegatives} missed pairs)`;
const truth = items.map((i) => i.cluster);
try {
  const clusters = new Set(truth).size;
  const positives = comparePairs(truth, truth).truePositives;
  console.log(`labelled set: ${items.length} items, ${clusters} stories, ${positives} same-story pairs, ${(items.length * (items.length - 1)) / 2 - positives} different-story pairs`);
  console.log(`exact rules only:              ${describe(comparePairs(truth, await clusterItems(undefined, 'exact')))}`);
  const stories = await clusterItems(defaults, 'default');
  const result = comparePairs(truth, stories);
  console.log(`near-duplicates, threshold ${defaults.threshold}, window ${defaults.windowHours} h: ${describe(result)}`);
  for (let i = 0; i < items.length; i += 1) {
    for (let j = i + 1; j < items.length; j += 1) {
      if (stories[i] === stories[j] && truth[i] !== truth[j]) console.log(`  wrongly merged: ${items[i].id} + ${items[j].id}`);
    }
  }
  console.log('\nthreshold sweep:');
  for (const threshold of [0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9]) {
    const r = comparePairs(truth, await clusterItems({ threshold, windowHours: defaults.windowHours }, `t${threshold}`));
    console.log(`  ${threshold.toFixed(2)}  ${describe(r)}`);
  }
  if (result.precision < 0.98) {
    console.error(`\nprecision ${pct(result.precision)} is below 0.98`);
    process.exitCode = 1;
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
