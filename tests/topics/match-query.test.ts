import { describe, expect, it } from 'vitest';
import { matchQuery, parseQuery, prepareDocument, type MatchDocument } from '../../src/topics/index.js';
import { makeDocument } from './load-fixtures.js';

function matches(query: string | readonly string[], fields: Partial<MatchDocument>, defines?: Record<string, string>): boolean {
  return matchQuery(parseQuery(query, defines), prepareDocument(makeDocument(fields)));
}

describe('matchQuery: words', () => {
  it('matches whole words only, ignoring case and accents', () => {
    expect(matches('caucaso', { title: 'El Cáucaso Sur' })).toBe(true);
    expect(matches('CÁUCASO', { text: 'el caucaso' })).toBe(true);
    expect(matches('nato', { title: 'Senatorial race' })).toBe(false);
  });

  it('finds nato in NATO’s and NATO-led', () => {
    expect(matches('nato', { title: 'NATO’s eastern flank' })).toBe(true);
    expect(matches('nato', { text: 'a NATO-led mission' })).toBe(true);
    expect(matches('NATO’s', { text: 'NATO’s summit' })).toBe(true);
    expect(matches('NATO-led', { text: 'NATO led the way' })).toBe(true);
  });

  it('matches words in Cyrillic and Georgian', () => {
    expect(matches('нато', { title: 'Генсек НАТО прибыл в Баку' })).toBe(true);
    expect(matches('თბილისი', { title: 'ᲗᲑᲘᲚᲘᲡᲘ დღეს' })).toBe(true);
    expect(matches('тбилиси', { title: 'Тбилисский университет' })).toBe(false);
  });

  it('matches phrases only when the words follow each other in one part of the document', () => {
    expect(matches('"south caucasus"', { text: 'in the South Caucasus region' })).toBe(true);
    expect(matches('"south caucasus"', { text: 'south of the Caucasus' })).toBe(false);
    expect(matches('"north atlantic treaty"', { text: 'North Atlantic, Treaty' })).toBe(true);
    expect(matches('"caucasus south"', { title: 'News of the Caucasus', text: 'South' })).toBe(false);
    expect(matches('"b c"', { text: 'a b x b c' })).toBe(true);
  });

  it('matches word prefixes, suffixes and fragments', () => {
    expect(matches('caucas*', { title: 'Caucasus' })).toBe(true);
    expect(matches('caucas*', { title: 'Caucas' })).toBe(true);
    expect(matches('caucas*', { title: 'Transcaucasia' })).toBe(false);
    expect(matches('*kaukasus', { title: 'Die Nato im Südkaukasus' })).toBe(true);
    expect(matches('*kaukasus', { title: 'Kaukasusreise' })).toBe(false);
    expect(matches('*caucas*', { title: 'Transcaucasian railway' })).toBe(true);
    expect(matches('кавказ*', { text: 'на Южном Кавказе' })).toBe(true);
  });

  it('also matches "Caucasian" with caucas* (a known limitation of the prefix)', () => {
    expect(matches('caucas*', { text: 'described as a Caucasian male' })).toBe(true);
    expect(matches('caucasus OR caucasia*', { text: 'described as a Caucasian male' })).toBe(true);
    expect(matches('caucasus OR "south caucasian"', { text: 'described as a Caucasian male' })).toBe(false);
  });
});

