import type { FeedHints } from '../model.js';

export interface ScheduleBounds {
  minMinutes: number;
  maxMinutes: number;
}

export interface FetchResult {
  ok: boolean;
  httpStatus?: number;
  /** Response headers, lower-case names (an error's too, for Retry-After). */
  headers: Readonly<Record<string, string>>;
  hints?: FeedHints | undefined;
}

export interface PlanInput {
  now: Date;
  /**
   * The schedule tick the fetch ran for, when it did: the regular interval and
   * the backoff count from it, so an interval equal to the schedule's period
   * is due exactly at the next tick, not a fetch's duration after it. The
   * server's and the feed's "not sooner" hints count from `now`.
   */
  from?: Date;
  result: FetchResult;
  /** The source's own "interval" (minutes) from config.json. */
  intervalMinutes?: number | undefined;
  /** Publication times of the source's newest items, newest first. */
  recentItemTimes: readonly Date[];
  /** Consecutive failures, this one included (0 after a success). */
  failures: number;
  bounds: ScheduleBounds;
  /** In [0, 1): spreads retries of sources that failed together. */
  random: () => number;
}

export interface NextFetch {
  dueAt: Date;
  reason: string;
  /** Why the source must not be fetched again, when it must not. */
  disable?: string;
}

const minute = 60_000;
const periodMinutes = { hourly: 60, daily: 1440, weekly: 10_080, monthly: 43_200, yearly: 525_600 } as const;
const dayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const clamp = (value: number, bounds: ScheduleBounds) => Math.min(bounds.maxMinutes, Math.max(bounds.minMinutes, value));

function describeMinutes(minutes: number): string {
  if (minutes < 1) return `${Math.round(minutes * 60)} s`;
  if (minutes < 120) return `${Math.round(minutes)} min`;
  return `${Math.round((minutes / 60) * 10) / 10} h`;
}

/** The source's regular interval: its own setting, else its posting rate within bounds. */
export function chooseInterval(input: Pick<PlanInput, 'intervalMinutes' | 'recentItemTimes' | 'bounds'>): { minutes: number; reason: string } {
  if (input.intervalMinutes !== undefined) return { minutes: input.intervalMinutes, reason: `interval ${describeMinutes(input.intervalMinutes)} set in config` };
  const times = input.recentItemTimes.map((t) => t.getTime()).filter(Number.isFinite);
  const gaps = times.slice(1).map((t, i) => ((times[i] ?? t) - t) / minute).filter((g) => g > 0).sort((a, b) => a - b);
  if (gaps.length < 2) return { minutes: clamp(60, input.bounds), reason: 'no posting history yet' };
  const median = gaps[Math.floor(gaps.length / 2)] ?? 60;
  const minutes = clamp(median, input.bounds);
  const bounded = minutes === median ? '' : ` (bounded to ${describeMinutes(minutes)})`;
  return { minutes, reason: `posts about every ${describeMinutes(median)}${bounded}` };
}

/** Seconds from Retry-After: delta-seconds or an HTTP-date (RFC 9110 §10.2.3). */
export function readRetryAfter(headers: Readonly<Record<string, string>>, now: Date): number | undefined {
  const value = headers['retry-after']?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now.getTime()) / 1000);
}

/** Freshness lifetime in seconds from Cache-Control max-age or Expires (RFC 9111 §4.2.1). */
export function readFreshness(headers: Readonly<Record<string, string>>, now: Date): { seconds: number; from: string } | undefined {
  const maxAge = /(?:^|,)\s*max-age\s*=\s*"?(\d+)"?/i.exec(headers['cache-control'] ?? '')?.[1];
  if (maxAge !== undefined) return { seconds: Number(maxAge), from: `Cache-Control max-age=${maxAge}` };
  const expires = headers.expires === undefined ? NaN : Date.parse(headers.expires);
  if (Number.isNaN(expires)) return undefined;
  const date = headers.date === undefined ? NaN : Date.parse(headers.date);
  const seconds = (expires - (Number.isNaN(date) ? now.getTime() : date)) / 1000;
  return seconds > 0 ? { seconds, from: 'Expires' } : undefined;
}

