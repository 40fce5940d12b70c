import { CALENDAR_PAIR_STARTS, MONTHS, WEEKDAYS } from './event-lexicon.js';
import { toWords } from './words.js';
import { foldText } from '../text/index.js';

const DAY_MS = 86_400_000;

/** A clock time ("20:00", "06.34 Uhr"): neither a count nor a result. */
const clockTime = /\b(?:[01]?\d|2[0-3])[:.][0-5]\d\b/g;
/** Thousands grouped by comma, point or (thin, no-break) space, or a plain number with an optional decimal part. */
const numberPattern = /\d{1,3}(?:[,. \u00a0\u202f]\d{3})+(?![\d])|\d+(?:[.,]\d+)?/g;
/** A result or a vote written as two numbers: "2-0", "2:0", "61–40". */
const tallyPattern = /(?<![\d.,])(\d{1,3})\s?[-–—:]\s?(\d{1,3})(?![\d.,:]|\s?(?:%|h\b|uhr))/giu;
/** A vote written out: "84 votes to 30", "84 голосами против 30", "84 voix contre 30", "84 Stimmen gegen 30". */
const votePattern = /(\d{1,3})\s+(?:votes?|голос\p{L}*|voix|stimmen|votos|voti|oy(?:la)?)\s+(?:to|against|против|contre|gegen|contra|a|in favour,?)\s+(\d{1,3})(?!\d)/giu;

/** "65 тысяч", "78 thousand", "1,2 Millionen": the scale word after a number. */
const multiplier = /^\s*(thousand|тыс\p{L}*|тис\p{L}*|mille|mil|tausend|bin|ezer|tisic\p{L}*|tysi\p{L}*|mila|million\p{L}*|millones|milion\p{L}*|миллион\p{L}*|млн|мільйон\p{L}*|milliard\p{L}*|миллиард\p{L}*|млрд)(?![\p{L}])/iu;

function scaleOf(word: string): number {
  const w = word.toLowerCase();
  if (/^(?:milliard|миллиард|млрд)/u.test(w)) return 1e9;
  if (/^(?:million|millones|milion|миллион|млн|мільйон)/u.test(w)) return 1e6;
  return 1e3;
}

/** The word before and after a match, folded as MONTHS' keys are. */
const wordBefore = /([\p{L}]+)\.?\s+(?:(de|del)\s+)?$/u;
const wordAfter = /^\.?\s+(?:(?:de|del)\s+)?([\p{L}]+)/u;

/** Whether the number at `index` is the day of a date: a month name next to it ("23 февраля", "September 28", "28. September", "26 de junio"). */
function isDayOfMonth(text: string, index: number, raw: string): boolean {
  if (!/^\d{1,2}$/.test(raw) || Number(raw) > 31) return false;
  const before = wordBefore.exec(text.slice(Math.max(0, index - 24), index))?.[1];
  const after = wordAfter.exec(text.slice(index + raw.length, index + raw.length + 24))?.[1];
  return (before !== undefined && MONTHS.has(before)) || (after !== undefined && MONTHS.has(after));
}

/** The smallest count that says which event: smaller ones (two dead, three countries) are everywhere. */
const MIN_DISTINCTIVE = 10;

function isYear(value: number, text: string): boolean {
  return Number.isInteger(value) && value >= 1900 && value <= 2100 && !/[.,]/.test(text);
}

/**
 * Counts and tallies of a headline and lead, read on its folded text (accents
 * dropped, lower case). "100 000", "100,000" and
 * "100.000" are one number; a separator before exactly three digits groups
 * thousands, any other is a decimal point. Years and clock times are left
 * out (they date an event, see findEventDates); so are counts under ten.
 */
export function findEventNumbers(text: string): { numbers: string[]; tallies: string[] } {
  text = foldText(text);
  const tallies = new Set<string>();
  for (const m of text.matchAll(tallyPattern)) {
    if (m[0].includes(':') && (m[2] ?? '').length === 2) continue;
    tallies.add(`${m[1]}-${m[2]}`);
  }
  for (const m of text.matchAll(votePattern)) tallies.add(`${m[1]}-${m[2]}`);
  const numbers = new Set<string>();
  // Clock times blanked with as many spaces, so positions still point into `text`.
  text = text.replace(clockTime, (time) => ' '.repeat(time.length));
  for (const m of text.matchAll(numberPattern)) {
    const raw = m[0];
    if (isDayOfMonth(text, m.index, raw)) continue;
    const grouped = /^\d{1,3}(?:[,. \u00a0\u202f]\d{3})+$/.test(raw);
    let value = Number(grouped ? raw.replace(/[^\d]/g, '') : raw.replace(',', '.'));
    if (isYear(value, raw)) continue;
    const scale = multiplier.exec(text.slice(m.index + raw.length, m.index + raw.length + 16));
    if (scale) value *= scaleOf(scale[1] ?? '');
    if (value < MIN_DISTINCTIVE) continue;
    numbers.add(String(Math.round(value * 100) / 100));
  }
  return { numbers: [...numbers].sort(), tallies: [...tallies].sort() };
}

/**
 * The days a headline and lead name, as days since the epoch: a date with a
 * month name ("23 февраля", "February 23", "23. Februar", "26 de junio"),
 * its year as written or the one nearest the item's date, and a weekday
 * ("on Tuesday", "во вторник", "mardi") resolved to the last such day on or
 * before the item's date — news reports what happened in the past week.
 */
export function findEventDates(text: string, publishedAt: string): number[] {
  const published = Date.parse(publishedAt);
  if (Number.isNaN(published)) return [];
  const today = Math.floor(published / DAY_MS);
  const words = toWords(text);
  const days = new Set<number>();
  const dayNumber = (w: string | undefined): number | undefined => {
    if (w === undefined || !/^\d{1,2}$/.test(w)) return undefined;
    const n = Number(w);
    return n >= 1 && n <= 31 ? n : undefined;
  };
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] ?? '';
    const next = words[i + 1];
    const pair = next !== undefined && CALENDAR_PAIR_STARTS.has(word) ? `${word} ${next}` : '';
    const weekday = WEEKDAYS.get(word) ?? WEEKDAYS.get(pair);
    if (weekday !== undefined) {
      // 1970-01-01 was a Thursday (3 with Monday = 0).
      const todayWeekday = (today + 3) % 7;
      days.add(today - ((todayWeekday - weekday + 7) % 7));
      continue;
    }
    const month = MONTHS.get(pair) ?? MONTHS.get(word);
    if (month === undefined) continue;
    const span = MONTHS.has(pair) ? 2 : 1;
    const day = dayNumber(words[i - 1]) ?? (['de', 'del'].includes(words[i - 1] ?? '') ? dayNumber(words[i - 2]) : undefined) ?? dayNumber(words[i + span]);
    if (day === undefined) continue;
    const yearWord = [words[i + span], words[i + span + 1]].find((w) => w !== undefined && /^(19|20)\d\d$/.test(w));
    days.add(resolveDate(day, month, yearWord === undefined ? undefined : Number(yearWord), published));
  }
  return [...days].sort((a, b) => a - b);
}

function resolveDate(day: number, month: number, year: number | undefined, published: number): number {
  if (year !== undefined) return Math.floor(Date.UTC(year, month, day) / DAY_MS);
  const thisYear = new Date(published).getUTCFullYear();
  const nearest = [thisYear - 1, thisYear, thisYear + 1].map((y) => Date.UTC(y, month, day)).sort((a, b) => Math.abs(a - published) - Math.abs(b - published))[0] ?? published;
  return Math.floor(nearest / DAY_MS);
}
