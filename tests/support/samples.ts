import path from 'node:path';
import Database from 'better-sqlite3';
import { writeSampleConfig } from './cli.js';
import { runCommand } from './daemon.js';
import { makeTempDir } from './items.js';

export interface FetchedSamples {
  dir: string;
  config: string;
  /** Rows of a read-only query on the samples' database. */
  query<T>(sql: string, ...params: unknown[]): T[];
}

/** The sample config in a temp folder, fetched once by the real command. */
export async function fetchSamples(prefix: string): Promise<FetchedSamples> {
  const dir = makeTempDir(prefix);
  const config = writeSampleConfig(dir);
  const fetched = await runCommand(['fetch', '--config', config]);
  if (fetched.code !== 0) throw new Error(`fetch failed:\n${fetched.err}`);
  return {
    dir,
    config,
    query<T>(sql: string, ...params: unknown[]): T[] {
      const db = new Database(path.join(dir, 'topicwire.db'), { readonly: true });
      try {
        return db.prepare(sql).all(...params) as T[];
      } finally {
        db.close();
      }
    },
  };
}
