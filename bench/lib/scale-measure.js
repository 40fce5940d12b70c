// Times how long one topic feed takes to rebuild from the database: its
// newest stories read (listTopicStories) and its RSS, Atom and JSON Feed
// rendered, `runs` times for every topic in turn; and the whole site
// (assembleSite + renderSite), which is what the HTTP cache rebuilds.
// Usage: node scale-measure.js CONFIG RUNS  → prints one JSON line.
import path from 'node:path';
import { repoDir } from './children.js';

const [configFile, runsArg] = process.argv.slice(2);
const runs = Number(runsArg);
const dist = (p) => import(path.join(repoDir, 'dist', p));
const { loadConfig } = await dist('config/load-config.js');
const { openStore } = await dist('store/index.js');
const { assembleSite, toEntry } = await dist('daemon/assemble-site.js');
const { renderSite } = await dist('publish/index.js');
const { cleanSiteInput } = await dist('publish/clean-input.js');
const { buildFeedContext } = await dist('publish/feed-context.js');
const { renderFeedsFromContext } = await dist('publish/feeds.js');

const config = await loadConfig(configFile);
const store = openStore(config.database);
const now = new Date();
const infoOf = (id) => ({ id, title: id, url: '' });

function rebuildTopic(topic) {
  const entries = store.stories.listTopicStories(topic.id, config.output.items).map((story) => toEntry(story, infoOf));
  const input = { publicUrl: config.server.publicUrl, title: 'topicwire', indexItems: config.output.indexItems, topics: [{ topic: { id: topic.id, title: topic.title }, entries }], sources: [] };
  // What renderSite does for each topic whose input changed: clean the input, build the feed context, render the three feeds.
  const clean = cleanSiteInput(input);
  return renderFeedsFromContext(buildFeedContext(clean.publicUrl, clean.title, clean.topics[0], new Date()));
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1], runs: sorted.length };
}

// Topics in turn, so a rebuild never finds the previous one's pages and rows
// hotter than a real cycle would; the first round warms statements and JIT.
for (const topic of config.topics) rebuildTopic(topic);
const byTopic = new Map(config.topics.map((t) => [t.id, []]));
for (let run = 0; run < runs; run += 1) {
  for (const topic of config.topics) {
    const started = performance.now();
    rebuildTopic(topic);
    byTopic.get(topic.id).push(performance.now() - started);
  }
}
const siteSamples = [];
for (let run = 0; run < Math.max(5, Math.floor(runs / 5)); run += 1) {
  const started = performance.now();
  renderSite(await assembleSite(store, config, now), now);
  siteSamples.push(performance.now() - started);
}
const topics = Object.fromEntries([...byTopic].map(([id, samples]) => [id, summarize(samples)]));
const all = summarize([...byTopic.values()].flat());
const counts = store.stories.countAll();
store.close();
process.stdout.write(`${JSON.stringify({ all, topics, site: summarize(siteSamples), counts })}\n`);
