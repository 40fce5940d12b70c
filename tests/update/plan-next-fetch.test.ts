import { describe, expect, it } from 'vitest';
import { chooseInterval, planNextFetch, readFreshness, readRetryAfter, skipQuietTimes, type PlanInput } from '../../src/update/plan-next-fetch.js';

const now = new Date('2024-03-19T10:00:00Z');
const bounds = { minMinutes: 5, maxMinutes: 1440 };
const plan = (overrides: Partial<PlanInput>) =>
  planNextFetch({ now, result: { ok: true, headers: {} }, recentItemTimes: [], failures: 0, bounds, random: () => 0.5, ...overrides });
const minutesUntil = (date: Date) => (date.getTime() - now.getTime()) / 60_000;
const hoursAgo = (...hours: number[]) => hours.map((h) => new Date(now.getTime() - h * 3_600_000));

describe('chooseInterval', () => {
  it('follows the posting rate (median gap) within bounds', () => {
    expect(chooseInterval({ recentItemTimes: hoursAgo(0, 2, 4, 6, 30), bounds })).toEqual({ minutes: 120, reason: 'posts about every 2 h' });
    expect(chooseInterval({ recentItemTimes: hoursAgo(0, 0.01, 0.02, 0.03), bounds }).minutes).toBe(5);
    expect(chooseInterval({ recentItemTimes: hoursAgo(0, 100, 200, 300), bounds })).toEqual({ minutes: 1440, reason: 'posts about every 100 h (bounded to 24 h)' });
  });
  it('uses the source interval over the posting rate, and a default without history', () => {
    expect(chooseInterval({ intervalMinutes: 30, recentItemTimes: hoursAgo(0, 5, 10), bounds }).minutes).toBe(30);
    expect(chooseInterval({ recentItemTimes: hoursAgo(0), bounds })).toEqual({ minutes: 60, reason: 'no posting history yet' });
  });
});

describe('planNextFetch', () => {
  it("counts the interval from the cycle's schedule tick, so interval = period is due at the next tick", () => {
    // The tick at 10:00, the fetch done at 10:00:07: due at 10:15 sharp, not 10:15:07 (just after the next tick).
    const tick = new Date(now.getTime() - 7000);
    expect(plan({ from: tick, intervalMinutes: 15 }).dueAt).toEqual(new Date(tick.getTime() + 15 * 60_000));
    expect(plan({ from: tick, intervalMinutes: 15, failures: 1, result: { ok: false, httpStatus: 500, headers: {} } }).dueAt).toEqual(new Date(tick.getTime() + 15 * 60_000));
    // The server's "not sooner" counts from when it answered.
    expect(plan({ from: tick, intervalMinutes: 15, result: { ok: true, headers: { 'cache-control': 'max-age=900' } } }).dueAt).toEqual(new Date(now.getTime() + 15 * 60_000));
    expect(plan({ from: tick, intervalMinutes: 1, failures: 1, result: { ok: false, httpStatus: 503, headers: { 'retry-after': '120' } } }).dueAt).toEqual(new Date(now.getTime() + 120_000));
  });

  it('is never sooner than max-age, Expires, ttl or sy:updatePeriod', () => {
    expect(minutesUntil(plan({ result: { ok: true, headers: { 'cache-control': 'max-age=7200' } } }).dueAt)).toBe(120);
    const expires = plan({ result: { ok: true, headers: { date: now.toUTCString(), expires: new Date(now.getTime() + 3 * 3_600_000).toUTCString() } } });
    expect(expires).toMatchObject({ reason: 'Expires (not sooner)' });
    expect(minutesUntil(expires.dueAt)).toBe(180);
    expect(plan({ result: { ok: true, headers: {}, hints: { ttlMinutes: 240 } } }).reason).toBe('feed ttl 240 min (not sooner)');
    const sy = plan({ result: { ok: true, headers: {}, hints: { updatePeriod: 'daily', updateFrequency: 4 } } });
    expect(minutesUntil(sy.dueAt)).toBe(360);
    expect(plan({ result: { ok: true, headers: { 'cache-control': 'max-age=60' } } }).reason).toBe('no posting history yet');
  });

  it('backs off exponentially with jitter after failures, up to the upper bound', () => {
    const delays = [1, 2, 3, 4].map((failures) => minutesUntil(plan({ failures, intervalMinutes: 10, result: { ok: false, httpStatus: 500, headers: {} } }).dueAt));
    expect(delays).toEqual([10, 20, 40, 80]);
    const low = plan({ failures: 1, intervalMinutes: 10, random: () => 0, result: { ok: false, headers: {} } });
    const high = plan({ failures: 1, intervalMinutes: 10, random: () => 0.999, result: { ok: false, headers: {} } });
    expect([minutesUntil(low.dueAt), Math.round(minutesUntil(high.dueAt))]).toEqual([7.5, 12]);
    expect(minutesUntil(plan({ failures: 30, intervalMinutes: 10, result: { ok: false, headers: {} } }).dueAt)).toBe(1440);
  });

  it('honours Retry-After on 429 and 503 only', () => {
    const limited = plan({ failures: 1, result: { ok: false, httpStatus: 503, headers: { 'retry-after': '7200' } } });
    expect(limited.reason).toBe('Retry-After 7200 s (HTTP 503)');
    expect(plan({ failures: 1, result: { ok: false, httpStatus: 500, headers: { 'retry-after': '7200' } } }).reason).toMatch(/^backoff/);
  });

  it('disables on 410 Gone', () => {
    expect(plan({ failures: 1, result: { ok: false, httpStatus: 410, headers: {} } })).toMatchObject({ reason: 'disabled: 410 Gone', disable: expect.stringContaining('410') });
  });

  it("moves a due time out of the feed's skipHours and skipDays", () => {
    const result = plan({ intervalMinutes: 30, result: { ok: true, headers: {}, hints: { skipHours: [10, 11, 12] } } });
    expect(result.dueAt.toISOString()).toBe('2024-03-19T13:00:00.000Z');
    expect(result.reason).toMatch(/moved out of the feed's skipHours\/skipDays$/);
    // 2024-03-19 is a Tuesday.
    expect(skipQuietTimes(now, { skipDays: ['Tuesday'] }).due.toISOString()).toBe('2024-03-20T00:00:00.000Z');
  });
});

describe('header parsing', () => {
  it('reads Retry-After as seconds or an HTTP date, and freshness from max-age or Expires', () => {
    expect(readRetryAfter({ 'retry-after': '120' }, now)).toBe(120);
    expect(readRetryAfter({ 'retry-after': new Date(now.getTime() + 60_000).toUTCString() }, now)).toBe(60);
    expect(readRetryAfter({ 'retry-after': 'soon' }, now)).toBeUndefined();
    expect(readFreshness({ 'cache-control': 'no-cache, max-age="600"' }, now)).toEqual({ seconds: 600, from: 'Cache-Control max-age=600' });
    expect(readFreshness({ expires: 'garbage' }, now)).toBeUndefined();
  });
});
