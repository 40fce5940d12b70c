import { describe, expect, it } from 'vitest';
import { extractEventFeatures, scoreEvent, chooseEvent, type EventFeatures } from '../../src/cluster/index.js';
import { findEventDates, findEventNumbers } from '../../src/cluster/event-numbers.js';
import { isSameName, toLatin, toSkeleton } from '../../src/cluster/transliterate.js';
import { findEquivalences } from '../../src/topics/index.js';

const skeletonOf = (word: string): string => toSkeleton(toLatin(word.toLowerCase()));

describe('names across scripts and romanisations', () => {
  it('transliterates any script to Latin letters', () => {
    expect(toLatin('столтенберг')).toBe('stoltenberg');
    expect(toLatin('пашинян')).toBe('pashinyan');
    expect(toLatin('ნატო')).toBe('nato');
  });

  it('gives the same skeleton to one name spelled by different languages', () => {
    expect(skeletonOf('Столтенберг')).toBe(skeletonOf('Stoltenberg'));
    expect(skeletonOf('Пашинян')).toBe(skeletonOf('Pashinyan'));
    expect(skeletonOf('Paschinjan')).toBe(skeletonOf('Pashinyan'));
    expect(skeletonOf('Peskow')).toBe(skeletonOf('Peskov'));
    expect(skeletonOf('Пескова')).toBe(skeletonOf('Peskov'));
    expect(skeletonOf('Aserbaidschan')).toBe(skeletonOf('Azerbaijan'));
    expect(skeletonOf('Азербайджан')).toBe(skeletonOf('Azerbaijan'));
    expect(skeletonOf('Ереван')).toBe(skeletonOf('Yerevan'));
  });

  it('matches skeletons one edit apart, and keeps different names apart', () => {
    expect(isSameName(skeletonOf('Prigozhin'), skeletonOf('Prigoschin'))).toBe(true);
    expect(isSameName(skeletonOf('Peskov'), skeletonOf('Pashinyan'))).toBe(false);
    expect(isSameName(skeletonOf('Stoltenberg'), skeletonOf('Rutte'))).toBe(false);
  });
});

describe('numbers, results and days', () => {
  it('reads one count however thousands are grouped or spelled out', () => {
    expect(findEventNumbers('100,000 people').numbers).toEqual(['100000']);
    expect(findEventNumbers('100.000 Menschen').numbers).toEqual(['100000']);
    expect(findEventNumbers('100 000 человек').numbers).toEqual(['100000']);
    expect(findEventNumbers('более 65 тысяч беженцев').numbers).toEqual(['65000']);
  });

  it('leaves out years, clock times and days of the month', () => {
    expect(findEventNumbers('on 23 February 2024 at 20:00, 40 killed').numbers).toEqual(['40']);
  });

  it('reads results and votes, so 61–40 is not 61–9', () => {
    expect(findEventNumbers('The Senate voted 61–40').tallies).toEqual(['61-40']);
    expect(findEventNumbers('passed by 84 votes to 30').tallies).toEqual(['84-30']);
    expect(findEventNumbers('Georgia beat Portugal 2:0').tallies).toEqual(['2-0']);
  });

  it('resolves weekdays in any listed language against the item date, and dates with a month name', () => {
    // 2024-03-20 is a Wednesday: "on Tuesday" is the 19th.
    const day = (iso: string): number => Date.parse(iso) / 86_400_000;
    expect(findEventDates('Speaking to reporters on Tuesday', '2024-03-20T12:00:00Z')).toEqual([day('2024-03-19')]);
    expect(findEventDates('заявил во вторник', '2024-03-20T12:00:00Z')).toEqual([day('2024-03-19')]);
    expect(findEventDates('a déclaré mardi', '2024-03-20T12:00:00Z')).toEqual([day('2024-03-19')]);
    expect(findEventDates('в комментарии 23 февраля', '2024-02-24T08:00:00Z')).toEqual([day('2024-02-23')]);
    expect(findEventDates('am 14. Mai', '2024-05-15T08:00:00Z')).toEqual([day('2024-05-14')]);
  });
});

