import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { openPostgresStore, type Store } from '../../src/store/index.js';

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

/** A test database for the describe block it is called in: created before its tests, dropped after; `url()` inside a test. */
export function usePostgresDatabase(): { url(): string } {
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });
  return { url: () => database?.url ?? '' };
}

/**
 * A PostgreSQL store on an emptied database `url` (its schema made again on
 * open), with a raw client to the rows the Store contract does not show
 * (int8 read as numbers, as the store reads them).
 */
export async function openEmptyPostgresStore(url: string): Promise<{
  store: Store;
  rows<T>(query: string, params?: readonly (string | number)[]): Promise<T[]>;
  close(): Promise<void>;
}> {
  const raw = postgres(url, { max: 1, onnotice: () => undefined, types: { int8: { to: 20, from: [20], serialize: String, parse: Number } } });
  await raw.unsafe('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
  const store = await openPostgresStore({ url, shown: 'test' });
  return {
    store,
    rows: async <T>(query: string, params: readonly (string | number)[] = []) => (await raw.unsafe(query, [...params])) as unknown as T[],
    close: async () => {
      await store.close();
      await raw.end();
    },
  };
}
