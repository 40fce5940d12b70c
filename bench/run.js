// `npm run bench`: topicwire's performance figures, each against a baseline
// measured in the same run, on corpora generated here (deterministic) and
// served from 127.0.0.1 by a separate process. docs/performance.md says what
// each figure measures and what the targets are.
//
// Environment:
//   BENCH_FEEDS=N        feeds in the first-fetch corpus (default 1,000); the daemon's corpus
//                        has as many, the scale corpus a fifth
//   BENCH_ITEMS=N        items per feed (default 50); the daemon's feeds carry twice as many
//   BENCH_RUNS=N         rounds of first fetches; ingest, refresh and memory-fetch are their medians (default 3)
//   BENCH_DAEMON_RUNS=N  runs of the daemon; memory-run is their median (default 1)
//   BENCH_SCALE=N        items in the scale database, and in event-cost's large store (default 1,000,000)
//   BENCH_EVENT_BATCHES=N  batches of 50 new items event-cost stores (default 40)
//   BENCH_ONLY=a,b       only these figures; a name also selects the figures named name-…
//                        (ingest → ingest, ingest-nodup; memory → memory-fetch, memory-run; regex → regex-hostile, regex-plain; …)
//   BENCH_PROFILE=DIR    one more first fetch under --cpu-prof into DIR; prints the top of every thread's profile
//   BENCH_KEEP=1         keep the temporary folder (databases, corpora, configs)
//   BENCH_DAEMON_FLAGS='--max-semi-space-size=2 …'  node flags for memory-run's daemon, added to its
//                        NODE_OPTIONS (so only flags NODE_OPTIONS takes) on top of its shebang's
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeBenchConfig } from './lib/bench-config.js';
import { startStaticServer } from './lib/children.js';
import { sourcesOf, writeCorpus } from './lib/corpus-dir.js';
import { fixed, formatFigure, mb } from './lib/report.js';
import { extent, median } from './lib/stats.js';
import { summarizeProfile } from './lib/summarize-profile.js';
import { benchFirstFetch, profileFirstFetch, runBarePipeline, runFetch } from './figures/ingest.js';
import { benchDaemon } from './figures/memory.js';
import { benchRegex } from './figures/regex.js';
import { benchScale } from './figures/scale.js';
import { benchEventCost } from './figures/events.js';
import { benchServe } from './figures/serve.js';
import { benchWorkers } from './figures/workers.js';

const FIGURES = ['event-cost', 'ingest', 'ingest-nodup', 'workers-1', 'workers-2', 'refresh', 'refresh-cycle', 'memory-fetch', 'memory-run', 'serve', 'serve-304', 'scale-feed', 'scale-ingest', 'scale-bytes', 'regex-hostile', 'regex-plain'];
const env = process.env;
const only = env.BENCH_ONLY ? env.BENCH_ONLY.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
const refuse = (message) => {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
};
const selects = (name, figure) => figure === name || figure.startsWith(`${name}-`);
for (const name of only ?? []) {
  if (!FIGURES.some((figure) => selects(name, figure))) refuse(`BENCH_ONLY: no figure "${name}"; the figures are ${FIGURES.join(', ')}`);
}
const wants = (...figures) => figures.some((figure) => only === undefined || only.some((name) => selects(name, figure)));
const count = (name, fallback) => {
  const value = Number(env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) refuse(`${name} must be a whole number of at least 1, not "${env[name]}"`);
  return value;
};
const FEEDS = count('BENCH_FEEDS', 1000);
const ITEMS = count('BENCH_ITEMS', 50);
const RUNS = count('BENCH_RUNS', 3);
const DAEMON_RUNS = count('BENCH_DAEMON_RUNS', 1);
const scaleItems = count('BENCH_SCALE', 1_000_000);
const SEED = 1;
const SERVE_SECONDS = 5;
const SCALE_RUNS = 50;
/** The daemon's second cycle: every tenth feed has this many new items, the others answer 304. */
const CHANGED_EVERY = 10;
const FRESH_ITEMS = 5;
const MB150 = 150 * 1024 * 1024;

