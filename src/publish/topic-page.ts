import { escapeHtml as esc } from '../text/index.js';
import type { FeedContext, FeedEntry } from './feed-context.js';
import { formatTimestamp, renderAutodiscovery, renderEntryTitle, renderCoverageNote, renderOutletLinks, renderPage, renderSubscribeLinks } from './html-parts.js';

function renderEntry(item: FeedEntry): string {
  const { entry } = item;
  const links = renderOutletLinks(item);
  const summary = entry.summary.trim();
  return `<li><article>
<h2>${renderEntryTitle(item)}</h2>
<p class="meta">${esc(entry.source.title || entry.source.id)}, ${formatTimestamp(entry.published.toISOString())}</p>${summary === '' ? '' : `\n<p>${esc(summary)}</p>`}${links.length === 0 ? '' : `\n<p class="meta">${renderCoverageNote(item)}. Also reported by ${links.join(', ')}</p>`}
</article></li>`;
}

/**
 * /topics/ID.html: one topic's page, the same stories as its feeds, each with
 * the other outlets that carried it, and <link rel="alternate"> to the feeds
 * so a browser or reader finds them from the page. No scripts.
 */
export function renderTopicPage(siteTitle: string, ctx: FeedContext): string {
  const list = ctx.entries.length === 0 ? '<p class="meta">No items yet.</p>' : `<ol class="items">\n${ctx.entries.map(renderEntry).join('\n')}\n</ol>`;
  return renderPage(
    `${ctx.topic.title} — ${siteTitle}`,
    renderAutodiscovery(ctx),
    `<p class="meta"><a href="${esc(ctx.homeUrl)}">${esc(siteTitle)}</a></p>
<h1>${esc(ctx.topic.title)}</h1>
<p class="meta">${esc(ctx.description)}</p>
${renderSubscribeLinks(ctx)}
<main>
${list}
</main>`,
  );
}
