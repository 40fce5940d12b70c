export type { RenderedFile, SiteInput, SourceHealth, TopicFeedInput, TopicFeeds } from './types.js';
export { renderSite, createSiteRenderer, computeEtag, CONTENT_TYPES } from './site.js';
export { checkWritable, OutputWriteError, writeSite } from './write-site.js';
export { sanitizeHtml } from './sanitize.js';
