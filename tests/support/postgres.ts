import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { describe, inject } from 'vitest';

const server = inject('postgres');

/** Why the PostgreSQL tests are skipped here, or undefined when the test cluster runs. */
export const postgresSkipped: string | undefined = 'skip' in server ? server.skip : undefined;

/** describe() for tests that need the cluster: skipped, with the reason, where none could be started. */
export const describePostgres: typeof describe = (postgresSkipped === undefined ? describe : describe.skip) as typeof describe;

/** The cluster's superuser URL to database `name`. */
export function urlOf(name: string, { password = true } = {}): string {
  if ('skip' in server) throw new Error(`no PostgreSQL cluster: ${server.skip}`);
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  if (!password) url.password = '';
  return url.href;
}

/** The superuser's password on the test cluster. */
export function clusterPassword(): string {
  return decodeURIComponent(new URL(urlOf('postgres')).password);
}

/**
 * A new, empty database of its own for one test file or test, so files run
 * in parallel never see each other's rows; `drop` removes it (and ends any
 * connection still open to it).
 */
export async function createTestDatabase(prefix = 'tw'): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = postgres(urlOf('postgres'), { max: 1, onnotice: () => undefined });
  try {
    await admin.unsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: urlOf(name),
    drop: async () => {
      const sql = postgres(urlOf('postgres'), { max: 1, onnotice: () => undefined });
      try {
        await sql.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await sql.end();
      }
    },
  };
}
