import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'jsonc-parser';
import { repoDir } from './children.js';

/**
 * The sample config's (config.json's) topics and definitions, so the bench
 * matches what a new user runs; the corpus (words.js) carries their terms.
 */
export function readSampleTopics(file = path.join(repoDir, 'config.json')) {
  const sample = parse(readFileSync(file, 'utf8'));
  return { define: sample.define ?? {}, topics: sample.topics };
}

/**
 * Writes a config.json for `sources` ({id, url}) into `dir`, with its own
 * database and output folder there. All sources share one host (127.0.0.1),
 * so perHost is raised to the overall limit: real sources are spread over
 * many hosts and the default of 2 per host would measure the limiter instead.
 * `fetch` adds to the fetch options (the daemon figure's intervals), `dedup`
 * sets config.json's dedup object (near-duplicates off for ingest-nodup).
 */
export function writeBenchConfig(dir, sources, { schedule = '0 0 1 1 *', port = 0, database = path.join(dir, 'topicwire.db'), fetch = {}, dedup } = {}) {
  mkdirSync(dir, { recursive: true });
  const { define, topics } = readSampleTopics();
  const config = {
    database,
    schedule,
    server: { host: '127.0.0.1', port, publicUrl: 'http://localhost:8080' },
    output: { dir: path.join(dir, 'public'), items: 50 },
    fetch: { timeoutSeconds: 60, maxBytes: 5_000_000, concurrency: 8, perHost: 8, ...fetch },
    ...(dedup === undefined ? {} : { dedup }),
    sources: sources.map((s) => ({ id: s.id, title: s.title ?? s.id, url: s.url })),
    define,
    topics,
  };
  const file = path.join(dir, 'config.json');
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  return { file, config };
}
