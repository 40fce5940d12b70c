import { describe, expect, it } from 'vitest';
import { parseFeedDate } from '../../src/parse/parse-date.js';

const NOW = new Date('2024-03-20T12:00:00Z');
const iso = (value: string): string | null => parseFeedDate(value, NOW)?.toISOString() ?? null;

describe('parseFeedDate', () => {
  it.each([
    ['Tue, 19 Mar 2024 14:27:00 GMT', '2024-03-19T14:27:00.000Z'],
    ['Tue, 19 Mar 2024 14:27:00 UT', '2024-03-19T14:27:00.000Z'],
    ['Tue, 19 Mar 2024 10:05:00 EST', '2024-03-19T15:05:00.000Z'],
    ['Tue, 19 Mar 2024 10:05:00 EDT', '2024-03-19T14:05:00.000Z'],
    ['Tue, 19 Mar 2024 10:05:00 PST', '2024-03-19T18:05:00.000Z'],
    ['Tue, 19 Mar 2024 10:05:00 +0300', '2024-03-19T07:05:00.000Z'],
    ['Tue, 19 Mar 2024 10:05:00 -0430', '2024-03-19T14:35:00.000Z'],
    ['19 Mar 2024 10:05 Z', '2024-03-19T10:05:00.000Z'],
    ['Tuesday, 19 March 2024 10:05:00 GMT', '2024-03-19T10:05:00.000Z'],
    ['Tue, 5 Mar 24 10:05:00 GMT', '2024-03-05T10:05:00.000Z'],
    ['Tue, 19 Mar 2024 10:05:00 +0000 (UTC)', '2024-03-19T10:05:00.000Z'],
    ['Tue, 19 Mar 2024 10:05:00', '2024-03-19T10:05:00.000Z'],
    ['2024-03-19T08:00:00+01:00', '2024-03-19T07:00:00.000Z'],
    ['2024-03-19T08:00:00.250Z', '2024-03-19T08:00:00.250Z'],
    ['2024-03-19T08:00:00+0530', '2024-03-19T02:30:00.000Z'],
    ['2024-03-19 08:00:00', '2024-03-19T08:00:00.000Z'],
    ['2024-03-19', '2024-03-19T00:00:00.000Z'],
    ['  2024-03-19T08:00:00Z \n', '2024-03-19T08:00:00.000Z'],
  ])('reads %j as %s', (input, expected) => {
    expect(iso(input)).toBe(expected);
  });

  it.each([['yesterday'], [''], ['Tue, 32 Mar 2024 10:00:00 GMT'], ['2024-02-30T00:00:00Z'], ['2024-13-01'], ['Tue, 19 Foo 2024 10:00:00 GMT'], ['2024-03-19T25:00:00Z']])(
    'returns null for the invalid %j',
    (input) => {
      expect(iso(input)).toBeNull();
    },
  );

  it('returns null for a date more than a day after now, and keeps one within the day', () => {
    expect(iso('2024-03-21T12:00:01Z')).toBeNull();
    expect(iso('2030-01-01T00:00:00Z')).toBeNull();
    expect(iso('2024-03-21T11:59:59Z')).toBe('2024-03-21T11:59:59.000Z');
  });

  it('returns null for no value', () => {
    expect(parseFeedDate(undefined, NOW)).toBeNull();
  });
});
