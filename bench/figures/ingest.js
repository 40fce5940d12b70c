import path from 'node:path';
import { mainJs, repoDir, runNode } from '../lib/children.js';

/** "… items: 9121 new, 0 updated, 879 duplicate, 0 unchanged; 8.28 s" → counts and the cycle's own time. */
export function readFetchSummary(stdout) {
  const match = /(\d+) sources: (\d+) ok, (\d+) failed; items: (\d+) new, (\d+) updated, (\d+) duplicate, (\d+) unchanged; ([\d.]+) s/.exec(stdout);
  if (match === null) throw new Error(`no summary line in fetch output:\n${stdout.slice(-1000)}`);
  const [, sources, ok, failed, added, updated, duplicate, unchanged, seconds] = match.map(Number);
  return { sources, ok, failed, new: added, updated, duplicate, unchanged, cycleMs: seconds * 1000 };
}

/** `topicwire fetch` as a child process, timed from spawn to exit; `profileDir` adds --cpu-prof. */
export async function runFetch(configFile, { profileDir } = {}) {
  const flags = profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`];
  const result = await runNode([...flags, mainJs, 'fetch', '--config', configFile]);
  const summary = readFetchSummary(result.stdout);
  if (summary.failed > 0) throw new Error(`fetch: ${summary.failed} sources failed:\n${result.stdout.slice(0, 2000)}`);
  return { ms: result.ms, ...summary };
}

/** rss-parser alone over the same files, in its own process. */
export async function runParseOnly(corpusDir) {
  const { stdout } = await runNode([path.join(repoDir, 'bench/lib/parse-only.js'), corpusDir]);
  return JSON.parse(stdout);
}

/**
 * ingest and refresh: a first `fetch` of the corpus over loopback into an
 * empty database, against rss-parser parsing the same files; then a second
 * `fetch`, where every source answers 304, against the first.
 */
export async function benchIngest({ configFile, corpus, profileDir }) {
  const parse = await runParseOnly(corpus.dir);
  const first = await runFetch(configFile, profileDir === undefined ? {} : { profileDir });
  if (first.new + first.duplicate !== corpus.items) throw new Error(`first fetch stored ${first.new + first.duplicate} of ${corpus.items} items`);
  const second = await runFetch(configFile);
  if (second.new + second.updated + second.duplicate !== 0) throw new Error('second fetch changed something; every source should have answered 304');
  return { parse, first, second };
}
