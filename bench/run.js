// `npm run bench`: topicwire's performance figures, each against a baseline
// measured in the same run, on a corpus generated here (deterministic) and
// served from 127.0.0.1 by a separate process. See README.md "Performance".
//
// Environment:
//   BENCH_SCALE=N      items in the scale database (default 1,000,000)
//   BENCH_ONLY=a,b     run only these figures: ingest, serve, scale, memory, regex
//   BENCH_PROFILE=DIR  write a CPU profile of the first fetch to DIR and print its top
//   BENCH_KEEP=1       keep the temporary folder (databases, corpora, configs)
//   BENCH_DAEMON_FLAGS='--max-semi-space-size=2 …'  node flags for the memory figure's daemon
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeBenchConfig } from './lib/bench-config.js';
import { startStaticServer } from './lib/children.js';
import { sourcesOf, writeCorpus } from './lib/corpus-dir.js';
import { fixed, formatFigure, mb } from './lib/report.js';
import { summarizeProfile } from './lib/summarize-profile.js';
import { benchIngest, runFetch } from './figures/ingest.js';
import { benchMemory } from './figures/memory.js';
import { benchRegex } from './figures/regex.js';
import { benchScale } from './figures/scale.js';
import { benchServe } from './figures/serve.js';

const env = process.env;
const only = env.BENCH_ONLY ? new Set(env.BENCH_ONLY.split(',')) : undefined;
const wants = (name) => only === undefined || only.has(name);
const scaleItems = Number(env.BENCH_SCALE ?? 1_000_000);
const SEED = 1;
const SERVE_SECONDS = 5;
const SCALE_RUNS = 50;

const tmp = mkdtempSync(path.join(os.tmpdir(), 'topicwire-bench-'));
const log = (text) => process.stderr.write(`${text}\n`);
const lines = [];
const print = (figure) => {
  const line = formatFigure(figure);
  lines.push(line);
  process.stdout.write(`${line}\n`);
};
const started = performance.now();

