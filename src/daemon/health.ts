import type { Store } from '../store/index.js';

export interface HealthReport {
  status: number;
  body: {
    status: 'ok' | 'stale' | 'starting';
    lastCycle: { finishedAt: string; durationMs: number; sourcesOk: number; sourcesFailed: number } | null;
    sources: { ok: number; failing: number; never: number; disabled: number };
    failing: { id: string; error: string | null; since: string | null }[];
  };
}

/**
 * /health: 200 while cycles complete, 503 when none has completed within three
 * schedule periods (a monitor can alert on that), with the failing sources.
 */
export async function describeHealth(store: Store, now: Date, schedulePeriodMs: number): Promise<HealthReport> {
  const last = await store.cycles.lastCycle();
  const sources = { ok: 0, failing: 0, never: 0, disabled: 0 };
  const failing: HealthReport['body']['failing'] = [];
  for (const source of await store.sources.listSources()) {
    sources[source.status] += 1;
    if (source.status === 'failing') failing.push({ id: source.id, error: source.lastError, since: source.lastOkAt });
  }
  const fresh = last !== undefined && now.getTime() - Date.parse(last.finishedAt) <= 3 * schedulePeriodMs;
  const status = last === undefined ? 'starting' : fresh ? 'ok' : 'stale';
  return {
    status: fresh ? 200 : 503,
    body: {
      status,
      lastCycle: last ? { finishedAt: last.finishedAt, durationMs: last.durationMs, sourcesOk: last.sourcesOk, sourcesFailed: last.sourcesFailed } : null,
      sources,
      failing,
    },
  };
}
