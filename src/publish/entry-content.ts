import type { PublishedEntry } from '../model.js';
import { escapeHtml, toHttpUrl } from '../text/index.js';
import { sanitizeHtml } from './sanitize.js';

function renderAlsoReportedBy(entry: PublishedEntry): string {
  const items = entry.alsoReportedBy.flatMap((other) => {
    const link = toHttpUrl(other.link);
    const name = escapeHtml(other.source.title || other.source.id);
    return link === null ? [`<li>${name}</li>`] : [`<li><a href="${escapeHtml(link)}">${name}</a></li>`];
  });
  return items.length === 0 ? '' : `<p>Also reported by:</p><ul>${items.join('')}</ul>`;
}

/**
 * The item's HTML as republished: the publisher's content (or its summary as a
 * paragraph) sanitised, followed by the other sources that carried the same story.
 */
export function buildEntryHtml(entry: PublishedEntry): string {
  const body = entry.contentHtml.trim() !== '' ? entry.contentHtml : entry.summary.trim() === '' ? '' : `<p>${escapeHtml(entry.summary)}</p>`;
  return sanitizeHtml(body + renderAlsoReportedBy(entry), entry.link);
}

