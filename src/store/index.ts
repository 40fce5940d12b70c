import { createCheckpoints } from './checkpoints.js';
import { createCycleLog } from './cycles.js';
import { createBatchIngester } from './ingest-batch.js';
import { createStoryJoiner } from './join-stories.js';
import { openDatabase, type Db } from './open-store.js';
import { createRetention } from './retention.js';
import { createStorySplitter } from './split-story.js';
import { createSourceState } from './source-state.js';
import { createStoryReads } from './story-reads.js';
import { createTopicMembership } from './topic-membership.js';

export type { IngestCounts, IngestOptions } from './ingest-batch.js';
export type { NearDuplicateCandidate, NearDuplicateMatcher, NearDuplicateProbe } from './near-duplicates.js';
export type { SplitResult } from './split-story.js';
export type { JoinResult } from './join-stories.js';
export type { ConfiguredSource, SourceRecord, SourceStatus, FetchSuccess, FetchFailure, NextDue } from './source-state.js';
export type { CycleRecord } from './cycles.js';
export type { PruneOptions, PruneResult } from './retention.js';
export type { TopicMatch } from './topic-membership.js';
export type { Db } from './open-store.js';

/** The store: the only place in topicwire that speaks SQL. */
export interface Store {
  db: Db;
  file: string;
  ingestBatch: ReturnType<typeof createBatchIngester>;
  sources: ReturnType<typeof createSourceState>;
  topics: ReturnType<typeof createTopicMembership>;
  stories: ReturnType<typeof createStoryReads>;
  cycles: ReturnType<typeof createCycleLog>;
  retention: ReturnType<typeof createRetention>;
  /** Detaches an item from its story for good (`stories split`). */
  splitItem: ReturnType<typeof createStorySplitter>;
  /** Merges the stories of two items into one (`stories join`; it undoes a split). */
  joinStories: ReturnType<typeof createStoryJoiner>;
  /** When the WAL is checkpointed: deferred during a cycle (see checkpoints.ts). */
  checkpoints: ReturnType<typeof createCheckpoints>;
  /** Runs fn in one write transaction. */
  transaction<T>(fn: () => T): T;
  close(): void;
}

export function openStore(file: string): Store {
  const db = openDatabase(file);
  const checkpoints = createCheckpoints(db, file);
  return {
    db,
    file,
    ingestBatch: createBatchIngester(db, checkpoints.afterCommit),
    checkpoints,
    sources: createSourceState(db),
    topics: createTopicMembership(db),
    stories: createStoryReads(db),
    cycles: createCycleLog(db),
    retention: createRetention(db),
    splitItem: createStorySplitter(db),
    joinStories: createStoryJoiner(db),
    transaction: <T>(fn: () => T): T => db.transaction(fn).immediate(),
    close: () => {
      if (db.open) db.close();
    },
  };
}
