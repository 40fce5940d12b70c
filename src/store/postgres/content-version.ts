import type { Query, Sql } from './connect.js';

/**
 * Held by every write that changes what a batch's decision reads (items,
 * their stories, links, fingerprints, band keys, tombstones), so such writes
 * happen one at a time. Two versions count them: the batch version, moved
 * by each batch that writes rows, and the structure version, moved by the
 * writes that move items between stories or remove them (split, join,
 * retention, a source id given to another feed).
 *
 * A batch is loaded at one version pair (load-batch.ts). When it is
 * written, under the lock, versions that did not move mean nothing changed;
 * if they moved, the batch's lookup is run again inside the write, and the
 * batch is refused only if that reads other than the load did (a copy of one
 * of its stories, stored meanwhile by another worker). A refused batch is
 * loaded and decided again (Store.applyBatch). So two workers storing copies
 * of one story at once never start two stories, and workers storing
 * unrelated feeds never refuse each other.
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

/** The versions a load read (its BatchState.version starts with "batch:structure:"). */
export interface Versions {
  batch: number;
  structure: number;
}

export const formatVersions = (v: Versions): string => `${v.batch}:${v.structure}`;

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
    /** Moves the batch version; call holding the lock, in a batch write that writes rows. */
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
