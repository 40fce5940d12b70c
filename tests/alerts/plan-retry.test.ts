import { describe, expect, it } from 'vitest';
import { FIRST_DELAY_MS, MAX_DELAY_MS, parseRetryAfter, planRetry } from '../../src/alerts/index.js';

const queuedAt = new Date('2024-03-19T10:00:00Z');
const failure = { ok: false as const, retryable: true, error: 'HTTP 503 Service Unavailable' };
const day = 24 * 3_600_000;
const plan = (attempts: number, nowMs: number, extra: Partial<typeof failure> & { retryAfterMs?: number } = {}, random = 0.5) =>
  planRetry({ result: { ...failure, ...extra }, attempts, queuedAt, now: new Date(queuedAt.getTime() + nowMs), horizonMs: day, random: () => random });
const delayOf = (result: ReturnType<typeof planRetry>, nowMs: number): number => (result.retry ? result.at.getTime() - queuedAt.getTime() - nowMs : Number.NaN);

describe('planRetry', () => {
  it('backs off exponentially, with jitter, up to a cap', () => {
    expect(delayOf(plan(1, 0), 0)).toBe(FIRST_DELAY_MS);
    expect(delayOf(plan(2, 0), 0)).toBe(3 * FIRST_DELAY_MS);
    expect(delayOf(plan(3, 0), 0)).toBe(9 * FIRST_DELAY_MS);
    expect(delayOf(plan(30, 0), 0)).toBe(MAX_DELAY_MS);
    expect(delayOf(plan(1, 0, {}, 0), 0)).toBe(0.75 * FIRST_DELAY_MS);
    expect(delayOf(plan(1, 0, {}, 0.999_999), 0)).toBeCloseTo(1.25 * FIRST_DELAY_MS, -1);
  });

  it('waits exactly what Retry-After says, at least a second', () => {
    expect(delayOf(plan(1, 0, { retryAfterMs: 120_000 }), 0)).toBe(120_000);
    expect(delayOf(plan(5, 0, { retryAfterMs: 0 }), 0)).toBe(1000);
  });

  it('gives up once the next attempt would fall past the horizon, saying how long it tried', () => {
    const last = plan(12, day - 60_000);
    expect(last).toEqual({ retry: false, reason: 'HTTP 503 Service Unavailable; gave up after 12 attempts over 24.0 h' });
    expect(plan(1, 0, { retryAfterMs: 2 * day })).toMatchObject({ retry: false });
  });

  it('never retries what no retry can mend', () => {
    expect(plan(1, 0, { retryable: false, error: 'HTTP 404 Not Found' })).toEqual({ retry: false, reason: 'HTTP 404 Not Found' });
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2024-03-19T10:00:00Z');
  it('reads seconds and HTTP dates (RFC 9110 §10.2.3)', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Tue, 19 Mar 2024 10:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