const tmp = mkdtempSync(path.join(os.tmpdir(), 'topicwire-bench-'));
const log = (text) => process.stderr.write(`${text}\n`);
const print = (figure) => process.stdout.write(`${formatFigure(figure)}\n`);
const seconds = (ms, digits = 1) => `${fixed(ms / 1000, digits)} s`;
const spread = (values, format) => {
  const { min, max } = extent(values);
  return values.length === 1 ? format(min) : `${format(min)}–${format(max)}`;
};
const started = performance.now();

async function withCorpus(name, options, fn) {
  log(`· generating ${fixed(options.feeds)} feeds × ${options.items} items (${name})`);
  const corpus = writeCorpus(path.join(tmp, name), options);
  log(`  ${fixed(corpus.items)} items, ${mb(corpus.bytes)}, ${fixed(corpus.duplicates)} carried by two feeds`);
  const server = await startStaticServer(corpus.dir);
  try {
    return await fn(corpus, server);
  } finally {
    await server.stop();
  }
}

/** The main thread's profile and each worker thread's (node writes one file per thread: CPU.date.time.pid.THREAD.seq). */
function printProfile(dir) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort();
  for (const name of files) {
    const thread = Number(name.split('.')[4] ?? 0);
    const { totalMs, self, areas } = summarizeProfile(path.join(dir, name), thread === 0 ? 12 : 6);
    log(`\nprofile of the first fetch, ${thread === 0 ? 'main thread' : `worker thread ${thread}`} (${name}), ${fixed(totalMs)} ms sampled`);
    for (const [area, ms] of areas) log(`  ${fixed(ms).padStart(6)} ms ${fixed((100 * ms) / totalMs, 1).padStart(5)}%  ${area} (inclusive)`);
    for (const [fn, ms] of self) log(`  ${fixed(ms).padStart(6)} ms ${fixed((100 * ms) / totalMs, 1).padStart(5)}%  ${fn} (self)`);
  }
}

