import { statSync } from 'node:fs';
import type { Db } from './open-store.js';

/** SQLite's default: checkpoint once the WAL holds this many pages (about 4 MB). */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;
/** While deferred, a WAL past this size is still checkpointed, so a huge first cycle cannot fill the disk. */
const MAX_DEFERRED_WAL_BYTES = 256 * 1024 * 1024;

/**
 * When the WAL is copied back into the database file. By default SQLite does
 * it on the commit that passes ~4 MB of WAL, and each checkpoint syncs both
 * files; a cycle commits once per source, so a first fetch of thousands of
 * items paid dozens of checkpoints and syncs, and copied the same index pages
 * again each time. During a cycle they are deferred to one checkpoint at its
 * end (https://www.sqlite.org/wal.html#automatic_checkpoint).
 */
export function createCheckpoints(db: Db, file: string, maxDeferredWalBytes = MAX_DEFERRED_WAL_BYTES) {
  const walFile = `${file}-wal`;
  let deferring = 0;
  /** The WAL size past which the next commit checkpoints. */
  let limit = maxDeferredWalBytes;
  const walBytes = (): number => {
    try {
      return statSync(walFile).size;
    } catch {
      return 0;
    }
  };
  return {
    /** Runs `fn` with automatic checkpoints off, then checkpoints once. */
    async deferDuring<T>(fn: () => Promise<T>): Promise<T> {
      if ((deferring += 1) === 1) db.pragma('wal_autocheckpoint = 0');
      try {
        return await fn();
      } finally {
        if ((deferring -= 1) === 0 && db.open) {
          // PASSIVE: copies what it can without waiting on readers (the HTTP side).
          db.pragma('wal_checkpoint(PASSIVE)');
          db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
        }
      }
    },
    /**
     * Called after a commit: checkpoints a deferred WAL that has grown too
     * large. A checkpoint does not shrink the WAL file (SQLite reuses it from
     * the start), so its size alone would call for one after every later
     * commit: TRUNCATE empties it when no reader holds old frames; when one
     * does, the next checkpoint waits for another `maxDeferredWalBytes`.
     */
    afterCommit(): void {
      if (deferring === 0 || db.inTransaction) return;
      const size = walBytes();
      if (size <= limit) return;
      const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      limit = result?.busy === 0 ? maxDeferredWalBytes : size + maxDeferredWalBytes;
    },
  };
}

export type Checkpoints = ReturnType<typeof createCheckpoints>;
