import { TopicwireError } from '../../errors.js';
import type { CliContext } from '../context.js';
import { openApp } from '../open-app.js';

/**
 * `topicwire stories split ITEM` (an item id or link): detaches the item from
 * the story it was merged into, for good. Whichever part keeps the story's
 * face keeps its id; the other part becomes a new entry in the feeds.
 */
export async function runStoriesSplit(ctx: CliContext, ref: string, options: { config?: string }): Promise<number> {
  const app = await openApp(ctx, options.config);
  try {
    const items = await app.store.stories.findItems(ref);
    const [item] = items;
    if (item === undefined) throw new TopicwireError(`no stored item with id or link ${ref}`);
    if (items.length > 1) throw new TopicwireError(`${items.length} items have the link ${ref} (${items.map((i) => i.id).join(', ')}); give an item id`);
    const result = await app.store.splitItem(item.id, ctx.now());
    if (result.othersStory === null) {
      ctx.out(`item ${item.id} was already alone in story ${result.itemStory}; it is now kept apart for good\n`);
    } else {
      ctx.out(
        `item ${item.id} split off: it is story ${result.itemStory}; ` +
          `item${result.others.length === 1 ? '' : 's'} ${result.others.join(', ')} ${result.others.length === 1 ? 'is' : 'are'} story ${result.othersStory}\n`,
      );
    }
    return 0;
  } finally {
    await app.close();
  }
}
