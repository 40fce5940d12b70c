import { escapeXml } from '../text/index.js';
import type { FeedContext } from './feed-context.js';

function renderOutline(ctx: FeedContext): string {
  const title = escapeXml(ctx.topic.title);
  const description = escapeXml(ctx.description);
  return `    <outline type="rss" text="${title}" title="${title}" description="${description}" xmlUrl="${escapeXml(ctx.urls.rss)}" htmlUrl="${escapeXml(ctx.homeUrl)}"/>`;
}

/**
 * OPML 2.0 subscription list: one outline per topic, RSS only, since listing the Atom
 * and JSON twins too would subscribe a reader to every story three times.
 * dateModified is the newest entry's date, so unchanged topics give identical bytes.
 */
export function renderOpml(siteTitle: string, contexts: readonly FeedContext[], updated: Date): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${escapeXml(siteTitle)} topics</title>`,
    `    <dateModified>${updated.toUTCString()}</dateModified>`,
    '    <docs>http://opml.org/spec2.opml</docs>',
    '  </head>',
    '  <body>',
    ...contexts.map(renderOutline),
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}
