import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import postgres from 'postgres';
import { startCluster } from '../../scripts/pg-cluster.mjs';
import { writeBenchConfig } from '../lib/bench-config.js';
import { topicwire } from '../lib/children.js';
import { runFetch } from './ingest.js';

/**
 * Starts `count` `run` workers on one config (one PostgreSQL database) and
 * resolves once each has logged the end of its first cycle (worker-cycle),
 * which comes when no due source is left to claim: `ms` from the first spawn to the last cycle's end.
 */
function runWorkers(configFile, count) {
  const started = performance.now();
  const children = [];
  const cycles = Array.from({ length: count }, (_, n) =>
    new Promise((resolve, reject) => {
      const child = spawn(topicwire[0], [...topicwire.slice(1), 'run', '--config', configFile], { env: { ...process.env, TOPICWIRE_LOG_LEVEL: 'info' }, stdio: ['ignore', 'ignore', 'pipe'] });
      children.push(child);
      let tail = '';
      createInterface({ input: child.stderr }).on('line', (line) => {
        tail = `${tail.slice(-4000)}${line}\n`;
        if (!line.includes('"event":"worker-cycle"')) return;
        const event = JSON.parse(line);
        resolve({ worker: n, ms: performance.now() - started, ok: event.ok, failed: event.failed, new: event.new, duplicate: event.duplicate });
      });
      child.on('exit', (code) => reject(new Error(`worker ${n} exited ${code} before its first cycle:\n${tail}`)));
    }),
  );
  return Promise.all(cycles).finally(async () => {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((child) => (child.exitCode === null ? new Promise((resolve) => child.on('exit', resolve)) : undefined)));
  });
}

/**
 * workers-1, workers-2: the first fetch of the corpus by one `run` worker on
 * PostgreSQL, then by two sharing one database, each round on a fresh
 * database of a private cluster; and `topicwire fetch` on SQLite in the same
 * rounds, for scale. Both workers run on this machine, so they share its
 * cores with each other and with the server.
 */
export async function benchWorkers({ workDir, corpus, sources, runs, log = () => {} }) {
  const cluster = await startCluster({ log: (line) => log(`  ${line}`) });
  const admin = postgres(cluster.url, { max: 1, onnotice: () => undefined });
  const samples = { sqlite: [], one: [], two: [] };
  try {
    for (let round = 1; round <= runs; round += 1) {
      const sqlite = await runFetch(writeBenchConfig(path.join(workDir, `round-${round}`, 'sqlite'), sources).file);
      samples.sqlite.push(sqlite);
      for (const [count, into] of [[1, samples.one], [2, samples.two]]) {
        const name = `bench_${round}_${count}`;
        await admin.unsafe(`CREATE DATABASE ${name}`);
        const url = new URL(cluster.url);
        url.pathname = `/${name}`;
        const { file } = writeBenchConfig(path.join(workDir, `round-${round}`, `pg-${count}`), sources, { database: url.href });
        const cycles = await runWorkers(file, count);
        const db = postgres(url.href, { max: 1 });
        const [{ items }] = await db`SELECT count(*)::int AS items FROM items`;
        const failing = await db`SELECT id, status, last_error FROM sources WHERE status <> 'ok' ORDER BY id`;
        const pending = failing.length;
        if (pending > 0) log(`  not fetched: ${failing.map((f) => `${f.id} (${f.status}: ${f.last_error ?? 'never fetched'})`).join('; ')}`);
        await db.end();
        if (items !== corpus.items || pending !== 0) throw new Error(`workers-${count}: stored ${items} of ${corpus.items} items, ${pending} sources not ok`);
        const ms = Math.max(...cycles.map((c) => c.ms));
        log(`  round ${round}, ${count} worker${count === 1 ? '' : 's'}: ${(ms / 1000).toFixed(1)} s; sources per worker ${cycles.map((c) => c.ok + c.failed).join(' + ')}`);
        into.push({ ms, cycles });
        await admin.unsafe(`DROP DATABASE ${name} WITH (FORCE)`);
      }
    }
  } finally {
    await admin.end();
    cluster.stop();
  }
  return samples;
}