const report = (title: string, text: string, publishedAt: string, lang: string): EventFeatures =>
  extractEventFeatures({ title, summary: '', text, publishedAt, lang }, findEquivalences({ 'nato-names': 'nato OR нато OR otan' }));

describe('the score of an item against a story', () => {
  const en = report(
    'NATO will not bring stability to the Caucasus – Kremlin',
    'Kremlin spokesman Dmitry Peskov said NATO Secretary General Jens Stoltenberg’s tour of Azerbaijan, Georgia and Armenia is evidence of the bloc’s efforts to gain influence in the South Caucasus.',
    '2024-03-19T10:00:00Z',
    'en',
  );
  const ru = report(
    'Песков: Россия внимательно следит за активностью НАТО на Южном Кавказе',
    'Пресс-секретарь президента Дмитрий Песков прокомментировал турне генсека НАТО Йенса Столтенберга по Азербайджану, Грузии и Армении.',
    '2024-03-19T12:00:00Z',
    'ru',
  );

  it('finds the names one report in Russian and one in English share, and the define list as a shared term', () => {
    const evidence = scoreEvent(ru, [en]);
    expect(evidence.sharedNames).toEqual(expect.arrayContaining([skeletonOf('Peskov'), skeletonOf('Stoltenberg'), skeletonOf('Armenia')]));
    expect(evidence.sharedTerms).toContain('=nato-names');
    expect(evidence.score).toBeGreaterThanOrEqual(0.2);
  });

  it('counts a different result as evidence against: 8-5 is not 11-2', () => {
    const a = report('NC State beat Georgia 8-5 to reach the College World Series', 'NC State beat Georgia 8-5 on Monday in Athens in the deciding game of the Super Regional.', '2024-06-11T12:00:00Z', 'en');
    const b = report('Georgia beat NC State 11-2 to force a deciding game', 'Georgia beat NC State 11-2 on Sunday in Athens to force a deciding game of the Super Regional.', '2024-06-10T12:00:00Z', 'en');
    const evidence = scoreEvent(a, [b]);
    expect(evidence.conflicts.some((c) => c.startsWith('tally'))).toBe(true);
    expect(chooseEvent(a, 'x', [{ storyId: 1, members: [b], sources: ['y'] }], { threshold: 0.2, windowHours: 48 })).toBeUndefined();
  });

  it('never joins a story outside the window, nor one its own outlet already reported', () => {
    const later = { ...ru, hour: ru.hour + 72 };
    expect(chooseEvent(later, 'x', [{ storyId: 1, members: [en], sources: ['y'] }], { threshold: 0.1, windowHours: 48 })).toBeUndefined();
    expect(chooseEvent(ru, 'y', [{ storyId: 1, members: [en], sources: ['y'] }], { threshold: 0.1, windowHours: 48 })).toBeUndefined();
    expect(chooseEvent(ru, 'x', [{ storyId: 1, members: [en], sources: ['y'] }], { threshold: 0.1, windowHours: 48 })?.storyId).toBe(1);
  });
});

describe('define lists as equivalences', () => {
  it('takes plain alternatives and leaves out anything with NOT, AND or a field', () => {
    const found = findEquivalences({ nato: 'nato OR нато OR otan OR "north atlantic alliance"', armenia: 'армени* OR armenia', us: 'atlanta NOT georgia', t: 'title:ukraine OR kyiv' });
    expect(found.map((e) => e.concept)).toEqual(['nato', 'armenia']);
    expect(found[0]).toMatchObject({ words: ['nato', 'нато', 'otan'], phrases: [['north', 'atlantic', 'alliance']] });
    expect(found[1]?.prefixes).toEqual(['армени']);
  });
});