describe('matchQuery: operators', () => {
  const doc = { title: 'Georgia votes', text: 'Tbilisi and Batumi' };

  it('applies AND, implied AND, OR and NOT', () => {
    expect(matches('georgia AND tbilisi', doc)).toBe(true);
    expect(matches('georgia tbilisi', doc)).toBe(true);
    expect(matches('georgia atlanta', doc)).toBe(false);
    expect(matches('atlanta OR batumi', doc)).toBe(true);
    expect(matches('georgia NOT atlanta', doc)).toBe(true);
    expect(matches('georgia -tbilisi', doc)).toBe(false);
    expect(matches('NOT georgia', doc)).toBe(false);
  });

  it('reads lower-case and/or/not as words to find', () => {
    expect(matches('tbilisi not batumi', doc)).toBe(false);
    expect(matches('tbilisi and batumi', doc)).toBe(true);
    expect(matches('tbilisi or', doc)).toBe(false);
  });

  it('follows precedence NOT > AND > OR, and parentheses', () => {
    expect(matches('atlanta AND georgia OR batumi', doc)).toBe(true);
    expect(matches('atlanta AND (georgia OR batumi)', doc)).toBe(false);
    expect(matches('NOT atlanta georgia', doc)).toBe(true);
    expect(matches('NOT (atlanta OR georgia)', doc)).toBe(false);
  });

  it('ORs the strings of a query array', () => {
    expect(matches(['atlanta', 'batumi'], doc)).toBe(true);
    expect(matches(['atlanta', 'macon'], doc)).toBe(false);
  });

  it('expands @names, nested', () => {
    const defines = { places: 'batumi OR @capital', capital: 'tbilisi' };
    expect(matches('@places', { text: 'Tbilisi' }, defines)).toBe(true);
    expect(matches('georgia -@places', doc, defines)).toBe(false);
  });
});

describe('matchQuery: field scopes', () => {
  const doc = {
    title: 'Kremlin on NATO',
    text: 'Peskov spoke about the South Caucasus.',
    categories: ['World News', 'Russia'],
    author: 'Jane Smith',
    sourceId: 'rt-en',
    sourceTitle: 'RT International',
    lang: 'ru-RU',
    link: 'https://www.rt.com/russia/1-nato/',
  };

  it('scopes to title, text and category', () => {
    expect(matches('title:nato', doc)).toBe(true);
    expect(matches('title:peskov', doc)).toBe(false);
    expect(matches('text:peskov', doc)).toBe(true);
    expect(matches('text:kremlin', doc)).toBe(false);
    expect(matches('category:russia', doc)).toBe(true);
    expect(matches('category:"world news"', doc)).toBe(true);
    expect(matches('category:"news russia"', doc)).toBe(false);
    expect(matches('title:(peskov OR kremlin)', doc)).toBe(true);
  });

  it('searches title, text and categories by default, not author, source or link', () => {
    expect(matches('kremlin peskov russia', doc)).toBe(true);
    expect(matches('smith', doc)).toBe(false);
    expect(matches('international', doc)).toBe(false);
    expect(matches('author:smith', doc)).toBe(true);
  });

  it('matches source: against the source id or title', () => {
    expect(matches('source:rt-en', doc)).toBe(true);
    expect(matches('source:international', doc)).toBe(true);
    expect(matches('source:"rt international"', doc)).toBe(true);
    expect(matches('source:bbc', doc)).toBe(false);
  });

  it('matches lang: by language range', () => {
    expect(matches('lang:ru', doc)).toBe(true);
    expect(matches('lang:RU-ru', doc)).toBe(true);
    expect(matches('lang:ru-ua', doc)).toBe(false);
    expect(matches('lang:r', doc)).toBe(false);
    expect(matches('lang:ru', { lang: 'ru' })).toBe(true);
    expect(matches('lang:ru', { lang: 'rus' })).toBe(false);
    expect(matches('lang:ru', { lang: '' })).toBe(false);
  });

  it('matches domain: on the link host and its subdomains only', () => {
    expect(matches('domain:rt.com', doc)).toBe(true);
    expect(matches('domain:www.rt.com', doc)).toBe(true);
    expect(matches('domain:com', doc)).toBe(true);
    expect(matches('domain:rt.com', { link: 'https://notrt.com/a' })).toBe(false);
    expect(matches('domain:rt.com', { link: 'https://rt.com.evil.example/a' })).toBe(false);
    expect(matches('domain:site.co.uk', { link: 'https://my-site.co.uk/' })).toBe(false);
    expect(matches('domain:rt.com', { link: 'not a url' })).toBe(false);
    expect(matches('domain:пример.рф', { link: 'https://news.xn--e1afmkfd.xn--p1ai/1' })).toBe(true);
    expect(matches('nato -domain:rt.com', doc)).toBe(false);
  });
});

