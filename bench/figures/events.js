import path from 'node:path';
import { repoDir, runNode } from '../lib/children.js';

/**
 * event-cost: the cost per item of ingest with event clustering on (and
 * off), into a store of `items` generated items (scale-db.js, with every
 * item's evidence and event keys), through the real update step.
 */
export async function benchEventCost({ configFile, items, sources, batches, generate = true }) {
  const generated = generate ? JSON.parse((await runNode([path.join(repoDir, 'bench/lib/scale-db.js'), configFile, String(items), String(sources)])).stdout) : undefined;
  const cost = JSON.parse((await runNode([path.join(repoDir, 'bench/lib/event-cost.js'), configFile, String(batches)])).stdout);
  return { generated, cost };
}
