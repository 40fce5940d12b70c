import type { NormalizedItem } from '../../src/model.js';
import { makeItem } from './items.js';

/**
 * Two outlets' reports of one event, in English and in Russian, with no text
 * in common but names (transliterated), the organisation (through a define
 * list) and the day: what only event clustering joins.
 */
export function makePeskovReports(options: { english: { sourceId: string; publishedAt: string }; russian: { sourceId: string; publishedAt: string } }): { english: NormalizedItem; russian: NormalizedItem } {
  return {
    english: makeItem({
      ...options.english,
      title: 'NATO will not bring stability to the Caucasus – Kremlin',
      contentHtml:
        '<p>Russia is well aware of NATO’s attempts to court post-Soviet republics in the South Caucasus, Kremlin spokesman Dmitry Peskov said on Tuesday, commenting on NATO Secretary General Jens Stoltenberg’s tour of Azerbaijan, Georgia and Armenia.</p>',
    }),
    russian: makeItem({
      ...options.russian,
      title: 'Песков: Россия внимательно следит за активностью НАТО на Южном Кавказе',
      contentHtml:
        '<p>Пресс-секретарь президента России Дмитрий Песков во вторник прокомментировал турне генерального секретаря НАТО Йенса Столтенберга по Азербайджану, Грузии и Армении.</p>',
      lang: 'ru',
    }),
  };
}

/** The define list that makes NATO, НАТО and OTAN one name. */
export const NATO_NAMES = { 'nato-names': 'nato OR нато OR otan' };
