import type { FeedContext } from './feed-context.js';
import { renderAtom } from './render-atom.js';
import { renderJsonFeed } from './render-json.js';
import { renderRss } from './render-rss.js';
import type { TopicFeeds } from './types.js';

/** The three feeds of one topic, newest entry first. */
export function renderFeedsFromContext(ctx: FeedContext): TopicFeeds {
  return { rss: renderRss(ctx), atom: renderAtom(ctx), json: renderJsonFeed(ctx) };
}
