import { rmSync } from 'node:fs';
import path from 'node:path';
import { writeBenchConfig } from '../lib/bench-config.js';
import { repoDir, runNode, runNodeMeasured, topicwire } from '../lib/children.js';

/** "… items: 9121 new, 0 updated, 879 duplicate, 0 unchanged; 8.28 s" → counts and the cycle's own time. */
export function readFetchSummary(stdout) {
  const match = /(\d+) sources: (\d+) ok, (\d+) failed; items: (\d+) new, (\d+) updated, (\d+) duplicate, (\d+) unchanged; ([\d.]+) s/.exec(stdout);
  if (match === null) throw new Error(`no summary line in fetch output:\n${stdout.slice(-1000)}`);
  const [, sources, ok, failed, added, updated, duplicate, unchanged, seconds] = match.map(Number);
  return { sources, ok, failed, new: added, updated, duplicate, unchanged, cycleMs: seconds * 1000 };
}

/**
 * `topicwire fetch` as a child process: `ms` from spawn to exit, `cycleMs`
 * as fetch reports it, `peakBytes` its peak RSS; `profileDir` adds --cpu-prof.
 */
export async function runFetch(configFile, { profileDir } = {}) {
  const flags = profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`];
  const result = await runNodeMeasured(flags, ['fetch', '--config', configFile], { command: topicwire });
  const summary = readFetchSummary(result.stdout);
  if (summary.failed > 0) throw new Error(`fetch: ${summary.failed} sources failed:\n${result.stdout.slice(0, 2000)}`);
  return { ms: result.ms, peakBytes: result.peakBytes, ...summary };
}

/** The bare pipeline (bench/baseline/bare-pipeline.js) over a config's sources: `ms` spawn to exit, `cycleMs` its own. */
export async function runBarePipeline(configFile, database) {
  const result = await runNode([path.join(repoDir, 'bench/baseline/bare-pipeline.js'), configFile, database]);
  const run = JSON.parse(result.stdout);
  if (run.failed > 0) throw new Error(`bare pipeline: ${run.failed} sources failed:\n${result.stderr.slice(0, 2000)}`);
  return { ...run, ms: result.ms, cycleMs: run.ms };
}

/** rss-parser alone over the same files, already in memory, in its own process. */
export async function runParseOnly(corpusDir) {
  const result = await runNodeMeasured([], [path.join(repoDir, 'bench/lib/parse-only.js'), corpusDir]);
  return { ...JSON.parse(result.stdout), peakBytes: result.peakBytes };
}

function expectFirstFetch(run, corpus, what) {
  if (run.new + run.duplicate !== corpus.items) throw new Error(`${what} stored ${run.new + run.duplicate} of ${corpus.items} items`);
}

/**
 * ingest, ingest-nodup, refresh and memory-fetch: `runs` rounds over the
 * corpus served at `sources`, each round a fresh database for every program:
 * rss-parser alone; the bare pipeline, first run then all-304 second run;
 * `topicwire fetch`, first then all-304; and (with `nodup`) a first fetch
 * with clustering (copies and events) off. Rounds interleave the programs so that a change
 * in the machine's load falls on all of them alike. Returns every sample and
 * the last round's topicwire config (its database holds the corpus).
 */
export async function benchFirstFetch({ workDir, corpus, sources, runs, baselines = true, nodup = false, log = () => {} }) {
  const samples = { parse: [], bare: [], bareRefresh: [], first: [], refresh: [], nodup: [] };
  let last;
  for (let round = 1; round <= runs; round += 1) {
    const dir = path.join(workDir, `round-${round}`);
    if (baselines) {
      samples.parse.push(await runParseOnly(corpus.dir));
      const bare = writeBenchConfig(path.join(dir, 'bare'), sources);
      const database = path.join(dir, 'bare', 'bare.db');
      const first = await runBarePipeline(bare.file, database);
      if (first.items !== corpus.items) throw new Error(`bare pipeline stored ${first.items} of ${corpus.items} items`);
      const refresh = await runBarePipeline(bare.file, database);
      if (refresh.notModified !== sources.length) throw new Error(`bare pipeline: ${refresh.notModified} of ${sources.length} sources answered 304 on the second run`);
      samples.bare.push(first);
      samples.bareRefresh.push(refresh);
    }
    const ours = writeBenchConfig(path.join(dir, 'topicwire'), sources);
    const first = await runFetch(ours.file);
    expectFirstFetch(first, corpus, 'first fetch');
    const second = await runFetch(ours.file);
    if (second.new + second.updated + second.duplicate !== 0) throw new Error('second fetch changed something; every source should have answered 304');
    samples.first.push(first);
    samples.refresh.push(second);
    if (nodup) {
      const off = writeBenchConfig(path.join(dir, 'nodup'), sources, { dedup: { nearDuplicates: false, events: false } });
      const run = await runFetch(off.file);
      expectFirstFetch(run, corpus, 'first fetch with clustering off');
      samples.nodup.push(run);
      rmSync(path.dirname(off.file), { recursive: true, force: true });
    }
    log(`  round ${round}/${runs}: topicwire ${(first.ms / 1000).toFixed(1)} s` +
      (baselines ? `, bare pipeline ${(samples.bare.at(-1).ms / 1000).toFixed(1)} s` : '') +
      (nodup ? `, clustering off ${(samples.nodup.at(-1).ms / 1000).toFixed(1)} s` : ''));
    // Only the last round's databases stay (serve reads topicwire's); each is hundreds of MB at full size.
    if (last !== undefined) rmSync(last.dir, { recursive: true, force: true });
    last = { dir, configFile: ours.file };
  }
  return { samples, last };
}

/** One more first fetch into a fresh database, under --cpu-prof (not among the timed runs: profiling slows it). */
export async function profileFirstFetch({ workDir, corpus, sources, profileDir }) {
  const { file } = writeBenchConfig(path.join(workDir, 'profiled'), sources);
  const run = await runFetch(file, { profileDir });
  expectFirstFetch(run, corpus, 'profiled first fetch');
  rmSync(path.dirname(file), { recursive: true, force: true });
  return run;
}
