import type { Store } from '../store/index.js';

/** How the daemon's writes of the static output (output.dir) are going. */
export interface OutputHealth {
  dir: string;
  /** The last write's error, or null once a write succeeded. */
  error: string | null;
  /** When the writes began to fail (the first failure of the current run). */
  since: string | null;
  lastWrittenAt: string | null;
}

export interface HealthReport {
  status: number;
  body: {
    status: 'ok' | 'stale' | 'starting' | 'output-failing';
    lastCycle: { finishedAt: string; durationMs: number; sourcesOk: number; sourcesFailed: number } | null;
    sources: { ok: number; failing: number; never: number; disabled: number };
    /** `since`: when the source's current run of failures began; for one that never succeeded, its first failure. */
    failing: { id: string; error: string | null; since: string | null }[];
    output?: { dir: string; status: 'ok' | 'failing'; error: string | null; since: string | null; lastWrittenAt: string | null };
  };
}

/**
 * /health: 200 while cycles complete and the static output is written, 503
 * when no cycle has completed within three schedule periods or the output
 * cannot be written (a monitor can alert on either), with the failing sources.
 * `output` is given by `run`, which writes the output; `serve` writes none.
 */
export async function describeHealth(store: Store, now: Date, schedulePeriodMs: number, output?: OutputHealth): Promise<HealthReport> {
  const last = await store.cycles.lastCycle();
  const sources = { ok: 0, failing: 0, never: 0, disabled: 0 };
  const failing: HealthReport['body']['failing'] = [];
  for (const source of await store.sources.listSources()) {
    sources[source.status] += 1;
    if (source.status === 'failing') failing.push({ id: source.id, error: source.lastError, since: source.failingSince });
  }
  const fresh = last !== undefined && now.getTime() - Date.parse(last.finishedAt) <= 3 * schedulePeriodMs;
  const outputFailing = output !== undefined && output.error !== null;
  const status = last === undefined ? 'starting' : !fresh ? 'stale' : outputFailing ? 'output-failing' : 'ok';
  return {
    status: fresh && !outputFailing ? 200 : 503,
    body: {
      status,
      lastCycle: last ? { finishedAt: last.finishedAt, durationMs: last.durationMs, sourcesOk: last.sourcesOk, sourcesFailed: last.sourcesFailed } : null,
      sources,
      failing,
      ...(output === undefined ? {} : { output: { dir: output.dir, status: outputFailing ? 'failing' : 'ok', error: output.error, since: output.since, lastWrittenAt: output.lastWrittenAt } }),
    },
  };
}