/** ingest, ingest-nodup, refresh, refresh-cycle, memory-fetch, then serve on the database the last round filled. */
async function benchFirstFetches(corpus, server) {
  const sources = sourcesOf(corpus, server.url);
  const measured = wants('ingest', 'ingest-nodup', 'refresh', 'refresh-cycle', 'memory-fetch');
  const baselines = wants('ingest', 'ingest-nodup', 'memory-fetch');
  const runs = measured ? RUNS : 1;
  log(`· first fetch: ${runs} round${runs === 1 ? '' : 's'} of ${baselines ? 'rss-parser alone, the bare pipeline (first run, all-304 run), ' : ''}` +
    `\`topicwire fetch\` (first, all-304)${wants('ingest-nodup') ? ', `topicwire fetch` with clustering off' : ''}`);
  const { samples, last } = await benchFirstFetch({ workDir: path.join(tmp, 'first-fetch'), corpus, sources, runs, baselines, nodup: wants('ingest-nodup'), log });
  const items = corpus.items;
  const rateOf = (runsOf) => items / (median(runsOf.map((r) => r.ms)) / 1000);
  const ours = rateOf(samples.first);

  if (baselines) {
    const bare = rateOf(samples.bare);
    if (wants('ingest')) {
      print({ name: 'ingest', value: `${fixed(ours)} items/s`, baseline: `(bare pipeline) ${fixed(bare)} items/s`, ratio: fixed(ours / bare, 2), target: 'target >= 0.5', ok: ours / bare >= 0.5 });
    }
    if (wants('ingest-nodup')) {
      const off = rateOf(samples.nodup);
      log(`  clustering on (copies and events) ${fixed(ours)} items/s, off ${fixed(off)} items/s: on takes ${fixed(off / ours, 2)}× the time of off`);
      print({ name: 'ingest-nodup', value: `${fixed(off)} items/s`, baseline: `(bare pipeline) ${fixed(bare)} items/s`, ratio: fixed(off / bare, 2) });
    }
    const cycleRatio = median(samples.first.map((r) => r.cycleMs)) / median(samples.bare.map((r) => r.cycleMs));
    log(`  rates are items over spawn-to-exit time, medians of ${runs}; first request to last commit alone, topicwire takes ${fixed(cycleRatio, 2)}× the bare pipeline's time`);
  }
  if (wants('refresh')) {
    const ratio = median(samples.refresh.map((r) => r.ms)) / median(samples.first.map((r) => r.ms));
    print({ name: 'refresh', value: seconds(median(samples.refresh.map((r) => r.ms)), 2), baseline: `(first fetch) ${seconds(median(samples.first.map((r) => r.ms)), 2)}`, ratio: fixed(ratio, 3), target: 'target < 0.05', ok: ratio < 0.05 });
  }
  if (wants('refresh-cycle')) {
    const cycle = median(samples.refresh.map((r) => r.cycleMs));
    const firstCycle = median(samples.first.map((r) => r.cycleMs));
    print({ name: 'refresh-cycle', value: seconds(cycle, 2), baseline: `(first cycle) ${seconds(firstCycle, 2)}`, ratio: fixed(cycle / firstCycle, 3) });
  }
  if (wants('memory-fetch')) {
    const peak = median(samples.first.map((r) => r.peakBytes));
    const barePeak = median(samples.bare.map((r) => r.peakBytes));
    print({ name: 'memory-fetch', value: `${mb(peak)} peak RSS`, baseline: `(bare pipeline) ${mb(barePeak)}`, ratio: fixed(peak / barePeak, 2), target: 'target < 150 MB', ok: peak < MB150 });
  }
  if (measured) {
    // The rows of docs/performance.md's table: first fetch median (range), items/s, peak RSS, all-304 refresh.
    const row = (name, first, refresh) =>
      `  | ${name} | ${seconds(median(first.map((r) => r.ms)))} (${spread(first.map((r) => r.ms), (ms) => fixed(ms / 1000, 1))}) | ~${fixed(rateOf(first))} | ` +
      `${spread(first.map((r) => r.peakBytes), (b) => fixed(b / 1024 / 1024))} MB | ${refresh === undefined ? '–' : `${spread(refresh.map((r) => r.ms), (ms) => fixed(ms / 1000, 2))} s`} |`;
    log(`  table rows (medians of ${runs}, ranges):`);
    if (baselines) {
      const parse = samples.parse.map((p) => ({ ms: p.ms, peakBytes: p.peakBytes }));
      log(row('rss-parser alone, in memory', parse));
      log(row('a bare pipeline: fetch ×8 → rss-parser → better-sqlite3, one transaction per feed', samples.bare, samples.bareRefresh));
    }
    log(row('topicwire', samples.first, samples.refresh));
    if (samples.nodup.length > 0) log(row('topicwire, clustering off (copies and events)', samples.nodup));
    log(`  topicwire's first fetch: ${samples.first[0].new} new, ${samples.first[0].duplicate} duplicate; its cycle alone ${spread(samples.first.map((r) => r.cycleMs), (ms) => fixed(ms / 1000, 1))} s; the all-304 cycle alone ${spread(samples.refresh.map((r) => r.cycleMs), (ms) => fixed(ms / 1000, 2))} s`);
  }

  if (env.BENCH_PROFILE) {
    const profileDir = path.resolve(env.BENCH_PROFILE);
    log(`· profile: one more first fetch under --cpu-prof, into ${profileDir}`);
    const run = await profileFirstFetch({ workDir: path.join(tmp, 'first-fetch'), corpus, sources, profileDir });
    log(`  profiled first fetch: ${seconds(run.ms)} (cycle ${seconds(run.cycleMs)})`);
    printProfile(profileDir);
  }

  if (wants('serve', 'serve-304')) {
    log(`· serve: autocannon, 10 connections, ${SERVE_SECONDS} s per measurement`);
    const serve = await benchServe({ configFile: last.configFile, workDir: last.dir, seconds: SERVE_SECONDS, topic: 'energy' });
    for (const [name, ours200, bare200] of [['serve', serve.ours200, serve.bare200], ['serve-304', serve.ours304, serve.bare304]]) {
      if (!wants(name)) continue;
      const ratio = ours200.rps / bare200.rps;
      print({ name, value: `${fixed(ours200.rps)} req/s`, baseline: `(bare node:http) ${fixed(bare200.rps)} req/s`, ratio: fixed(ratio, 2), target: 'target >= 0.7', ok: ratio >= 0.7 });
    }
    log(`  /topics/energy.rss, ${fixed(serve.bytes)} bytes; p99 latency ${serve.ours200.p99ms} ms (bare ${serve.bare200.p99ms} ms)`);
  }
}

