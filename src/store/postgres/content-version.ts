import type { Query, Sql } from './connect.js';

/**
 * Held by every write that changes what a batch's decision read (items,
 * their stories and keys): such writes are serialised, and each bumps the
 * batch version inside the lock, so a write based on an older version is
 * refused (Store.applyBatch) and decided again. Two workers storing copies
 * of one story at once therefore never start two stories: the second finds
 * the version moved, loads again and joins the first's story.
 */
export const INGEST_LOCK = 0x7477_0003;

async function bumpCounter(tx: Query, key: string): Promise<void> {
  await tx`INSERT INTO meta (key, value) VALUES (${key}, '1')
    ON CONFLICT (key) DO UPDATE SET value = (meta.value::bigint + 1)::text`;
}

async function readCounter(tx: Query, key: string): Promise<string> {
  const [row] = await tx<{ value: string }[]>`SELECT value FROM meta WHERE key = ${key}`;
  return row?.value ?? '0';
}

/** The content version, as SQLite's (../content-version.ts): what servers watch to render again. */
export function createPostgresContentVersion(sql: Sql) {
  return {
    bump: (tx: Query): Promise<void> => bumpCounter(tx, 'content_version'),
    read: (): Promise<string> => readCounter(sql, 'content_version'),
  };
}

/** The batch version: what a write's decision was based on (see INGEST_LOCK). */
export function createBatchVersion() {
  return {
    /** Takes the ingest lock for the rest of the transaction `tx`. */
    lock: async (tx: Query): Promise<void> => {
      await tx`SELECT pg_advisory_xact_lock(${INGEST_LOCK})`;
    },
    read: (tx: Query): Promise<string> => readCounter(tx, 'batch_version'),
    /** Takes the lock (if not yet) and bumps; call inside the write's transaction. */
    bump: async (tx: Query): Promise<void> => {
      await tx`SELECT pg_advisory_xact_lock(${INGEST_LOCK})`;
      await bumpCounter(tx, 'batch_version');
    },
  };
}

export type PostgresContentVersion = ReturnType<typeof createPostgresContentVersion>;
export type BatchVersion = ReturnType<typeof createBatchVersion>;
