// vitest globalSetup: one private PostgreSQL cluster for the whole run
// (scripts/pg-cluster.mjs), stopped at the end. Where none can be started the
// PostgreSQL tests are skipped, with the reason printed once, unless
// TOPICWIRE_REQUIRE_POSTGRES or CI is set (.ci/run sets both): then a
// missing server fails the run.
import type { TestProject } from 'vitest/node';
import { startCluster, whyNoCluster } from '../../scripts/pg-cluster.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The superuser's URL to the test cluster, or why there is none. */
    postgres: { url: string } | { skip: string };
  }
}

export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  const set = (name: string): boolean => !['', '0', 'false'].includes((process.env[name] ?? '').toLowerCase());
  // CI (set by CI services, and by .ci/run) never skips them.
  const required = set('TOPICWIRE_REQUIRE_POSTGRES') || set('CI');
  let reason = whyNoCluster();
  if (reason === undefined) {
    try {
      const cluster = await startCluster();
      project.provide('postgres', { url: cluster.url });
      return () => cluster.stop();
    } catch (error) {
      if (required) throw error;
      reason = `the server did not start: ${String((error as Error).message).split('\n')[0]}`;
    }
  }
  if (required) throw new Error(`CI or TOPICWIRE_REQUIRE_POSTGRES is set, but no PostgreSQL server can be started: ${reason}`);
  process.stderr.write(`PostgreSQL tests skipped: ${reason}\n`);
  project.provide('postgres', { skip: reason });
  return undefined;
}