/** workers-1, workers-2: one and two `run` workers on PostgreSQL (against `fetch` on SQLite). */
async function benchWorkerFigures(corpus, server) {
  log(`· workers: ${RUNS} round${RUNS === 1 ? '' : 's'} of \`topicwire fetch\` on SQLite, then one and two \`run\` workers on one PostgreSQL database`);
  const samples = await benchWorkers({ workDir: path.join(tmp, 'workers'), corpus, sources: sourcesOf(corpus, server.url), runs: RUNS, log });
  const rate = (runs) => corpus.items / (median(runs.map((r) => r.ms)) / 1000);
  const sqlite = rate(samples.sqlite);
  const one = rate(samples.one);
  const two = rate(samples.two);
  if (wants('workers-1')) print({ name: 'workers-1', value: `${fixed(one)} items/s`, baseline: `(fetch on SQLite) ${fixed(sqlite)} items/s`, ratio: fixed(one / sqlite, 2) });
  if (wants('workers-2')) print({ name: 'workers-2', value: `${fixed(two)} items/s`, baseline: `(one worker) ${fixed(one)} items/s`, ratio: fixed(two / one, 2) });
  log(`  medians of ${RUNS}: one worker ${seconds(median(samples.one.map((r) => r.ms)))}, two ${seconds(median(samples.two.map((r) => r.ms)))}, SQLite fetch ${seconds(median(samples.sqlite.map((r) => r.ms)))}`);
}

/** scale-feed, scale-ingest, scale-bytes. */
async function benchScaleFigures(corpus, server) {
  log(`· scale: ${fixed(scaleItems)} items generated into a database, then a \`fetch\` of ${fixed(corpus.items)} new items into it`);
  const { file } = writeBenchConfig(path.join(tmp, 'scale'), sourcesOf(corpus, server.url, 'new'));
  const scale = await benchScale({ configFile: file, items: scaleItems, sources: 1000, runs: SCALE_RUNS });
  // The same fetch into an empty database, right after, so both rates see the same machine.
  const empty = await runFetch(writeBenchConfig(path.join(tmp, 'scale-empty'), sourcesOf(corpus, server.url, 'new')).file);
  const emptyScaleRate = corpus.items / (empty.ms / 1000);
  log(`  generated in ${seconds(scale.generated.ms)}: ${fixed(scale.generated.items)} items, ${fixed(scale.generated.stories)} stories`);
  const { all, site } = scale.rebuild;
  if (wants('scale-feed')) print({ name: 'scale-feed', value: `p99 ${fixed(all.p99, 1)} ms`, baseline: `(p50) ${fixed(all.p50, 1)} ms`, target: 'target < 50 ms', ok: all.p99 < 50 });
  log(`  ${all.runs} rebuilds of one topic feed (RSS, Atom, JSON) over ${Object.keys(scale.rebuild.topics).length} topics; max ${fixed(all.max, 1)} ms; whole site p50 ${fixed(site.p50)} ms`);
  const rate = corpus.items / (scale.ingest.ms / 1000);
  const ratio = rate / emptyScaleRate;
  if (wants('scale-ingest')) print({ name: 'scale-ingest', value: `${fixed(rate)} items/s`, baseline: `(empty database) ${fixed(emptyScaleRate)} items/s`, ratio: fixed(ratio, 2), target: 'target >= 0.8', ok: ratio >= 0.8 });
  if (wants('scale-bytes')) print({ name: 'scale-bytes', value: `${fixed(scale.generated.bytes / scale.generated.items)} bytes/item`, baseline: `(file) ${mb(scale.generated.bytes)}` });
}