describe('matchQuery: regular expressions', () => {
  it('tests the raw text of the scope, with flags', () => {
    expect(matches('/nato\\b/i', { title: 'NATO’s plans' })).toBe(true);
    expect(matches('/nato\\b/', { title: 'NATO’s plans' })).toBe(false);
    expect(matches('/NATO-led/', { text: 'a NATO-led force' })).toBe(true);
    expect(matches('/NATO led/', { text: 'a NATO-led force' })).toBe(false);
  });

  it('tests each part of the scope on its own, so anchors apply per part', () => {
    const doc = { title: 'Moscow', text: 'talks', categories: ['World', 'Politics'] };
    expect(matches('/^Politics$/', doc)).toBe(true);
    expect(matches('category:/^World$/', doc)).toBe(true);
    expect(matches('title:/^Politics$/', doc)).toBe(false);
    expect(matches('/Moscow talks/', doc)).toBe(false);
  });

  it('tests domain and lang against their raw values', () => {
    expect(matches('domain:/^www\\./', { link: 'https://www.rt.com/' })).toBe(true);
    expect(matches('lang:/^en-(GB|US)$/', { lang: 'en-GB' })).toBe(true);
  });

  it('gives the same answer however many documents it is tested on', () => {
    const node = parseQuery('/nato/i');
    const doc = prepareDocument(makeDocument({ title: 'NATO' }));
    expect([1, 2, 3].map(() => matchQuery(node, doc))).toEqual([true, true, true]);
  });

  it('finds slashes escaped in the query', () => {
    expect(matches('/a\\/b/', { text: 'see a/b' })).toBe(true);
  });

  it('runs in linear time: /(a+)+$/ against 48 a\'s and a "!" answers (a backtracking engine takes hours)', () => {
    const hostile = `${'a'.repeat(48)}!`;
    expect(matches('/(a+)+$/', { title: hostile })).toBe(false);
    expect(matches('/(a+)+$/', { title: 'a'.repeat(48) })).toBe(true);
    expect(matches('/(x+x+)+y/', { text: 'x'.repeat(5000) })).toBe(false);
  });

  it('matches RE2 syntax, JavaScript escapes and lookbehind', () => {
    expect(matches('/caf\\u00e9/i', { title: 'CAFÉ' })).toBe(true);
    expect(matches('/(?<year>20\\d\\d)/', { title: 'in 2024' })).toBe(true);
    expect(matches('/(?<!South )Caucasus/', { title: 'South Caucasus' })).toBe(false);
    expect(matches('/(?<!South )Caucasus/', { title: 'North Caucasus' })).toBe(true);
    expect(matches('/\\p{Cyrillic}+/', { title: 'Кавказ' })).toBe(true);
    expect(matches('/^nato$/im', { text: 'x\nNATO\ny' })).toBe(true);
    expect(matches('/a.b/s', { text: 'a\nb' })).toBe(true);
    expect(matches('/a.b/', { text: 'a\nb' })).toBe(false);
  });

  it('matches the same after its node crossed to another thread (a structured clone)', () => {
    const node = structuredClone(parseQuery('/nato\\b/i'));
    expect(matchQuery(node, prepareDocument(makeDocument({ title: 'NATO’s plans' })))).toBe(true);
  });
});

describe('prepareDocument', () => {
  it('tokenises each field once, keeping the raw text for regexes', () => {
    const prepared = prepareDocument(makeDocument({ title: 'NATO’s Caucasus', categories: ['A b', 'c'], link: 'https://WWW.RT.com/x' }));
    expect([...prepared.fields.title.words]).toEqual(['nato', 's', 'caucasus']);
    expect(prepared.fields.category.segments.map((segment) => segment.raw)).toEqual(['A b', 'c']);
    expect([...prepared.fields.default.words]).toEqual(['nato', 's', 'caucasus', 'a', 'b', 'c']);
    expect(prepared.host).toBe('www.rt.com');
  });
});
