import type { Db } from './open-store.js';

export interface CycleRecord {
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  sourcesOk: number;
  sourcesFailed: number;
  itemsNew: number;
  itemsUpdated: number;
  itemsDuplicate: number;
}

interface CycleRow {
  started_at: string;
  finished_at: string;
  duration_ms: number;
  sources_ok: number;
  sources_failed: number;
  items_new: number;
  items_updated: number;
  items_duplicate: number;
}

export function createCycleLog(db: Db) {
  const insert = db.prepare(`
    INSERT INTO cycles (started_at, finished_at, duration_ms, sources_ok, sources_failed, items_new, items_updated, items_duplicate)
    VALUES (@started_at, @finished_at, @duration_ms, @sources_ok, @sources_failed, @items_new, @items_updated, @items_duplicate)`);
  const selectLast = db.prepare<[], CycleRow>('SELECT * FROM cycles ORDER BY id DESC LIMIT 1');

  return {
    recordCycle: (cycle: CycleRecord): void => {
      insert.run({
        started_at: cycle.startedAt,
        finished_at: cycle.finishedAt,
        duration_ms: cycle.durationMs,
        sources_ok: cycle.sourcesOk,
        sources_failed: cycle.sourcesFailed,
        items_new: cycle.itemsNew,
        items_updated: cycle.itemsUpdated,
        items_duplicate: cycle.itemsDuplicate,
      });
    },
    lastCycle: (): CycleRecord | undefined => {
      const row = selectLast.get();
      if (!row) return undefined;
      return {
        startedAt: row.started_at,
        finishedAt: row.finished_at,
        durationMs: row.duration_ms,
        sourcesOk: row.sources_ok,
        sourcesFailed: row.sources_failed,
        itemsNew: row.items_new,
        itemsUpdated: row.items_updated,
        itemsDuplicate: row.items_duplicate,
      };
    },
  };
}

export type CycleLog = ReturnType<typeof createCycleLog>;