/** The feed's and server's "not before" hints, each in minutes, with where it came from. */
function collectHints(result: FetchResult, now: Date): { minutes: number; reason: string }[] {
  const hints: { minutes: number; reason: string }[] = [];
  const freshness = readFreshness(result.headers, now);
  if (freshness) hints.push({ minutes: freshness.seconds / 60, reason: freshness.from });
  const feed = result.hints;
  if (feed?.ttlMinutes !== undefined) hints.push({ minutes: feed.ttlMinutes, reason: `feed ttl ${feed.ttlMinutes} min` });
  if (feed?.updatePeriod !== undefined) {
    const frequency = feed.updateFrequency ?? 1;
    hints.push({ minutes: periodMinutes[feed.updatePeriod] / frequency, reason: `feed sy:updatePeriod ${feed.updatePeriod} × ${frequency}` });
  }
  return hints;
}

/** Moves a time out of the feed's skipHours / skipDays (RSS 2.0, both in GMT). */
export function skipQuietTimes(due: Date, hints: FeedHints | undefined): { due: Date; moved: boolean } {
  const hours = new Set(hints?.skipHours ?? []);
  const days = new Set(hints?.skipDays ?? []);
  if (hours.size === 0 && days.size === 0) return { due, moved: false };
  let time = due.getTime();
  for (let step = 0; step < 24 * 8; step += 1) {
    const at = new Date(time);
    if (!hours.has(at.getUTCHours()) && !days.has(dayNames[at.getUTCDay()] ?? '')) return { due: at, moved: step > 0 };
    time = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate(), at.getUTCHours() + 1);
  }
  return { due, moved: false };
}

/**
 * When to fetch a source next, and why: its regular interval (own setting or
 * posting rate, within bounds), never sooner than the server's and the
 * feed's hints; after failures, exponential backoff with jitter; 410 Gone
 * disables the source (RFC 9110 §15.5.11: the resource is gone for good).
 */
export function planNextFetch(input: PlanInput): NextFetch {
  const { now, result } = input;
  if (!result.ok && result.httpStatus === 410) {
    return { dueAt: new Date(8.64e15), reason: 'disabled: 410 Gone', disable: 'the server answered 410 Gone: the feed was removed for good' };
  }
  const interval = chooseInterval(input);
  const from = (input.from ?? now).getTime();
  let due = from + interval.minutes * minute;
  let reason = interval.reason;
  if (!result.ok) {
    const exponent = Math.min(Math.max(input.failures - 1, 0), 20);
    const jitter = 0.75 + input.random() * 0.5;
    const minutes = Math.min(input.bounds.maxMinutes, interval.minutes * 2 ** exponent) * jitter;
    due = from + minutes * minute;
    reason = `backoff after ${input.failures} failure${input.failures === 1 ? '' : 's'} (${describeMinutes(minutes)})`;
    const retryAfter = result.httpStatus === 429 || result.httpStatus === 503 ? readRetryAfter(result.headers, now) : undefined;
    if (retryAfter !== undefined && now.getTime() + retryAfter * 1000 > due) {
      due = now.getTime() + retryAfter * 1000;
      reason = `Retry-After ${Math.round(retryAfter)} s (HTTP ${result.httpStatus})`;
    }
  } else {
    for (const hint of collectHints(result, now)) {
      const notBefore = now.getTime() + hint.minutes * minute;
      if (notBefore > due) ({ due, reason } = { due: notBefore, reason: `${hint.reason} (not sooner)` });
    }
  }
  const skipped = skipQuietTimes(new Date(due), result.hints);
  return { dueAt: skipped.due, reason: skipped.moved ? `${reason}; moved out of the feed's skipHours/skipDays` : reason };
}
