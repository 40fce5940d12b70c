import type { Query, Sql } from './connect.js';

/**
 * Held by every write that changes what a batch's decision reads (items,
 * their stories, links, fingerprints and band keys), so such writes happen
 * one at a time, each under a version of its own:
 *
 * - the batch version counts the batch writes; each stamps the rows it
 *   writes with its number (items.written_in);
 * - the structure version counts the writes that move items between stories
 *   or remove them (split, join, retention, a source id given to another
 *   feed).
 *
 * A batch is decided on the state read at one version pair. When it is
 * written, under the lock: a moved structure version refuses it; a moved
 * batch version refuses it only if a row written since shares a source, a
 * canonical link, a fingerprint or a band key with the batch, since only such
 * a row could have changed its decision. A refused batch is loaded and
 * decided again (Store.applyBatch). So two workers storing copies of one
 * story at once never start two stories: the second finds the first's copy
 * and joins its story; and workers storing unrelated feeds never refuse each
 * other.
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

/** A batch's view of the versions (BatchState.version is "batch:structure"). */
export interface Versions {
  batch: number;
  structure: number;
}

export const formatVersions = (v: Versions): string => `${v.batch}:${v.structure}`;
export function parseVersions(text: string): Versions | undefined {
  const match = /^(\d+):(\d+)$/.exec(text);
  return match ? { batch: Number(match[1]), structure: Number(match[2]) } : undefined;
}

/** The batch and structure versions (see INGEST_LOCK). */
export function createBatchVersion() {
  const lock = async (tx: Query): Promise<void> => {
    await tx`SELECT pg_advisory_xact_lock(${INGEST_LOCK})`;
  };
  return {
    /** Takes the ingest lock for the rest of the transaction `tx`. */
    lock,
    read: async (tx: Query): Promise<Versions> => ({
      batch: Number(await readCounter(tx, 'batch_version')),
      structure: Number(await readCounter(tx, 'structure_version')),
    }),
    /** The next batch version, for a batch write holding the lock to stamp its rows with; recorded as current. */
    nextBatch: async (tx: Query): Promise<number> => {
      await bumpCounter(tx, 'batch_version');
      return Number(await readCounter(tx, 'batch_version'));
    },
    /** Takes the lock and moves the structure version; call inside the write's transaction. */
    bump: async (tx: Query): Promise<void> => {
      await lock(tx);
      await bumpCounter(tx, 'structure_version');
    },
  };
}

export type PostgresContentVersion = ReturnType<typeof createPostgresContentVersion>;
export type BatchVersion = ReturnType<typeof createBatchVersion>;
