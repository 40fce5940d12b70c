export { parseFeed } from './parse-feed.js';
export { normalizeItems, type NormalizeContext } from './normalize-items.js';
export { canonicalizeLink } from './canonicalize-link.js';
export { fingerprintStory, fingerprintStoredItem, normalizeForFingerprint } from './fingerprint.js';
export { htmlToText } from './html-to-text.js';
export { parseOpml, type OpmlFeed } from './parse-opml.js';
// discoverFeeds is imported from './discover-feeds.js' by its one user (`sources add`):
// through this index, htmlparser2 and its DOM packages would load in every process.
export type { DiscoveredFeed } from './discover-feeds.js';
