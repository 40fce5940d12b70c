const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * Zone names of RFC 822 §5.1 (UT, GMT, the North American zones) plus the
 * few others feeds commonly write. Anything else, military letters included
 * (their signs were defined backwards in RFC 822), is read as UTC.
 */
const ZONE_OFFSETS_MINUTES: Record<string, number> = {
  ut: 0, utc: 0, gmt: 0, z: 0, wet: 0,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  akst: -540, akdt: -480, hst: -600, ast: -240, adt: -180, nst: -210, ndt: -150,
  bst: 60, cet: 60, cest: 120, met: 60, mest: 120, eet: 120, eest: 180, msk: 180,
  ist: 330, sgt: 480, hkt: 480, jst: 540, kst: 540, aest: 600, aedt: 660, nzst: 720, nzdt: 780,
};

/** RFC 3339 / ISO 8601, including a space for "T" and zones without a colon. */
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?|UTC|GMT)?$/;
/** RFC 822 §5 / RFC 2822 §3.3, leniently: optional weekday and seconds, full month names, 2-digit years. */
const RFC822_DATE =
  /^(?:[A-Za-z]+,?\s*)?(\d{1,2})[\s-]+([A-Za-z]+)\.?[\s-]+(\d{2,4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*([A-Za-z]+|[+-]\d{2}:?\d{2})?$/;

/**
 * A feed date as a Date, or null. A date without a zone is taken as UTC: the
 * result must not depend on the machine's time zone. Anything later than one
 * day past `now` is null, as a wrong clock or a typo in the year would
 * otherwise pin the item to the top of every topic.
 */
export function parseFeedDate(value: string | undefined, now: Date): Date | null {
  if (value === undefined) return null;
  const text = value.trim().replace(/\s*\([^)]*\)$/, '');
  const date = parseIsoDate(text) ?? parseRfc822Date(text);
  if (date === null || Number.isNaN(date.getTime())) return null;
  return date.getTime() > now.getTime() + 24 * 60 * 60 * 1000 ? null : date;
}

function parseIsoDate(text: string): Date | null {
  const match = ISO_DATE.exec(text);
  if (match === null) return null;
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '0', zone] = match;
  const millis = Math.round(Number(`0.${fraction}`) * 1000);
  return buildUtc(Number(year), Number(month), Number(day), Number(hour), Number(minute), Number(second), millis, zoneOffset(zone));
}

function parseRfc822Date(text: string): Date | null {
  const match = RFC822_DATE.exec(text);
  if (match === null) return null;
  const [, day, monthName = '', yearText = '', hour = '0', minute = '0', second = '0', zone] = match;
  const month = MONTHS.indexOf(monthName.slice(0, 3).toLowerCase()) + 1;
  if (month === 0) return null;
  let year = Number(yearText);
  // RFC 2822 §4.3: two-digit years below 50 are 20xx, others 19xx.
  if (yearText.length === 2) year += year < 50 ? 2000 : 1900;
  else if (yearText.length === 3) year += 1900;
  return buildUtc(year, month, Number(day), Number(hour), Number(minute), Number(second), 0, zoneOffset(zone));
}

function zoneOffset(zone: string | undefined): number | null {
  if (zone === undefined) return 0;
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (numeric !== null) {
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3] ?? '0');
    return numeric[1] === '-' ? -minutes : minutes;
  }
  const lower = zone.toLowerCase();
  // RFC 2822 §4.3: an unknown zone means "time in an unknown zone", read as UTC.
  return ZONE_OFFSETS_MINUTES[lower] ?? 0;
}

function buildUtc(year: number, month: number, day: number, hour: number, minute: number, second: number, millis: number, offsetMinutes: number | null): Date | null {
  if (offsetMinutes === null || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return null;
  const clampedSecond = Math.min(second, 59);
  const utc = Date.UTC(year, month - 1, day, hour, minute, clampedSecond, millis);
  const date = new Date(utc);
  if (date.getUTCDate() !== day) return null;
  return new Date(utc - offsetMinutes * 60 * 1000);
}
