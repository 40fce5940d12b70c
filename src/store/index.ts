import { createAlertOutbox } from './alert-outbox.js';
import { createBatchWriter } from './apply-batch.js';
import { createCheckpoints } from './checkpoints.js';
import { createContentVersion } from './content-version.js';
import { createCycleLog } from './cycles.js';
import { createStoryJoiner } from './join-stories.js';
import { createBatchLoader } from './load-batch.js';
import { createEventIndex } from './event-index.js';
import { createBandIndex } from './near-duplicates.js';
import { openDatabase, sizePageCache, type Db } from './open-store.js';
import { createKeyReindexer } from './reindex-keys.js';
import { createRetention } from './retention.js';
import { createStorySplitter } from './split-story.js';
import { createSourceState } from './source-state.js';
import type { Store } from './store.js';
import { createStoryReads } from './story-reads.js';
import { createTopicMembership } from './topic-membership.js';
import { createSoleWorker } from './sole-worker.js';

export type { AlertSummary, ClaimedDelivery, DeliveryClaim, DeliveryFinish, KnownAlert } from './alert-outbox.js';
export type { AlertStore, Answer, BatchWrite, CycleStore, KeyedText, KeyScheme, ReindexResult, RetentionStore, Rows, SourceStore, Store, StoryStore, Timing, TopicStore, WorkStore } from './store.js';
export { migrateSqliteToPostgres, nameWorker, openPostgresStore, type PostgresStoreOptions } from './postgres/index.js';
export type { CopyReport } from './postgres/copy-from-sqlite.js';
export type { PostgresTarget } from './postgres/connect.js';
export type { SplitResult } from './split-story.js';
export type { JoinResult } from './join-stories.js';
export type { ConfiguredSource, SourceRecord, SourceStatus, FetchSuccess, FetchFailure, NextDue } from './source-state.js';
export { RECENT_ITEMS } from './source-state.js';
export type { CycleRecord } from './cycles.js';
export type { PruneOptions, PruneResult } from './retention.js';
export type { TopicMatch, TopicRewrite } from './topic-membership.js';

/** Opens (creating or migrating) the SQLite file and the store over it. */
export function openStore(file: string): Store<'now'> {
  return createSqliteStore(openDatabase(file), file);
}

/** The SQLite store over an open database: every answer is given at once. */
export function createSqliteStore(db: Db, file: string): Store<'now'> {
  const checkpoints = createCheckpoints(db, file);
  const version = createContentVersion(db);
  const bands = createBandIndex(db);
  const events = createEventIndex(db);
  const sources = createSourceState(db);
  const outbox = createAlertOutbox(db);
  const writeBatch = createBatchWriter(db, { bands, events, sources, version, outbox, afterCommit: checkpoints.afterCommit });
  return {
    file,
    kind: 'sqlite',
    loadBatch: createBatchLoader(db, bands, events),
    applyBatch: writeBatch,
    sources,
    topics: createTopicMembership(db, version, outbox),
    stories: createStoryReads(db, version),
    cycles: createCycleLog(db),
    alerts: {
      syncAlerts: outbox.syncAlerts,
      armAlerts: outbox.armAlerts,
      claimDelivery: outbox.claimDelivery,
      finishDelivery: outbox.finishDelivery,
      nextDueAt: outbox.nextDueAt,
      closeDigest: outbox.closeDigest,
      summarizeAlerts: outbox.summarizeAlerts,
    },
    retention: createRetention(db, version),
    splitItem: createStorySplitter(db, version),
    joinStories: createStoryJoiner(db, version),
    reindexKeys: createKeyReindexer(db, bands, checkpoints.afterCommit),
    duringCycle: (fn) => {
      sizePageCache(db);
      return checkpoints.deferDuring(fn);
    },
    work: createSoleWorker(sources),
    close: () => {
      if (db.open) db.close();
    },
  };
}
