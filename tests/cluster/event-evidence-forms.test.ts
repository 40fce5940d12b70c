import { describe, expect, it } from 'vitest';
import { extractEventFeatures, parseEventFeatures, type EventFeatures } from '../../src/cluster/index.js';
import { serializeEventFeatures } from '../../src/cluster/event-match.js';
import { guessLanguage } from '../../src/cluster/event-lexicon.js';
import { isSameName, isWithinOneEdit } from '../../src/cluster/transliterate.js';
import { foldWords } from '../../src/text/index.js';
import { findEquivalences } from '../../src/topics/index.js';
import { readEventSet } from './labeled-set.js';

const { items } = readEventSet();
const define = { 'nato-names': 'nato OR нато OR otan OR "north atlantic alliance"', armenia: 'армени* OR armenia' };
const featuresOf = (item: (typeof items)[number], lang: string | undefined = item.lang): EventFeatures =>
  extractEventFeatures({ title: item.title, summary: item.summary, text: item.text, publishedAt: item.published, lang }, findEquivalences(define));

/** The textbook dynamic-programming distance, to check the one-pass test against. */
function levenshtein(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const row = rows[i] ?? [];
      row[j] = Math.min((rows[i - 1]?.[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (rows[i - 1]?.[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return rows[a.length]?.[b.length] ?? 0;
}

describe('names one edit apart', () => {
  it('agrees with the Levenshtein distance on every pair of strings up to four letters of three', () => {
    const strings = [''];
    for (let length = 1; length <= 4; length += 1) for (const s of strings.filter((w) => w.length === length - 1)) for (const c of 'abc') strings.push(s + c);
    const wrong = strings.flatMap((a) => strings.filter((b) => isWithinOneEdit(a, b) !== levenshtein(a, b) <= 1).map((b) => `${a}/${b}`));
    expect(strings.length).toBe(121);
    expect(wrong).toEqual([]);
  });

  it('matches the skeletons of the set whose names are one letter apart', () => {
    expect(isSameName('prgsn', 'prgn')).toBe(true);
    expect(isSameName('pskv', 'pskf')).toBe(true);
    expect(isSameName('pskv', 'psk')).toBe(false);
    expect(isSameName('pskv', 'bskv')).toBe(false);
  });
});

describe('the language of an untagged report', () => {
  it('is the one whose function words occur most, at least three times, the first listed on a tie', () => {
    expect(guessLanguage(['the', 'of', 'and', 'le', 'la'])).toBe('en');
    expect(guessLanguage(['le', 'la', 'et', 'the', 'of', 'and'])).toBe('en');
    expect(guessLanguage(['le', 'la', 'et', 'des', 'the', 'of', 'and'])).toBe('fr');
    expect(guessLanguage(['the', 'of', 'kremlin'])).toBe('');
  });

  it('is told right for nearly every real report of the event set with its tag taken away', () => {
    const right = items.filter((item) => guessLanguage(foldWords(`${item.title}\n${item.summary}\n${item.text}`)) === item.lang);
    expect(right.length / items.length).toBeGreaterThanOrEqual(0.95);
  });
});

describe('the stored form of event evidence', () => {
  it('is the JSON of its fields in order, the terms as an object, and reads back to the same evidence', () => {
    for (const item of items) {
      for (const features of [featuresOf(item), featuresOf(item, undefined)]) {
        const stored = serializeEventFeatures(features);
        expect(stored).toBe(JSON.stringify({ ...features, terms: Object.fromEntries(features.terms) }));
        expect(parseEventFeatures(stored)).toEqual(features);
      }
    }
  });
});

describe('define concepts in an item', () => {
  const conceptsOf = (title: string): string[] => [...extractEventFeatures({ title, summary: '', text: '', publishedAt: '2024-03-19T12:00:00Z' }, findEquivalences(define)).terms.keys()].filter((t) => t.startsWith('=')).sort();

  it('are found by a word, a prefix or a whole phrase, whatever else the item says', () => {
    expect(conceptsOf('Armenia and NATO hold talks')).toEqual(['=armenia', '=nato-names']);
    expect(conceptsOf('Армения и НАТО')).toEqual(['=armenia', '=nato-names']);
    expect(conceptsOf('Leaders of the North Atlantic Alliance meet')).toEqual(['=nato-names']);
    expect(conceptsOf('The North Atlantic is calm, the alliance says')).toEqual([]);
  });
});
