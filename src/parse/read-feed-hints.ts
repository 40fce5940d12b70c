import type { FeedHints } from '../model.js';
import { omitUndefined } from './omit-undefined.js';
import type { RawRecord } from './raw-record.js';
import { firstText } from './xml-fields.js';
import { childNodes, rawNodes, textOf } from './xml-nodes.js';

export const HINT_ELEMENTS = ['ttl', 'sy:updatePeriod', 'sy:updateFrequency', 'skipHours', 'skipDays'];

const periods = new Set(['hourly', 'daily', 'weekly', 'monthly', 'yearly']);
const days = new Set(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);

function positiveNumber(text: string | undefined): number | undefined {
  const value = Number(text);
  return text !== undefined && Number.isFinite(value) && value > 0 ? value : undefined;
}

function childTexts(record: RawRecord, element: string, child: string): string[] {
  return rawNodes(record, element)
    .flatMap((node) => childNodes(node, child))
    .map((node) => textOf(node)?.trim() ?? '')
    .filter((text) => text !== '');
}

/** The channel's fetch hints; values outside what the specs allow are ignored. */
export function readFeedHints(fields: RawRecord): FeedHints | undefined {
  const period = firstText(fields, 'sy:updatePeriod')?.toLowerCase();
  // RSS 2.0: skipHours holds <hour> 0-23 (GMT); skipDays holds English day names.
  const skipHours = childTexts(fields, 'skipHours', 'hour').map(Number).filter((h) => Number.isInteger(h) && h >= 0 && h <= 23);
  const skipDays = childTexts(fields, 'skipDays', 'day').map((d) => d.charAt(0).toUpperCase() + d.slice(1).toLowerCase()).filter((d) => days.has(d));
  const hints = omitUndefined<FeedHints>({
    ttlMinutes: positiveNumber(firstText(fields, 'ttl')),
    updatePeriod: period !== undefined && periods.has(period) ? (period as FeedHints['updatePeriod']) : undefined,
    updateFrequency: positiveNumber(firstText(fields, 'sy:updateFrequency')),
    skipHours: skipHours.length > 0 ? skipHours : undefined,
    skipDays: skipDays.length > 0 ? skipDays : undefined,
  });
  return Object.keys(hints).length > 0 ? hints : undefined;
}
