import type { OutletReport, PublishedEntry } from '../model.js';
import { escapeHtml, toHttpUrl } from '../text/index.js';
import { sanitizeHtml } from './sanitize.js';

/** A report's date as the entry says it: the day and the time in UTC, which every reader shows alike. */
export function formatReportDate(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function renderReport(report: OutletReport): string {
  const link = toHttpUrl(report.link);
  const name = escapeHtml(report.source.title || report.source.id);
  const named = link === null ? name : `<a href="${escapeHtml(link)}">${name}</a>`;
  return `${named}, ${formatReportDate(report.published)}`;
}

/**
 * The story's coverage, after the text: how many outlets reported it, which
 * first, and every other outlet with its link and date, earliest first. A
 * story that gains a report gains a line here, so readers that compare
 * content show the entry as updated.
 */
function renderCoverage(entry: PublishedEntry): string {
  if (entry.alsoReportedBy.length === 0) return '';
  const first = `<p>Reported by ${entry.outlets} outlets; first by ${renderReport(entry.firstReport)}.</p>`;
  return `${first}<p>Also reported by:</p><ul>${entry.alsoReportedBy.map((r) => `<li>${renderReport(r)}</li>`).join('')}</ul>`;
}

/**
 * The item's HTML as republished: the publisher's content (or its summary as a
 * paragraph) sanitised, followed by the story's coverage (renderCoverage).
 */
export function buildEntryHtml(entry: PublishedEntry): string {
  const body = entry.contentHtml.trim() !== '' ? entry.contentHtml : entry.summary.trim() === '' ? '' : `<p>${escapeHtml(entry.summary)}</p>`;
  return sanitizeHtml(body + renderCoverage(entry), entry.link);
}

