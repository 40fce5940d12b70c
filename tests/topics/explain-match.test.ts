import { describe, expect, it } from 'vitest';
import { explainMatch, matchQuery, parseQuery, prepareDocument, type MatchDocument } from '../../src/topics/index.js';
import { makeDocument } from './load-fixtures.js';

function explain(query: string, fields: Partial<MatchDocument>): { matched: boolean; because: string[] } {
  const { matched, because } = explainMatch(parseQuery(query), prepareDocument(makeDocument(fields)));
  return { matched, because };
}

describe('explainMatch', () => {
  const doc = {
    title: 'NATO’s chief in Tbilisi',
    text: 'The South Caucasus tour of the NATO-led alliance.',
    categories: ['World'],
    sourceId: 'rt',
    sourceTitle: 'RT News',
    lang: 'en-GB',
    link: 'https://www.rt.com/a',
  };

  it('quotes the words as the document wrote them, and where', () => {
    expect(explain('title:nato', doc)).toEqual({ matched: true, because: ['title:nato matched "NATO"'] });
    expect(explain('nato', doc)).toEqual({ matched: true, because: ['nato matched "NATO" in title'] });
    expect(explain('"nato led"', doc).because).toEqual(['"nato led" matched "NATO-led" in text']);
    expect(explain('caucas*', doc).because).toEqual(['caucas* matched "Caucasus" in text']);
    expect(explain('/chief in \\w+/', doc).because).toEqual(['/chief in \\w+/ matched "chief in Tbilisi" in title']);
    expect(explain('source:news', doc).because).toEqual(['source:news matched "News" in source title']);
    expect(explain('domain:rt.com lang:en', doc).because).toEqual([
      'domain:rt.com matched "www.rt.com"',
      'lang:en matched "en-GB"',
    ]);
  });

  it('lists the holding branches of an OR and every part of a holding AND', () => {
    expect(explain('atlanta OR tbilisi OR caucasus', doc).because).toEqual([
      'tbilisi matched "Tbilisi" in title',
      'caucasus matched "Caucasus" in text',
    ]);
    expect(explain('tbilisi NOT atlanta', doc)).toEqual({
      matched: true,
      because: ['tbilisi matched "Tbilisi" in title', 'NOT atlanta: not found'],
    });
  });

  it('lists the failing parts of an AND and every branch of a failing OR', () => {
    expect(explain('tbilisi atlanta', doc)).toEqual({ matched: false, because: ['atlanta: not found'] });
    expect(explain('atlanta OR macon', doc).because).toEqual(['atlanta: not found', 'macon: not found']);
    // Kept out by its NOT alone: what would have let it in follows.
    expect(explain('nato -tbilisi', doc).because).toEqual(['NOT tbilisi: found "Tbilisi" in title', 'nato matched "NATO" in title']);
  });

  it('puts what a NOT kept out first, naming the definition, before any term not found', () => {
    const defines = { 'us-georgia': 'atlanta OR tbilisi', 'georgia-country': 'georgia OR georgian OR nato' };
    const result = explainMatch(parseQuery('armenia OR yerevan OR (@georgia-country NOT @us-georgia)', defines), prepareDocument(makeDocument(doc)));
    expect(result.matched).toBe(false);
    expect(result.reasons).toEqual([
      { kind: 'excluded', term: 'NOT @us-georgia', text: 'NOT @us-georgia: it matched: tbilisi matched "Tbilisi" in title' },
      { kind: 'held', term: '@georgia-country: nato', text: '@georgia-country: nato matched "NATO" in title' },
      { kind: 'missing', term: 'armenia', text: 'armenia: not found' },
      { kind: 'missing', term: 'yerevan', text: 'yerevan: not found' },
    ]);
  });

  it('explains a NOT over a group', () => {
    expect(explain('-(tbilisi caucasus)', doc)).toEqual({
      matched: false,
      because: ['NOT (tbilisi AND caucasus): it matched: tbilisi matched "Tbilisi" in title; caucasus matched "Caucasus" in text'],
    });
    expect(explain('-(atlanta OR macon)', doc)).toEqual({
      matched: true,
      because: ['NOT (atlanta OR macon): it did not match'],
    });
  });

  it('always agrees with matchQuery', () => {
    const prepared = prepareDocument(makeDocument(doc));
    const queries = [
      'nato', 'atlanta', '*led', '*auca*', '"south caucasus"', '"caucasus south"', '/NATO/', 'title:/NATO-led/',
      'domain:bbc.co.uk', 'lang:en-us', 'category:world', 'author:x', 'NOT (a OR b) nato', '-nato OR -tbilisi',
    ];
    for (const query of queries) {
      const node = parseQuery(query);
      expect(explainMatch(node, prepared).matched, query).toBe(matchQuery(node, prepared));
    }
  });
});
