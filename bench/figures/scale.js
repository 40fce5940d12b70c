import path from 'node:path';
import { repoDir, runNode } from '../lib/children.js';
import { runFetch } from './ingest.js';

/**
 * scale: `items` items generated straight into the database, then one
 * topic feed rebuilt from it (p50/p99), and a `fetch` of new feeds into it
 * compared with the same on an empty database; database bytes per item.
 */
export async function benchScale({ configFile, items, sources, runs }) {
  const generated = JSON.parse((await runNode([path.join(repoDir, 'bench/lib/scale-db.js'), configFile, String(items), String(sources)])).stdout);
  const rebuild = JSON.parse((await runNode([path.join(repoDir, 'bench/lib/scale-measure.js'), configFile, String(runs)])).stdout);
  const ingest = await runFetch(configFile);
  return { generated, rebuild, ingest };
}