/** Items in event-cost's small store, against which the large one (BENCH_SCALE) is measured. */
const EVENT_SMALL = 10_000;
const EVENT_BATCHES = count('BENCH_EVENT_BATCHES', 40);

/** event-cost: µs per item of ingest with event clustering, into 10,000 and into BENCH_SCALE stored items. */
async function benchEventFigures() {
  log(`· event-cost: ${EVENT_BATCHES} batches of 50 new items into stores of ${fixed(EVENT_SMALL)} and ${fixed(scaleItems)} generated items (each with its event evidence and keys), events on, then off; ${RUNS} rounds, the two stores in turn`);
  const store = (items) => {
    const { file, config } = writeBenchConfig(path.join(tmp, `events-${items}`), []);
    return { configFile: file, database: config.database, items };
  };
  const { generated, small, large } = await benchEventCost({ small: store(EVENT_SMALL), large: store(scaleItems), sources: 1000, batches: EVENT_BATCHES, rounds: RUNS });
  // CPU time (user + system): on a machine shared with other jobs it moves far less than wall time.
  const ratio = large.cpuOn / small.cpuOn;
  print({ name: 'event-cost', value: `${fixed(large.cpuOn, 0)} µs/item at ${fixed(scaleItems)}`, baseline: `(${fixed(EVENT_SMALL)} stored) ${fixed(small.cpuOn, 0)} µs/item`, ratio: fixed(ratio, 2), target: 'target <= 1.2', ok: ratio <= 1.2 });
  log(`  CPU µs per item, medians of ${RUNS} rounds (${small.cpuOnRuns.map((v) => fixed(v, 0)).join(', ')} and ${large.cpuOnRuns.map((v) => fixed(v, 0)).join(', ')}); wall time: ${fixed(small.on, 0)} and ${fixed(large.on, 0)} µs/item (ratio ${fixed(large.on / small.on, 2)})`);
  log(`  events off: ${fixed(small.cpuOff, 0)} µs/item at ${fixed(EVENT_SMALL)}, ${fixed(large.cpuOff, 0)} µs/item at ${fixed(scaleItems)} (CPU); event keys stored: ${fixed(generated.small.eventKeys)} and ${fixed(generated.large.eventKeys)}; ${large.joined} of ${large.items} new items joined a story in the large store`);
}