async function withCorpus(name, options, fn) {
  log(`· generating ${options.feeds} feeds × ${options.items} items (${name})`);
  const corpus = writeCorpus(path.join(tmp, name), options);
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

try {
  log(`topicwire bench in ${tmp} (node ${process.version}, ${os.cpus().length} cores)`);

  if (wants('ingest') || wants('serve')) {
    await withCorpus('corpus', { seed: SEED, feeds: 200, items: 50 }, async (corpus, server) => {
      log(`  ${corpus.items} items, ${mb(corpus.bytes)}, ${corpus.duplicates} carried by two feeds`);
      const dir = path.join(tmp, 'ingest');
      const { file } = writeBenchConfig(dir, sourcesOf(corpus, server.url));
      log('· ingest: rss-parser alone, then a first and a second `topicwire fetch`');
      const profileDir = env.BENCH_PROFILE ? path.resolve(env.BENCH_PROFILE) : undefined;
      const { parse, first, second } = await benchIngest({ configFile: file, corpus, profileDir });
      const parseRate = parse.items / (parse.ms / 1000);
      // The cycle's time, as `fetch` reports it: the baseline, too, is timed
      // without its process's start-up and reading its files.
      const ingestRate = corpus.items / (first.cycleMs / 1000);
      const ingestRatio = ingestRate / parseRate;
      print({
        name: 'ingest',
        value: `${fixed(ingestRate)} items/s`,
        baseline: `(rss-parser only) ${fixed(parseRate)} items/s`,
        ratio: fixed(ingestRatio, 2),
        target: 'target >= 0.5',
        ok: ingestRatio >= 0.5,
      });
      const refreshRatio = second.ms / first.ms;
      print({
        name: 'refresh',
        value: `${fixed(second.ms / 1000, 2)} s`,
        baseline: `(first fetch) ${fixed(first.ms / 1000, 2)} s`,
        ratio: fixed(refreshRatio, 3),
        target: 'target < 0.05',
        ok: refreshRatio < 0.05,
      });
      const cycleRatio = second.cycleMs / first.cycleMs;
      print({
        name: 'refresh-cycle',
        value: `${fixed(second.cycleMs / 1000, 2)} s`,
        baseline: `(first cycle) ${fixed(first.cycleMs / 1000, 2)} s`,
        ratio: fixed(cycleRatio, 3),
        target: 'target < 0.05',
        ok: cycleRatio < 0.05,
      });
      log(`  ingest is the update cycle as \`fetch\` reports it (${first.new} new, ${first.duplicate} duplicate); spawn to exit it is ${fixed(corpus.items / (first.ms / 1000))} items/s`);
      log('  refresh is process wall time (spawn to exit); refresh-cycle the update cycle alone');
      if (profileDir) printProfile(profileDir);

      if (wants('serve')) {
        log(`· serve: autocannon, 10 connections, ${SERVE_SECONDS} s per measurement`);
        const serve = await benchServe({ configFile: file, workDir: dir, seconds: SERVE_SECONDS, topic: 'energy' });
        for (const [name, ours, bare] of [['serve', serve.ours200, serve.bare200], ['serve-304', serve.ours304, serve.bare304]]) {
          const ratio = ours.rps / bare.rps;
          print({
            name,
            value: `${fixed(ours.rps)} req/s`,
            baseline: `(bare node:http) ${fixed(bare.rps)} req/s`,
            ratio: fixed(ratio, 2),
            target: 'target >= 0.7',
            ok: ratio >= 0.7,
          });
        }
        log(`  /topics/energy.rss, ${fixed(serve.bytes)} bytes; p99 latency ${serve.ours200.p99ms} ms (bare ${serve.bare200.p99ms} ms)`);
      }
    });
  }

  if (wants('scale')) {
    await withCorpus('corpus-scale', { seed: SEED + 1, feeds: 200, items: 50 }, async (corpus, server) => {
      log(`· scale: ${fixed(scaleItems)} items generated into a database, then a \`fetch\` of ${fixed(corpus.items)} new items into it`);
      const dir = path.join(tmp, 'scale');
      const { file } = writeBenchConfig(dir, sourcesOf(corpus, server.url, 'new'));
      const scale = await benchScale({ configFile: file, items: scaleItems, sources: 1000, runs: SCALE_RUNS });
      // The same fetch into an empty database, right after, so both rates see the same machine.
      const empty = await runFetch(writeBenchConfig(path.join(tmp, 'scale-empty'), sourcesOf(corpus, server.url, 'new')).file);
      const emptyScaleRate = corpus.items / (empty.ms / 1000);
      log(`  generated in ${fixed(scale.generated.ms / 1000, 1)} s: ${fixed(scale.generated.items)} items, ${fixed(scale.generated.stories)} stories`);
      const { all, site } = scale.rebuild;
      print({ name: 'scale-feed', value: `p99 ${fixed(all.p99, 1)} ms`, baseline: `(p50) ${fixed(all.p50, 1)} ms`, target: 'target < 50 ms', ok: all.p99 < 50 });
      log(`  ${all.runs} rebuilds of one topic feed (RSS, Atom, JSON) over ${Object.keys(scale.rebuild.topics).length} topics; max ${fixed(all.max, 1)} ms; whole site p50 ${fixed(site.p50)} ms`);
      const rate = corpus.items / (scale.ingest.ms / 1000);
      const ratio = rate / emptyScaleRate;
      print({
        name: 'scale-ingest',
        value: `${fixed(rate)} items/s`,
        baseline: `(empty database) ${fixed(emptyScaleRate)} items/s`,
        ratio: fixed(ratio, 2),
        target: 'target >= 0.7',
        ok: ratio >= 0.7,
      });
      print({ name: 'scale-bytes', value: `${fixed(scale.generated.bytes / scale.generated.items)} bytes/item`, baseline: `(file) ${mb(scale.generated.bytes)}` });
    });
  }

  if (wants('memory')) {
    await withCorpus('corpus-memory', { seed: SEED + 2, feeds: 1000, items: 100 }, async (corpus, server) => {
      log(`· memory: \`topicwire run\` with 1,000 sources, ${fixed(corpus.items)} items (${mb(corpus.bytes)})`);
      const { file } = writeBenchConfig(path.join(tmp, 'memory'), sourcesOf(corpus, server.url));
      const memory = await benchMemory({ configFile: file, nodeFlags: env.BENCH_DAEMON_FLAGS ? env.BENCH_DAEMON_FLAGS.split(' ') : [] });
      if (env.BENCH_DAEMON_FLAGS) log(`  daemon started with node ${env.BENCH_DAEMON_FLAGS}`);
      print({ name: 'memory', value: `${mb(memory.peakBytes)} peak RSS`, target: 'target < 150 MB', ok: memory.peakBytes < 150 * 1024 * 1024 });
      log(`  first cycle: ${memory.cycle.new} new, ${memory.cycle.duplicate} duplicate in ${fixed(memory.cycle.ms / 1000, 1)} s`);
    });
  }
  if (wants('regex')) {
    log('· regex: /(a+)+$/ against 48 a\'s and a "!"; /nato\\b/i against 1,000 titles');
    const regex = benchRegex();
    print({
      name: 'regex-hostile',
      value: `${fixed(regex.hostileMs, 3)} ms`,
      baseline: `(RegExp, 22 a's) ${fixed(regex.backtrackingMs, 1)} ms`,
      target: 'target < 1 ms',
      ok: regex.hostileMs < 1,
    });
    const ratio = regex.nativeMs / regex.re2Ms;
    print({
      name: 'regex-plain',
      value: `${fixed(regex.re2Ms * 1000, 2)} µs/title`,
      baseline: `(RegExp) ${fixed(regex.nativeMs * 1000, 2)} µs/title`,
      ratio: fixed(ratio, 2),
    });
    log('  with RegExp the hostile pattern doubles its time with each "a": 48 would take months');
  }
  log(`done in ${fixed((performance.now() - started) / 1000)} s`);
} finally {
  if (env.BENCH_KEEP) log(`kept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}
