import { describe, expect, it } from 'vitest';
import { foldText, foldWordSpans, foldWords } from '../../src/text/index.js';

describe('foldWords', () => {
  it('lower-cases and folds accents', () => {
    expect(foldWords('Cáucaso CAUCASO Ñandú')).toEqual(['caucaso', 'caucaso', 'nandu']);
  });

  it('folds German sharp s and umlauts', () => {
    expect(foldWords('Straße STRASSE Südkaukasus')).toEqual(['strasse', 'strasse', 'sudkaukasus']);
  });

  it('splits at apostrophes and hyphens, so NATO’s and NATO-led contain the word nato', () => {
    expect(foldWords('NATO’s NATO-led NATO\'s')).toEqual(['nato', 's', 'nato', 'led', 'nato', 's']);
  });

  it('keeps words in Cyrillic and Georgian, with Georgian Mtavruli folded to Mkhedruli', () => {
    expect(foldWords('Южный Кавказ — НАТО')).toEqual(['южныи', 'кавказ', 'нато']);
    expect(foldWords('ᲗᲑᲘᲚᲘᲡᲘ, თბილისი!')).toEqual(['თბილისი', 'თბილისი']);
  });

  it('folds Greek final sigma like any sigma', () => {
    expect(foldWords('ΣΟΦΟΣ σοφος')).toEqual(['σοφοσ', 'σοφοσ']);
  });

  it('folds compatibility forms and keeps digits', () => {
    expect(foldWords('ﬁnal 2024 ＮＡＴＯ')).toEqual(['final', '2024', 'nato']);
  });

  it('drops combining marks written separately, without splitting the word', () => {
    expect(foldWords('Ca\u0301ucaso')).toEqual(['caucaso']);
    expect(foldText('İstanbul')).toBe('istanbul');
  });

  it('folds a compatibility capital that has no lower case of its own', () => {
    expect(foldWords('𝐍𝐀𝐓𝐎 ℌelsinki')).toEqual(['nato', 'helsinki']);
  });

  it('gives compatibility-equivalent texts the same words, symbols that decompose to letters included', () => {
    expect(foldWords('Apple™ №5 ㎞')).toEqual(['appletm', 'no5', 'km']);
    expect(foldWords('Apple™ №5 ㎞')).toEqual(foldWords('AppleTM No5 km'));
  });

  it('folds non-ASCII words and keeps ASCII ones in a mixed text', () => {
    expect(foldWords('Tbilisi — Тбилиси — თბილისი, 2024')).toEqual(['tbilisi', 'тбилиси', 'თბილისი', '2024']);
  });

  it('returns no words for punctuation only', () => {
    expect(foldWords(' — … ’ ')).toEqual([]);
  });
});

describe('foldWordSpans', () => {
  const samples = [
    'NATO’s NATO-led Straße',
    'Ca\u0301ucaso ΣΟΦΟΣ ½ №5 ﬁne',
    'ᲗᲑᲘᲚᲘᲡᲘ: Южный Кавказ',
    '  leading and trailing  ',
    '\u0301 lone mark',
    'Apple™ 𝐍𝐀𝐓𝐎 ℌ ͺ x',
  ];

  it.each(samples)('gives the same words as foldWords for %j', (sample) => {
    expect(foldWordSpans(sample).map((span) => span.word)).toEqual(foldWords(sample));
  });

  it('points at the original text of each word', () => {
    const text = 'Die Straße im Südkaukasus';
    const surfaces = foldWordSpans(text).map((span) => text.slice(span.start, span.end));
    expect(surfaces).toEqual(['Die', 'Straße', 'im', 'Südkaukasus']);
  });
});
