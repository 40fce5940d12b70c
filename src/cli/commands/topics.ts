import { toMatchDocument } from '../../update/match-topics.js';
import { TopicwireError } from '../../errors.js';
import type { StoredItem } from '../../model.js';
import { matchQuery, parseQuery, prepareDocument } from '../../topics/index.js';
import type { CliContext } from '../context.js';
import { formatTable } from '../format-table.js';
import { openApp, type App } from '../open-app.js';

/** `topicwire topics [list]`: each topic with its story count and query. */
export async function runTopicsList(ctx: CliContext, options: { config?: string }): Promise<number> {
  const app = await openApp(ctx, options.config);
  try {
    const counts = await app.store.topics.countStoriesByTopic();
    const rows = [['ID', 'TITLE', 'ITEMS', 'QUERY']];
    for (const { topic } of app.topics) {
      const query = Array.isArray(topic.query) ? topic.query.join(' | ') : topic.query;
      rows.push([topic.id, topic.title, String(counts.get(topic.id) ?? 0), query]);
    }
    ctx.out(formatTable(rows));
    return 0;
  } finally {
    await app.close();
  }
}

/** Stored stories a query matches (any of their items), newest first, each shown by its face item. */
export async function findMatchingItems(app: App, query: string): Promise<StoredItem[]> {
  const node = parseQuery(query, app.config.define);
  const titles = new Map(app.config.sources.map((s) => [s.id, s.title]));
  const seenStories = new Set<number>();
  const matches: StoredItem[] = [];
  for await (const item of app.store.stories.iterateRecentItems()) {
    if (seenStories.has(item.storyId)) continue;
    if (matchQuery(node, prepareDocument(toMatchDocument(item, titles.get(item.sourceId) ?? item.sourceId)))) {
      seenStories.add(item.storyId);
      matches.push((await app.store.stories.readStory(item.storyId))?.face ?? item);
    }
  }
  return matches;
}

/** The columns of formatItemLine, the header row of every item listing. */
export const itemHeader: readonly string[] = ['DATE', 'ITEM', 'SOURCE', 'TITLE', 'LINK'];

export function formatItemLine(item: StoredItem): string[] {
  return [(item.publishedAt ?? item.firstSeenAt).slice(0, 10), String(item.id), item.sourceId, item.title, item.link ?? ''];
}

/**
 * `topicwire topics test "QUERY" [--topic ID]`: what the query matches now,
 * and with --topic, which stories would enter and leave that topic.
 */
export async function runTopicsTest(ctx: CliContext, query: string, options: { config?: string; topic?: string }): Promise<number> {
  const app = await openApp(ctx, options.config);
  try {
    const matches = await findMatchingItems(app, query);
    ctx.out(`${matches.length} stories match ${query}\n`);
    if (options.topic === undefined) {
      if (matches.length > 0) ctx.out(formatTable([itemHeader, ...matches.map(formatItemLine)]));
      return 0;
    }
    const topicId = options.topic;
    if (!app.topics.some((t) => t.topic.id === topicId)) throw new TopicwireError(`no topic with id "${topicId}" in ${app.config.file}`);
    const current = new Set((await app.store.stories.listTopicStories(topicId, Number.MAX_SAFE_INTEGER)).map((s) => s.id));
    const matched = new Set(matches.map((m) => m.storyId));
    const entering = matches.filter((m) => !current.has(m.storyId));
    const leaving = await Promise.all([...current].filter((id) => !matched.has(id)).map(async (id) => (await app.store.stories.readStory(id))?.face));
    ctx.out(`topic ${topicId}: ${current.size} stories now; ${entering.length} would enter, ${leaving.length} would leave\n`);
    const changes = [...entering.map((item) => ['+', ...formatItemLine(item)]), ...leaving.flatMap((item) => (item ? [['-', ...formatItemLine(item)]] : []))];
    if (changes.length > 0) ctx.out(formatTable([['', ...itemHeader], ...changes]));
    return 0;
  } finally {
    await app.close();
  }
}

/** `topicwire search "QUERY"`: stored items matching a query, newest first. */
export async function runSearch(ctx: CliContext, query: string, options: { config?: string; limit?: number }): Promise<number> {
  const app = await openApp(ctx, options.config);
  try {
    const limit = options.limit ?? 50;
    const matches = await findMatchingItems(app, query);
    if (matches.length === 0) ctx.out(`no stored item matches ${query}\n`);
    else ctx.out(formatTable([itemHeader, ...matches.slice(0, limit).map(formatItemLine)]));
    if (matches.length > limit) ctx.out(`(${matches.length - limit} more; --limit N to see them)\n`);
    return 0;
  } finally {
    await app.close();
  }
}
