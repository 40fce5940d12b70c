import { TopicwireError } from '../../errors.js';
import type { StoredItem } from '../../model.js';
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
