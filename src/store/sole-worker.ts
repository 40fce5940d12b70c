import type { SourceState } from './source-state.js';
import type { WorkStore } from './store.js';

/**
 * The work of a store that one process holds (SQLite, behind the daemon's
 * lock file): every due source is its own, unclaimed, and it always leads.
 */
export function createSoleWorker(sources: SourceState): WorkStore<'now'> {
  return {
    shared: false,
    claimDue: (ids, now, limit) => {
      const records = new Map(sources.listSources().map((r) => [r.id, r]));
      return ids
        .filter((id) => {
          const record = records.get(id);
          if (record?.status === 'disabled') return false;
          return record?.nextDueAt == null || Date.parse(record.nextDueAt) <= now.getTime();
        })
        .slice(0, limit);
    },
    renewClaims: () => 0,
    releaseClaims: () => undefined,
    tryLead: () => true,
    resign: () => undefined,
  };
}
