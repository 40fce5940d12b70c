import type { AttemptResult } from './types.js';

export interface RetryInput {
  result: Extract<AttemptResult, { ok: false }>;
  /** Attempts made so far, this one included. */
  attempts: number;
  /** When the delivery was queued: retries stop `horizonMs` after. */
  queuedAt: Date;
  now: Date;
  horizonMs: number;
  /** In [0, 1), for jitter. */
  random: () => number;
}

export type RetryPlan = { retry: true; at: Date } | { retry: false; reason: string };

/** The first retry's delay; each further one triples it, up to MAX_DELAY_MS, ±25 %. */
export const FIRST_DELAY_MS = 15_000;
export const MAX_DELAY_MS = 6 * 3_600_000;

/**
 * When to try a failed delivery again, or that it has failed for good.
 * Exponential backoff with jitter, as Standard Webhooks recommends (spec,
 * "Deliverability and reliability"), so a receiver coming back up is not met
 * by every queued delivery at once; a Retry-After (RFC 9110 §10.2.3) is the
 * receiver saying when, and is waited exactly. Past the horizon — or for a
 * failure no retry can mend — the delivery is failed.
 */
export function planRetry(input: RetryInput): RetryPlan {
  const { result, attempts, now } = input;
  if (!result.retryable) return { retry: false, reason: result.error };
  const backoff = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 3 ** Math.max(0, attempts - 1));
  const delay = result.retryAfterMs !== undefined ? Math.max(1000, result.retryAfterMs) : backoff * (0.75 + 0.5 * input.random());
  const at = new Date(now.getTime() + delay);
  const deadline = input.queuedAt.getTime() + input.horizonMs;
  if (at.getTime() > deadline) {
    return { retry: false, reason: `${result.error}; gave up after ${attempts} attempt${attempts === 1 ? '' : 's'} over ${formatSpan(now.getTime() - input.queuedAt.getTime())}` };
  }
  return { retry: true, at };
}

function formatSpan(ms: number): string {
  if (ms < 90_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 5_400_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

/** Retry-After as a number of seconds or an HTTP date (RFC 9110 §10.2.3), in ms from now; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  if (value == null || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
