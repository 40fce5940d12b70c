import type { FeedContext, FeedEntry } from './feed-context.js';
import { toHttpUrl } from './links.js';
import type { SourceHealth } from './types.js';
import { escapeHtml as esc } from './xml-text.js';

const LATEST_ITEMS = 5;

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
a{color:#0645ad}section{margin-bottom:2rem}.subscribe a{margin-right:.75rem}.meta{color:#666;font-size:.875rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}
.ok{color:#1a7f37}.failing{color:#cf222e}.never,.disabled{color:#666}`;

/** Dates shown in UTC with minute precision: the same input always gives the same page. */
function formatDate(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function formatTimestamp(text: string): string {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? esc(text) : `<time datetime="${date.toISOString()}">${formatDate(date)}</time>`;
}

function renderAutodiscovery(ctx: FeedContext): string {
  const title = esc(ctx.topic.title);
  return [
    `<link rel="alternate" type="application/rss+xml" title="${title} (RSS)" href="${esc(ctx.urls.rss)}">`,
    `<link rel="alternate" type="application/atom+xml" title="${title} (Atom)" href="${esc(ctx.urls.atom)}">`,
    `<link rel="alternate" type="application/feed+json" title="${title} (JSON Feed)" href="${esc(ctx.urls.json)}">`,
  ].join('\n');
}

/** The other outlets that carried the story, each linked to its own copy. */
function renderAlsoReportedBy(item: FeedEntry): string {
  const links = item.entry.alsoReportedBy.flatMap(({ source, link }) => {
    const url = toHttpUrl(link);
    return url === null ? [] : [`<a href="${esc(url)}">${esc(source.title || source.id)}</a>`];
  });
  return links.length === 0 ? '' : ` <span class="meta">· also reported by ${links.join(', ')}</span>`;
}

function renderItem(item: FeedEntry): string {
  const { entry } = item;
  const title = item.link === null ? esc(item.title) : `<a href="${esc(item.link)}">${esc(item.title)}</a>`;
  return `<li>${title} <span class="meta">${esc(entry.source.title || entry.source.id)}, ${formatTimestamp(entry.published.toISOString())}</span>${renderAlsoReportedBy(item)}</li>`;
}

function renderTopic(ctx: FeedContext): string {
  const latest = ctx.entries.slice(0, LATEST_ITEMS);
  const list = latest.length === 0 ? '<p class="meta">No items yet.</p>' : `<ul>\n${latest.map(renderItem).join('\n')}\n</ul>`;
  return `<section id="topic-${esc(ctx.topic.id)}">
<h2>${esc(ctx.topic.title)}</h2>
<p class="meta">${esc(ctx.description)}</p>
<p class="subscribe">Subscribe: <a href="${esc(ctx.urls.rss)}">RSS</a> <a href="${esc(ctx.urls.atom)}">Atom</a> <a href="${esc(ctx.urls.json)}">JSON Feed</a></p>
${list}
</section>`;
}

function renderSourceRow(source: SourceHealth): string {
  const url = toHttpUrl(source.url);
  const name = url === null ? esc(source.title || source.id) : `<a href="${esc(url)}">${esc(source.title || source.id)}</a>`;
  const lastFetch = source.lastFetchAt === null ? '—' : formatTimestamp(source.lastFetchAt);
  return `<tr><td>${name}</td><td class="${esc(source.status)}">${esc(source.status)}</td><td>${lastFetch}</td><td>${source.itemCount}</td><td>${esc(source.lastError ?? '')}</td></tr>`;
}

function renderSources(sources: readonly SourceHealth[]): string {
  return `<section id="sources">
<h2>Sources</h2>
<table>
<thead><tr><th>Source</th><th>Status</th><th>Last fetch</th><th>Items</th><th>Last error</th></tr></thead>
<tbody>
${sources.map(renderSourceRow).join('\n')}
</tbody>
</table>
</section>`;
}

/** The "/" page: topics with their latest items and subscribe links, and source health. No scripts. */
export function renderIndexPage(siteTitle: string, opmlUrl: string, contexts: readonly FeedContext[], sources: readonly SourceHealth[]): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(siteTitle)}</title>
${contexts.map(renderAutodiscovery).join('\n')}
<style>${STYLE}</style>
</head>
<body>
<h1>${esc(siteTitle)}</h1>
<p>Subscribe to every topic at once: <a href="${esc(opmlUrl)}">topics.opml</a></p>
<main>
${contexts.map(renderTopic).join('\n')}
</main>
${renderSources(sources)}
</body>
</html>
`;
}
