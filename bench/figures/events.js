import { copyFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { repoDir, runNode } from '../lib/children.js';
import { median } from '../lib/stats.js';

/**
 * event-cost: the cost per item of ingest with event clustering on (and
 * off), into a small and a large store of generated items (scale-db.js,
 * with every item's evidence and event keys), through the real update step.
 * The two stores are measured in turn, `rounds` times, so that a change in
 * the machine's load falls on both; each figure is the median of its rounds.
 * The small store is put back as generated before each round (a round adds
 * its items, a third of a store of 10,000); the large one keeps them, each
 * round storing stories of its own (event-cost.js ROUND).
 */
export async function benchEventCost({ small, large, sources, batches, rounds }) {
  const generate = async ({ configFile, items }) => JSON.parse((await runNode([path.join(repoDir, 'bench/lib/scale-db.js'), configFile, String(items), String(sources)])).stdout);
  const generated = { small: await generate(small), large: await generate(large) };
  const pristine = `${small.database}.generated`;
  copyFileSync(small.database, pristine);
  const measure = async (configFile, round) => JSON.parse((await runNode([path.join(repoDir, 'bench/lib/event-cost.js'), configFile, String(batches), String(round)])).stdout);
  const runs = { small: [], large: [] };
  for (let round = 0; round < rounds; round += 1) {
    for (const suffix of ['-wal', '-shm']) rmSync(`${small.database}${suffix}`, { force: true });
    copyFileSync(pristine, small.database);
    runs.small.push(await measure(small.configFile, round));
    runs.large.push(await measure(large.configFile, round));
  }
  const summarise = (list) => ({
    cpuOn: median(list.map((r) => r.cpuOn)),
    cpuOff: median(list.map((r) => r.cpuOff)),
    on: median(list.map((r) => r.on)),
    off: median(list.map((r) => r.off)),
    items: list.reduce((sum, r) => sum + r.items, 0),
    joined: list.reduce((sum, r) => sum + r.joined, 0),
    cpuOnRuns: list.map((r) => r.cpuOn),
  });
  return { generated, small: summarise(runs.small), large: summarise(runs.large) };
}
