import type { SourceInfo } from '../model.js';
import { escapeXml } from '../text/index.js';

/** The configured sources as an OPML 2.0 subscription list, for another reader to import. */
export function renderSourcesOpml(title: string, sources: readonly SourceInfo[]): string {
  const outlines = sources.map((source) => {
    const name = escapeXml(source.title);
    const site = source.siteUrl ? ` htmlUrl="${escapeXml(source.siteUrl)}"` : '';
    return `    <outline type="rss" text="${name}" title="${name}" xmlUrl="${escapeXml(source.url)}"${site}/>`;
  });
  return ['<?xml version="1.0" encoding="utf-8"?>', '<opml version="2.0">', '  <head>', `    <title>${escapeXml(title)}</title>`, '  </head>', '  <body>', ...outlines, '  </body>', '</opml>', ''].join('\n');
}
