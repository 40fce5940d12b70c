// `npm run eval:dedup`: story clustering over two labelled sets, through the
// real ingest path (the built dist/: normaliser, SQLite store, src/cluster),
// items stored in publication order:
//   copies  tests/fixtures/dedup/labeled.json   copies of one text (invented, but the seed)
//   events  tests/fixtures/events/labeled.json  real reports of one event by several
//           outlets in several languages, with hard-negative groups
// For each it prints pairwise precision and recall overall, within one
// language and across languages, B-cubed precision, recall and F1 (Bagga &
// Baldwin 1998), the merges inside each hard-negative group, every wrong
// merge, and a threshold sweep. Exits 1 when pairwise precision on either set
// is below 0.98 (tests/cluster/eval.test.ts checks the same).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { comparePairsByLanguage, createNearDuplicateMatcher, findMergesAcross, scoreBCubed } from '../dist/cluster/index.js';
import { parseConfig } from '../dist/config/parse-config.js';
import { normalizeItems } from '../dist/parse/index.js';
import { openStore } from '../dist/store/index.js';
import { ingestBatch } from '../dist/update/ingest-batch.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const readJson = (file) => JSON.parse(readFileSync(path.join(repo, file), 'utf8'));
const defaults = parseConfig(JSON.stringify({ sources: [], topics: [] }), path.join(repo, 'config.json')).dedup;
const escapeHtml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'topicwire-eval-'));
const MIN_PRECISION = 0.98;

const copies = readJson('tests/fixtures/dedup/labeled.json');
const events = readJson('tests/fixtures/events/labeled.json');
const sets = [
  // The copy set is all one language; its items carry no tag.
  { name: 'copies', items: copies.items.map((i) => ({ ...i, lang: 'en' })), hardNegatives: [] },
  { name: 'events', items: events.items.map(({ url, ...i }) => ({ ...i, link: url })), hardNegatives: events.hardNegatives },
];

/** The story each item ends in, ingested one by one in publication order. */
async function clusterItems(items, settings, run) {
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
    return items.map((item) => {
      const story = store.stories.findItems(item.link)[0]?.storyId;
      if (story === undefined) throw new Error(`${item.id} was not stored under ${item.link}`);
      return story;
    });
  } finally {
    store.close();
  }
}

const pct = (x) => x.toFixed(3);
const pairs = (r) => r.truePositives + r.falsePositives + r.falseNegatives;
const describePairs = (r) =>
  pairs(r) === 0
    ? 'no pairs'
    : `precision ${pct(r.precision)}  recall ${pct(r.recall)}  F1 ${pct(r.f1)}  (${r.truePositives} right, ${r.falsePositives} wrong, ${r.falseNegatives} missed)`;
const describeBCubed = (b) => `precision ${pct(b.precision)}  recall ${pct(b.recall)}  F1 ${pct(b.f1)}`;

function report(set, truth, stories, label) {
  const languages = set.items.map((i) => i.lang);
  const byLanguage = comparePairsByLanguage(truth, stories, languages);
  console.log(`${label}`);
  console.log(`  pairwise, overall:           ${describePairs(byLanguage.overall)}`);
  console.log(`  pairwise, one language:      ${describePairs(byLanguage.withinLanguage)}`);
  console.log(`  pairwise, across languages:  ${describePairs(byLanguage.acrossLanguages)}`);
  console.log(`  B-cubed:                     ${describeBCubed(scoreBCubed(truth, stories))}`);
  return byLanguage.overall;
}

let failed = false;
try {
  for (const set of sets) {
    const truth = set.items.map((i) => i.cluster);
    const all = comparePairsByLanguage(truth, truth, set.items.map((i) => i.lang));
    const clusters = new Set(truth);
    const languages = new Set(set.items.map((i) => i.lang.split('-')[0].toLowerCase()));
    console.log(`\n=== ${set.name}: ${set.items.length} items, ${clusters.size} clusters, ${languages.size} languages, ${all.overall.truePositives} same-cluster pairs (${all.withinLanguage.truePositives} in one language, ${all.acrossLanguages.truePositives} across languages)`);
    report(set, truth, await clusterItems(set.items, undefined, `${set.name}-exact`), 'exact rules only:');
    const stories = await clusterItems(set.items, defaults, `${set.name}-default`);
    const overall = report(set, truth, stories, `near-duplicates, threshold ${defaults.threshold}, window ${defaults.windowHours} h:`);
    const found = [];
    for (let i = 0; i < set.items.length; i += 1) {
      for (let j = i + 1; j < set.items.length; j += 1) {
        if (stories[i] !== stories[j]) continue;
        if (truth[i] !== truth[j]) console.log(`  wrongly merged: ${set.items[i].id} + ${set.items[j].id}`);
        else found.push(`${set.items[i].id} + ${set.items[j].id}`);
      }
    }
    if (set.name === 'events') console.log(`  rightly merged: ${found.join(', ') || 'none'}`);
    if (set.hardNegatives.length > 0) {
      console.log('  hard negatives (pairs across the group\'s clusters that were merged):');
      for (const group of set.hardNegatives) {
        const merges = findMergesAcross(truth, stories, group.clusters);
        const named = merges.merged.map(([i, j]) => `${set.items[i].id} + ${set.items[j].id}`).join(', ');
        console.log(`    ${group.kind.padEnd(30)} ${String(merges.merged.length).padStart(3)} of ${String(merges.pairs).padStart(3)} merged${named ? `: ${named}` : ''}`);
      }
    }
    console.log('  threshold sweep (pairwise overall; recall in one language / across languages):');
    for (const threshold of [0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9]) {
      const swept = await clusterItems(set.items, { threshold, windowHours: defaults.windowHours }, `${set.name}-t${threshold}`);
      const r = comparePairsByLanguage(truth, swept, set.items.map((i) => i.lang));
      const recallOf = (x) => (pairs(x) === 0 ? 'n/a' : pct(x.recall));
      console.log(`    ${threshold.toFixed(2)}  ${describePairs(r.overall)}  recall ${recallOf(r.withinLanguage)} / ${recallOf(r.acrossLanguages)}`);
    }
    if (overall.precision < MIN_PRECISION) {
      console.error(`\n${set.name}: precision ${pct(overall.precision)} is below ${MIN_PRECISION}`);
      failed = true;
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
if (failed) process.exitCode = 1;
