import { TopicwireError } from '../../errors.js';
import type { StoredItem, StoredStory } from '../../model.js';
import { formatTable } from '../format-table.js';
import type { CliContext } from '../context.js';
import { openApp, type App } from '../open-app.js';

/** The one stored item an id or link names. */
async function findOneItem(app: App, ref: string): Promise<StoredItem> {
  const items = await app.store.stories.findItems(ref);
  const [item] = items;
  if (item === undefined) throw new TopicwireError(`no stored item with id or link ${ref}`);
  if (items.length > 1) throw new TopicwireError(`${items.length} items have the link ${ref} (${items.map((i) => i.id).join(', ')}); give an item id`);
  return item;
}

/**
 * `topicwire stories split ITEM` (an item id or link): detaches the item from
 * the story it was merged into, for good. Whichever part keeps the story's
 * face keeps its id; the other part becomes a new entry in the feeds.
 */
export async function runStoriesSplit(ctx: CliContext, ref: string, options: { config?: string }): Promise<number> {
  const app = await openApp(ctx, options.config);
  try {
    const item = await findOneItem(app, ref);
    const result = await app.store.splitItem(item.id, ctx.now());
    if (result.othersStory === null) {
      ctx.out(`item ${item.id} was already alone in story ${result.itemStory}; it is now kept apart for good\n`);
    } else {
      ctx.out(
        `item ${item.id} split off: it is story ${result.itemStory}; ` +
          `item${result.others.length === 1 ? '' : 's'} ${result.others.join(', ')} ${result.others.length === 1 ? 'is' : 'are'} story ${result.othersStory}\n` +
          `to undo it: topicwire stories join ${item.id} ${result.others[0] ?? ''}\n`,
      );
    }
    return 0;
  } finally {
    await app.close();
  }
}

/**
 * `topicwire stories join A B` (item ids or links): one story of the two. The
 * story with the older face keeps its id; the other entry leaves the feeds.
 * Joining an item with one it was split from undoes `stories split`.
 */
export async function runStoriesJoin(ctx: CliContext, refA: string, refB: string, options: { config?: string }): Promise<number> {
  const app = await openApp(ctx, options.config);
  try {
    const a = await findOneItem(app, refA);
    const b = await findOneItem(app, refB);
    if (a.id === b.id) throw new TopicwireError(`${refA} and ${refB} are the same item (${a.id}): give two items`);
    const result = await app.store.joinStories(a.id, b.id);
    if (result.absorbed === null) ctx.out(`items ${a.id} and ${b.id} were already in one story, ${result.story}\n`);
    else ctx.out(`story ${result.absorbed} (item${result.moved.length === 1 ? '' : 's'} ${result.moved.join(', ')}) joined story ${result.story}\n`);
    return 0;
  } finally {
    await app.close();
  }
}

/** A story's outlets, each once by its earliest report: how many outlets reported it and which first. */
function describeCoverage(story: StoredStory): { outlets: string[]; first: StoredItem } {
  const reports = [story.face, ...story.others];
  const dateOf = (item: StoredItem): number => Date.parse(item.publishedAt ?? item.firstSeenAt);
  const byDate = [...reports].sort((a, b) => dateOf(a) - dateOf(b) || a.id - b.id);
  return { outlets: [...new Set(byDate.map((item) => item.sourceId))], first: byDate[0] ?? story.face };
}

/**
 * `topicwire stories list [--topic ID]`: the newest stories with how many
 * outlets and items each has, the first outlet to report it, and its face's
 * item id (what `explain`, `stories split` and `stories join` take).
 */
export async function runStoriesList(ctx: CliContext, options: { config?: string; topic?: string; limit?: number }): Promise<number> {
  const app = await openApp(ctx, options.config);
  try {
    if (options.topic !== undefined && !app.config.topics.some((t) => t.id === options.topic)) {
      throw new TopicwireError(`no topic with id "${options.topic}" in ${app.config.file}; topics: ${app.config.topics.map((t) => t.id).join(', ')}`);
    }
    const stories = await app.store.stories.listStories({ ...(options.topic === undefined ? {} : { topicId: options.topic }), limit: options.limit ?? 50 });
    const rows = stories.map((story) => {
      const { outlets, first } = describeCoverage(story);
      const date = (first.publishedAt ?? first.firstSeenAt).slice(0, 16).replace('T', ' ');
      return [String(story.face.id), String(outlets.length), String(1 + story.others.length), `${first.sourceId} ${date}`, outlets.join(','), story.face.title || '(untitled)'];
    });
    ctx.out(stories.length === 0 ? 'no stories\n' : formatTable([['ITEM', 'OUTLETS', 'ITEMS', 'FIRST', 'SOURCES', 'TITLE'], ...rows]));
    return 0;
  } finally {
    await app.close();
  }
}
