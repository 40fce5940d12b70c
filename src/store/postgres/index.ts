import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { StoreError } from '../../errors.js';
import { openDatabase } from '../open-store.js';
import type { Store, WorkStore } from '../store.js';
import { copySqliteToPostgres, type CopyReport } from './copy-from-sqlite.js';
import { createPostgresAlertOutbox } from './alert-outbox.js';
import { createPostgresBatchWriter } from './apply-batch.js';
import { createClaims } from './claims.js';
import { connect, describeConnectError, type ConnectOptions, type PostgresTarget, type Sql } from './connect.js';
import { createBatchVersion, createPostgresContentVersion } from './content-version.js';
import { createPostgresCycleLog } from './cycles.js';
import { createPostgresStoryEdits } from './edit-stories.js';
import { createLeadership, LEADER_KEEPALIVES } from './leadership.js';
import { createPostgresBatchLoader } from './load-batch.js';
import { migratePostgres } from './migrate.js';
import { createPostgresKeyReindexer } from './reindex-keys.js';
import { createPostgresRetention } from './retention.js';
import { createPostgresSourceState } from './source-state.js';
import { createPostgresStoryReads } from './story-reads.js';
import { createPostgresTopicMembership } from './topic-membership.js';

export interface PostgresStoreOptions extends ConnectOptions {
  /** This worker's name in claims (default host:pid:random), unique among the workers. */
  worker?: string;
}

/** A worker's name: where it runs, and a random part, so that a restarted one is another worker. */
export function nameWorker(pid: number): string {
  return `${hostname()}:${pid}:${randomBytes(3).toString('hex')}`;
}

/**
 * Opens the PostgreSQL store: connects, migrates (once, however many workers
 * start together) and builds the store over the client. A database that
 * cannot be reached is a StoreError naming it, without its password.
 */
export async function openPostgresStore(target: PostgresTarget, options: PostgresStoreOptions = {}): Promise<Store<'later'>> {
  const worker = options.worker ?? nameWorker(0);
  const sql = await connect(target, { ...options, applicationName: options.applicationName ?? `topicwire ${worker}` });
  try {
    await migratePostgres(sql, target.shown);
  } catch (error) {
    await sql.end({ timeout: 1 });
    if (error instanceof StoreError) throw error;
    throw describeConnectError(target, error);
  }
  return createPostgresStore(sql, target, worker, () => connect(target, { ...options, max: 1, applicationName: `topicwire ${worker} (lead)`, parameters: LEADER_KEEPALIVES }));
}

/** The store over a connected, migrated client. */
export function createPostgresStore(sql: Sql, target: PostgresTarget, worker: string, openSession: () => Promise<Sql>): Store<'later'> {
  const version = createPostgresContentVersion(sql);
  const batches = createBatchVersion();
  const sources = createPostgresSourceState(sql, batches);
  const edits = createPostgresStoryEdits(sql, { version, batches });
  const claims = createClaims(sql, worker);
  const loader = createPostgresBatchLoader(sql, batches);
  const outbox = createPostgresAlertOutbox(sql);
  const leadership = createLeadership(openSession);
  const work: WorkStore<'later'> = {
    shared: true,
    claimDue: claims.claimDue,
    renewClaims: claims.renewClaims,
    releaseClaims: claims.releaseClaims,
    tryLead: () => leadership.tryLead(),
    resign: () => leadership.resign(),
  };
  return {
    file: target.shown,
    kind: 'postgres',
    loadBatch: loader.load,
    applyBatch: createPostgresBatchWriter(sql, { batches, version, loader, outbox, recordSuccess: sources.recordSuccess }),
    sources: sources.store,
    topics: createPostgresTopicMembership(sql, version, batches, outbox),
    alerts: outbox.store,
    stories: createPostgresStoryReads(sql, version),
    cycles: createPostgresCycleLog(sql),
    retention: createPostgresRetention(sql, { version, batches }),
    splitItem: edits.splitItem,
    joinStories: edits.joinStories,
    reindexKeys: createPostgresKeyReindexer(sql, batches),
    duringCycle: (fn) => fn(),
    work,
    close: async () => {
      await leadership.resign();
      await sql.end({ timeout: 5 });
    },
  };
}

/**
 * Copies the SQLite database `file` into the PostgreSQL database `target`
 * (migrated first; refused unless empty): `topicwire migrate --to`.
 */
export async function migrateSqliteToPostgres(
  file: string,
  target: PostgresTarget,
  options: ConnectOptions,
  onTable?: (table: string, rows: number) => void,
): Promise<CopyReport> {
  const db = openDatabase(file);
  try {
    const sql = await connect(target, { ...options, max: 2 });
    try {
      await migratePostgres(sql, target.shown);
      return await copySqliteToPostgres(db, sql, onTable);
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw describeConnectError(target, error);
    } finally {
      await sql.end({ timeout: 5 });
    }
  } finally {
    db.close();
  }
}
