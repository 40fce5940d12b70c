// The cost per item of ingest into a stored history, with event clustering
// on and then off: `batches` batches of 50 new items (one source each, as a
// fetch stores them), through the real update step (ingestBatch: the store's
// one read, decide, its one write) in process, within one cycle. Runs as a
// child process. Each measurement stores items of feeds of its own (its own
// hosts, so its own guids and links): new items, never updates of an
// earlier measurement's. `ROUND` keeps the hosts of one run apart from the
// next on the same store.
// Usage: node event-cost.js CONFIG BATCHES [ROUND] → prints {"on":µs,"off":µs,"cpuOn":µs,"cpuOff":µs,"items":N,"new":N,"joined":N}
// (wall time and CPU time of the process, per item).
import path from 'node:path';
import { generateStory } from './story.js';
import { repoDir } from './children.js';

const [configFile, batchesArg, round = '0'] = process.argv.slice(2);
const batches = Number(batchesArg);
const dist = (p) => import(path.join(repoDir, 'dist', p));
const { loadConfig } = await dist('config/load-config.js');
const { openStore } = await dist('store/index.js');
const { ingestBatch } = await dist('update/ingest-batch.js');
const { eventMatcherOf } = await dist('update/update-sources.js');
const { createNearDuplicateMatcher } = await dist('cluster/index.js');
const { normalizeItems } = await dist('parse/index.js');

const config = await loadConfig(configFile);
const store = openStore(config.database);
const sources = store.sources.listSources().map((s) => s.id);
const nearDuplicates = createNearDuplicateMatcher(config.dedup);
const events = eventMatcherOf({ ...config, dedup: { ...config.dedup, events: true } });

/** One batch of new items for source `b` (seed `seed`), from hosts named by `tag`, normalised as a fetch would. */
function batchOf(seed, b, tag) {
  const sourceId = sources[b % sources.length];
  // Feeds 1–40: their items are dated in the last day or so of the stored history, so the event window is full.
  const feedNo = 1 + (b % 40);
  const items = Array.from({ length: 50 }, (_, i) => generateStory(seed, feedNo, i, { host: `www.site${feedNo}.${tag}.example` }));
  const feed = { format: 'rss', items: items.map((s) => ({ guid: s.guid, link: s.link, title: s.title, summaryHtml: s.summaryHtml, contentHtml: s.contentHtml, published: s.published.toISOString(), categories: s.categories })), warnings: [] };
  return { sourceId, items: normalizeItems(feed, { sourceId, feedUrl: `https://${sourceId}.example/feed`, now: new Date(items[0].published) }) };
}

async function measure(seed, withEvents) {
  // Stories of their own too: the same seed from other hosts would be copies that join at once.
  const ownSeed = seed + 1000 * Number(round);
  const prepared = Array.from({ length: batches }, (_, b) => batchOf(ownSeed, b, `s${ownSeed}`));
  let items = 0;
  let stored = 0;
  let joined = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  // In a cycle, as a fetch stores its sources: checkpoints wait for its end, whose one checkpoint is counted too.
  await store.duringCycle(async () => {
    for (const batch of prepared) {
      const counts = await ingestBatch(store, batch.items, { now: new Date(), classify: () => [], nearDuplicates, ...(withEvents ? { events } : {}) });
      items += batch.items.length;
      stored += counts.new + counts.duplicate;
      joined += counts.duplicate;
    }
  });
  const used = process.cpuUsage(cpu);
  return { us: ((performance.now() - started) * 1000) / items, cpu: (used.user + used.system) / items, items, stored, joined };
}

// A warm-up batch each way, so both measurements see warm caches.
await measure(97, true);
await measure(98, false);
const on = await measure(11, true);
const off = await measure(12, false);
store.close();
process.stdout.write(`${JSON.stringify({ on: on.us, off: off.us, cpuOn: on.cpu, cpuOff: off.cpu, items: on.items, new: on.stored, joined: on.joined })}\n`);
