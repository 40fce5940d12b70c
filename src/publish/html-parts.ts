import { escapeHtml as esc, toHttpUrl } from '../text/index.js';
import { formatReportDate } from './entry-content.js';
import type { FeedContext, FeedEntry } from './feed-context.js';

/**
 * What the index page and the topic pages share. No scripts, one inline style
 * sheet (the server's Content-Security-Policy allows only that). Readable from
 * a phone up: long words and URLs wrap rather than widen the page, a table's
 * rows stack on a narrow screen, and a date never breaks across lines.
 */
export const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222;overflow-wrap:break-word}
a{color:#0645ad}section{margin-bottom:2rem}.subscribe a{margin-right:.75rem}.meta{color:#666;font-size:.875rem}time{white-space:nowrap}
.items{padding-left:1.25rem}.items li{margin-bottom:.5rem}.items h2{font-size:1.0625rem;margin:0}.items p{margin:.125rem 0}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}td:last-child{overflow-wrap:anywhere}
.ok{color:#1a7f37}.failing{color:#cf222e}.never,.disabled{color:#666}
@media (max-width:40rem){thead{display:none}tr,td{display:block}td{border:0;padding:0 .5rem}tr{border-bottom:1px solid #ddd;padding:.25rem 0}td[data-label]::before{content:attr(data-label) ": ";color:#666}}`;


export function formatTimestamp(text: string): string {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? esc(text) : `<time datetime="${date.toISOString()}">${formatReportDate(date)}</time>`;
}

/** <link rel="alternate"> for a topic's three feeds, so readers and browsers find them from the page (HTML Living Standard, "rel=alternate"). */
export function renderAutodiscovery(ctx: FeedContext): string {
  const title = esc(ctx.topic.title);
  return [
    `<link rel="alternate" type="application/rss+xml" title="${title} (RSS)" href="${esc(ctx.urls.rss)}">`,
    `<link rel="alternate" type="application/atom+xml" title="${title} (Atom)" href="${esc(ctx.urls.atom)}">`,
    `<link rel="alternate" type="application/feed+json" title="${title} (JSON Feed)" href="${esc(ctx.urls.json)}">`,
  ].join('\n');
}

export function renderSubscribeLinks(ctx: FeedContext): string {
  return `<p class="subscribe">Subscribe: <a href="${esc(ctx.urls.rss)}">RSS</a> <a href="${esc(ctx.urls.atom)}">Atom</a> <a href="${esc(ctx.urls.json)}">JSON Feed</a></p>`;
}

/** The entry's title, linked to its copy when it has a link (one without is shown without). */
export function renderEntryTitle(item: FeedEntry): string {
  return item.link === null ? esc(item.title) : `<a href="${esc(item.link)}">${esc(item.title)}</a>`;
}

/** The other outlets that reported the story, each linked to its own report, with its date, earliest first: on both pages. */
export function renderOutletLinks(item: FeedEntry): string[] {
  return item.entry.alsoReportedBy.flatMap(({ source, link, published }) => {
    const url = toHttpUrl(link);
    return url === null ? [] : [`<a href="${esc(url)}">${esc(source.title || source.id)}</a> (${formatTimestamp(published.toISOString())})`];
  });
}

/** "4 outlets, first Kommersant": how widely the story was reported and who had it first, for a story more than one outlet reported. */
export function renderCoverageNote(item: FeedEntry): string {
  const { entry } = item;
  if (entry.outlets < 2) return '';
  const first = entry.firstReport.source;
  return `${entry.outlets} outlets, first ${esc(first.title || first.id)}`;
}

/** Title, source, date and the other outlets, on the index page's one line per item. */
export function renderItemLine(item: FeedEntry): string {
  const { entry } = item;
  const links = renderOutletLinks(item);
  const others = links.length === 0 ? '' : ` <span class="meta">· ${renderCoverageNote(item)} · also reported by ${links.join(', ')}</span>`;
  return `<li>${renderEntryTitle(item)} <span class="meta">${esc(entry.source.title || entry.source.id)}, ${formatTimestamp(entry.published.toISOString())}</span>${others}</li>`;
}

export function renderPage(title: string, head: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
${head}
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