/** memory-run: the daemon over two cycles, against the bare pipeline's first run over the same corpus. */
async function benchDaemonMemory() {
  const options = { seed: SEED + 2, feeds: FEEDS, items: 2 * ITEMS };
  log(`· generating ${fixed(options.feeds)} feeds × ${options.items} items (corpus-daemon), and every ${CHANGED_EVERY}th feed again with ${FRESH_ITEMS} new items`);
  const corpus = writeCorpus(path.join(tmp, 'corpus-daemon'), options);
  const changed = writeCorpus(path.join(tmp, 'corpus-daemon-later'), { ...options, changedEvery: CHANGED_EVERY, fresh: FRESH_ITEMS });
  log(`  ${fixed(corpus.items)} items, ${mb(corpus.bytes)}; the second cycle: ${changed.files.length} feeds changed, the others 304`);
  const nodeFlags = env.BENCH_DAEMON_FLAGS ? env.BENCH_DAEMON_FLAGS.split(' ') : [];
  const runs = [];
  let barePeak;
  for (let run = 1; run <= DAEMON_RUNS; run += 1) {
    // A server of its own each run: it serves the later files once it has sent every first one.
    const server = await startStaticServer(corpus.dir, changed.dir);
    try {
      const dir = path.join(tmp, `daemon-${run}`);
      // Every source is due again a moment after it was fetched, and the schedule starts a cycle every 5 s.
      const bounds = { minIntervalMinutes: 0.01, maxIntervalMinutes: 0.01 };
      const { file } = writeBenchConfig(dir, sourcesOf(corpus, server.url), { schedule: '*/5 * * * * *', fetch: bounds });
      const daemon = await benchDaemon({ configFile: file, nodeFlags });
      const [first, second] = daemon.cycles;
      if (first.failed > 0 || second.failed > 0) throw new Error(`memory-run: ${first.failed} and ${second.failed} sources failed in the two cycles`);
      if (first.new + first.duplicate !== corpus.items) throw new Error(`memory-run: the first cycle stored ${first.new + first.duplicate} of ${corpus.items} items`);
      if (second.new !== changed.files.length * FRESH_ITEMS) throw new Error(`memory-run: the second cycle stored ${second.new} new items, not ${changed.files.length * FRESH_ITEMS}`);
      log(`  run ${run}: first cycle ${first.new} new, ${first.duplicate} duplicate in ${seconds(first.ms)}, peak ${mb(first.peakBytes)}; ` +
        `second ${second.new} new, ${second.unchanged} unchanged in ${seconds(second.ms)}, peak ${mb(second.peakBytes)}`);
      runs.push(daemon);
      rmSync(dir, { recursive: true, force: true });
      if (barePeak === undefined) {
        // The same corpus (the later files by now) through the bare pipeline, for scale.
        const bareDir = path.join(tmp, 'daemon-bare');
        const bare = await runBarePipeline(writeBenchConfig(bareDir, sourcesOf(corpus, server.url)).file, path.join(bareDir, 'bare.db'));
        barePeak = bare.peakBytes;
        log(`  bare pipeline over the same corpus: ${seconds(bare.ms)}, peak ${mb(bare.peakBytes)}`);
        rmSync(bareDir, { recursive: true, force: true });
      }
    } finally {
      await server.stop();
    }
  }
  const peak = median(runs.map((r) => r.peakBytes));
  if (env.BENCH_DAEMON_FLAGS) log(`  daemon started with NODE_OPTIONS=${env.BENCH_DAEMON_FLAGS}`);
  print({ name: 'memory-run', value: `${mb(peak)} peak RSS`, baseline: `(bare pipeline) ${mb(barePeak)}`, ratio: fixed(peak / barePeak, 2), target: 'target < 150 MB', ok: peak < MB150 });
}

/** regex-hostile, regex-plain: the query regex engine (RE2) on a pattern that makes a backtracking engine run for ever, and on a plain one. */
function benchRegexFigures() {
  log('· regex: /(a+)+$/ against 48 a\'s and a "!"; /nato\\b/i against 1,000 titles');
  const regex = benchRegex();
  if (wants('regex-hostile')) {
    print({ name: 'regex-hostile', value: `${fixed(regex.hostileMs, 3)} ms`, baseline: `(RegExp, 22 a's) ${fixed(regex.backtrackingMs, 1)} ms`, target: 'target < 1 ms', ok: regex.hostileMs < 1 });
  }
  if (wants('regex-plain')) {
    print({ name: 'regex-plain', value: `${fixed(regex.re2Ms * 1000, 2)} µs/title`, baseline: `(RegExp) ${fixed(regex.nativeMs * 1000, 2)} µs/title`, ratio: fixed(regex.nativeMs / regex.re2Ms, 2) });
  }
  log('  with RegExp the hostile pattern doubles its time with each "a": 48 would take months');
}

try {
  log(`topicwire bench in ${tmp} (node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})`);
  if (wants('ingest', 'ingest-nodup', 'refresh', 'refresh-cycle', 'memory-fetch', 'serve', 'serve-304')) {
    await withCorpus('corpus', { seed: SEED, feeds: FEEDS, items: ITEMS }, benchFirstFetches);
  }
  if (wants('workers-1', 'workers-2')) await withCorpus('corpus-workers', { seed: SEED, feeds: FEEDS, items: ITEMS }, benchWorkerFigures);
  if (wants('scale-feed', 'scale-ingest', 'scale-bytes')) {
    await withCorpus('corpus-scale', { seed: SEED + 1, feeds: Math.ceil(FEEDS / 5), items: ITEMS }, benchScaleFigures);
  }
  if (wants('event-cost')) await benchEventFigures();
  if (wants('memory-run')) await benchDaemonMemory();
  if (wants('regex-hostile', 'regex-plain')) benchRegexFigures();
  log(`done in ${fixed((performance.now() - started) / 1000)} s (load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})`);
} finally {
  if (env.BENCH_KEEP) log(`kept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}
