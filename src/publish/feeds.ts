import { TopicwireError } from '../errors.js';
import { cleanSiteInput } from './clean-input.js';
import type { FeedContext } from './feed-context.js';
import { buildFeedContext } from './feed-context.js';
import { renderAtom } from './render-atom.js';
import { renderJsonFeed } from './render-json.js';
import { renderRss } from './render-rss.js';
import type { SiteInput, TopicFeeds } from './types.js';

export function renderFeedsFromContext(ctx: FeedContext): TopicFeeds {
  return { rss: renderRss(ctx), atom: renderAtom(ctx), json: renderJsonFeed(ctx) };
}

/** The three feeds of one topic (`topicIndex` into input.topics), newest entry first; `now` dates an empty one. */
export function renderTopicFeeds(input: SiteInput, topicIndex: number, now = new Date()): TopicFeeds {
  const clean = cleanSiteInput(input);
  const feed = clean.topics[topicIndex];
  if (feed === undefined) throw new TopicwireError(`no topic at index ${topicIndex} (site has ${clean.topics.length})`);
  return renderFeedsFromContext(buildFeedContext(clean.publicUrl, clean.title, feed, now));
}
