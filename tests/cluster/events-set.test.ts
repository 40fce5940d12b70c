import { describe, expect, it } from 'vitest';
import { readEventSet } from './labeled-set.js';

const { description, hardNegatives, items } = readEventSet();
const primaryLanguage = (tag: string): string => (tag.split('-')[0] ?? '').toLowerCase();

function groupBy<T>(values: readonly T[], keyOf: (value: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const value of values) groups.set(keyOf(value), [...(groups.get(keyOf(value)) ?? []), value]);
  return groups;
}

const clusters = groupBy(items, (item) => item.cluster);
const events = [...clusters.values()].filter((reports) => new Set(reports.map((r) => r.source)).size >= 4);

describe('the labelled event set', () => {
  it('has at least 15 events reported by 4 or more outlets each', () => {
    expect(events.length).toBeGreaterThanOrEqual(15);
  });

  it('spans at least 4 languages, with events carried in several languages and scripts', () => {
    expect(new Set(items.map((item) => primaryLanguage(item.lang))).size).toBeGreaterThanOrEqual(4);
    const multilingual = events.filter((reports) => new Set(reports.map((r) => primaryLanguage(r.lang))).size >= 2);
    expect(multilingual.length).toBeGreaterThanOrEqual(10);
    const cyrillicAndLatin = events.filter(
      (reports) => reports.some((r) => /\p{Script=Cyrillic}/u.test(r.text)) && reports.some((r) => /^[\p{Script=Latin}\P{L}]*$/u.test(r.text)),
    );
    expect(cyrillicAndLatin.length).toBeGreaterThanOrEqual(5);
  });

  it('holds the seed story in several languages', () => {
    const seed = clusters.get('kremlin-nato-caucasus-2024-03-19') ?? [];
    expect(seed.some((r) => r.title === 'NATO will not bring stability to the Caucasus – Kremlin')).toBe(true);
    expect(new Set(seed.map((r) => primaryLanguage(r.lang))).size).toBeGreaterThanOrEqual(4);
  });

  it('gives every item an outlet, a language, a date, an address and the text a feed carries', () => {
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    expect(new Set(items.map((i) => i.url)).size).toBe(items.length);
    for (const item of items) {
      expect(item.source, item.id).toMatch(/^[a-z0-9-]+$/);
      expect(item.lang, item.id).toMatch(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/);
      expect(item.published, item.id).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(Number.isNaN(Date.parse(item.published)), item.id).toBe(false);
      expect(new URL(item.url).protocol, item.id).toMatch(/^https?:$/);
      expect(item.title !== '' || (item.titleNote ?? '') !== '', `${item.id} has a title or says why not`).toBe(true);
      expect(item.summary.length, item.id).toBeGreaterThan(20);
      // Lead paragraphs, as an RSS description carries them, not whole pages.
      expect(item.text.length, item.id).toBeGreaterThan(item.summary.length / 2);
      expect(item.text.length, item.id).toBeLessThan(2000);
    }
  });

  it('says how a date was read wherever the page gave no time', () => {
    for (const item of items.filter((i) => i.published.endsWith('T12:00:00Z'))) {
      expect(item.dateNote ?? '', item.id).not.toBe('');
    }
  });

  it('marks the hard negatives the issue lists as groups of its clusters', () => {
    const kinds = new Set(hardNegatives.map((group) => group.kind));
    for (const kind of [
      'same-spokesman-weeks-apart',
      'announcement-and-reaction',
      'crisis-milestones',
      'same-law-same-votes-in-favour',
      'annual-summits-same-formula',
      'country-vs-us-university',
      'templated-one-outlet',
    ]) {
      expect(kinds, kind).toContain(kind);
    }
    for (const group of hardNegatives) {
      expect(group.clusters.length, group.kind).toBeGreaterThanOrEqual(2);
      expect(group.why.length, group.kind).toBeGreaterThan(20);
      for (const cluster of group.clusters) expect(clusters.has(cluster), `${group.kind}: ${cluster}`).toBe(true);
    }
    expect(description).toContain('hardNegatives');
  });

  it('keeps the two votes of one law with the same count in favour', () => {
    const votes = hardNegatives.find((group) => group.kind === 'same-law-same-votes-in-favour');
    for (const cluster of votes?.clusters ?? []) {
      expect((clusters.get(cluster) ?? []).some((r) => /\b84\b/.test(r.text)), cluster).toBe(true);
    }
  });
});
