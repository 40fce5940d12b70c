import type { Logger } from 'pino';
import type { SourceConfig } from '../config/types.js';
import type { Store } from '../store/index.js';
import type { CycleSummary } from '../update/update-sources.js';
import { noCounts } from '../update/update-source.js';

/** How long a claim holds without renewal (README "Several workers"), unless $TOPICWIRE_LEASE_SECONDS says otherwise. */
export const DEFAULT_LEASE_MS = 60_000;

/**
 * How many sources a worker claims at a time: enough to keep its fetch slots
 * busy for a while, few enough that a second worker finds work left.
 */
export function claimChunkOf(concurrency: number): number {
  return Math.max(4, concurrency * 4);
}

/** One summary of several chunks' (for /metrics and the log). */
export function mergeSummaries(startedAt: Date, durationMs: number, parts: readonly CycleSummary[]): CycleSummary {
  const totals = { ...noCounts(), ok: 0, failed: 0 };
  for (const part of parts) for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += part.totals[key];
  return { startedAt, durationMs, sources: parts.flatMap((p) => p.sources), totals };
}

export interface SharedCycleDeps {
  store: Store;
  logger: Logger;
  sources: readonly SourceConfig[];
  now: Date;
  concurrency: number;
  leaseMs: number;
  /** Updates one chunk of claimed sources (updateSources). */
  update: (sources: readonly SourceConfig[]) => Promise<CycleSummary>;
  /** Stops claiming more (a stop request). */
  signal: AbortSignal;
}

/**
 * A cycle of a worker that shares the store: claims due sources a chunk at a
 * time and updates each chunk, until no due source is left unclaimed. Its
 * claims are renewed every third of a lease while it works, so a slow feed
 * never hands its source to another worker; if the worker dies, they lapse,
 * and the other workers take them at their next cycle. Each source's fetch
 * record ends its claim; a chunk that did not finish gives back what is left.
 */
export async function runSharedCycle(deps: SharedCycleDeps): Promise<CycleSummary[]> {
  const { store } = deps;
  const byId = new Map(deps.sources.map((s) => [s.id, s]));
  const ids = [...byId.keys()];
  const renewal = setInterval(() => {
    Promise.resolve(store.work.renewClaims(deps.leaseMs)).catch((error: unknown) =>
      deps.logger.warn({ event: 'claims', err: error }, 'could not renew the claims on this worker\'s sources'),
    );
  }, Math.max(100, Math.floor(deps.leaseMs / 3)));
  const summaries: CycleSummary[] = [];
  try {
    while (!deps.signal.aborted) {
      const claimed = await store.work.claimDue(ids, deps.now, claimChunkOf(deps.concurrency), deps.leaseMs);
      if (claimed.length === 0) break;
      deps.logger.debug({ event: 'claims', sources: claimed.length }, 'claimed due sources');
      try {
        summaries.push(await deps.update(claimed.flatMap((id) => byId.get(id) ?? [])));
      } finally {
        await store.work.releaseClaims(claimed);
      }
    }
  } finally {
    clearInterval(renewal);
  }
  return summaries;
}
