export { parseFeed } from './parse-feed.js';
export { normalizeItems, type NormalizeContext } from './normalize-items.js';
export { canonicalizeLink } from './canonicalize-link.js';
export { fingerprintStory, fingerprintStoredItem, normalizeForFingerprint } from './fingerprint.js';
export { htmlToText } from './html-to-text.js';
export { parseOpml, type OpmlFeed } from './parse-opml.js';
export { discoverFeeds, type DiscoveredFeed } from './discover-feeds.js';
