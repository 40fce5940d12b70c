import type { CycleRecord } from '../cycles.js';
import type { CycleStore } from '../store.js';
import type { Sql } from './connect.js';

/** The cycle log (../cycles.ts) on PostgreSQL: every worker records its own cycles. */
export function createPostgresCycleLog(sql: Sql): CycleStore<'later'> {
  return {
    recordCycle: async (cycle: CycleRecord) => {
      await sql`
        INSERT INTO cycles (started_at, finished_at, duration_ms, sources_ok, sources_failed, items_new, items_updated, items_duplicate)
        VALUES (${cycle.startedAt}, ${cycle.finishedAt}, ${cycle.durationMs}, ${cycle.sourcesOk}, ${cycle.sourcesFailed},
          ${cycle.itemsNew}, ${cycle.itemsUpdated}, ${cycle.itemsDuplicate})`;
    },
    lastCycle: async () => {
      const [row] = await sql<CycleRecord[]>`
        SELECT started_at AS "startedAt", finished_at AS "finishedAt", duration_ms AS "durationMs", sources_ok AS "sourcesOk",
          sources_failed AS "sourcesFailed", items_new AS "itemsNew", items_updated AS "itemsUpdated", items_duplicate AS "itemsDuplicate"
        FROM cycles ORDER BY id DESC LIMIT 1`;
      return row === undefined ? undefined : { ...row };
    },
  };
}
