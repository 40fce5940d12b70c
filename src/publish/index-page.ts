import { escapeHtml as esc, toHttpUrl } from '../text/index.js';
import type { FeedContext } from './feed-context.js';
import { formatTimestamp, renderAutodiscovery, renderItemLine, renderPage, renderSubscribeLinks } from './html-parts.js';
import type { SourceHealth } from './types.js';

function renderTopic(ctx: FeedContext, indexItems: number): string {
  const latest = ctx.entries.slice(0, indexItems);
  const list = latest.length === 0 ? '<p class="meta">No items yet.</p>' : `<ul>\n${latest.map(renderItemLine).join('\n')}\n</ul>`;
  const more = ctx.entries.length > latest.length ? `\n<p><a href="${esc(ctx.urls.html)}">All ${ctx.entries.length} items of ${esc(ctx.topic.title)}</a></p>` : '';
  return `<section id="topic-${esc(ctx.topic.id)}">
<h2><a href="${esc(ctx.urls.html)}">${esc(ctx.topic.title)}</a></h2>
<p class="meta">${esc(ctx.description)}</p>
${renderSubscribeLinks(ctx)}
${list}${more}
</section>`;
}

function renderSourceRow(source: SourceHealth): string {
  const url = toHttpUrl(source.url);
  const name = url === null ? esc(source.title || source.id) : `<a href="${esc(url)}">${esc(source.title || source.id)}</a>`;
  const lastFetch = source.lastFetchAt === null ? '—' : formatTimestamp(source.lastFetchAt);
  // The labels stand in for the header when the rows stack on a narrow screen.
  return `<tr><td>${name}</td><td class="${esc(source.status)}">${esc(source.status)}</td><td data-label="Last fetch">${lastFetch}</td><td data-label="Items">${source.itemCount}</td><td>${esc(source.lastError ?? '')}</td></tr>`;
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

/** The "/" page: topics with their latest `indexItems` items and subscribe links, and source health. No scripts. */
export function renderIndexPage(siteTitle: string, opmlUrl: string, contexts: readonly FeedContext[], sources: readonly SourceHealth[], indexItems: number): string {
  return renderPage(
    siteTitle,
    contexts.map(renderAutodiscovery).join('\n'),
    `<h1>${esc(siteTitle)}</h1>
<p>Subscribe to every topic at once: <a href="${esc(opmlUrl)}">topics.opml</a></p>
<main>
${contexts.map((ctx) => renderTopic(ctx, indexItems)).join('\n')}
</main>
${renderSources(sources)}`,
  );
}
