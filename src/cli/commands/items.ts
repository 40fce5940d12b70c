import { TopicwireError } from '../../errors.js';
import type { CliContext } from '../context.js';
import { formatTable } from '../format-table.js';
import { openApp } from '../open-app.js';
import { formatItemLine, itemHeader } from './topics.js';

/** `topicwire items [--source ID] [--topic ID] [--limit N]`: the newest stored items, no query needed. */
export async function runItems(ctx: CliContext, options: { config?: string; source?: string; topic?: string; limit?: number }): Promise<number> {
  const app = await openApp(ctx, options.config);
  try {
    const { source, topic } = options;
    if (source !== undefined && !app.config.sources.some((s) => s.id === source)) throw new TopicwireError(`no source with id "${source}" in ${app.config.file}`);
    if (topic !== undefined && !app.config.topics.some((t) => t.id === topic)) throw new TopicwireError(`no topic with id "${topic}" in ${app.config.file}`);
    const items = await app.store.stories.listRecentItems({
      limit: options.limit ?? 50,
      ...(source === undefined ? {} : { sourceId: source }),
      ...(topic === undefined ? {} : { topicId: topic }),
    });
    if (items.length === 0) ctx.out(`no stored items${source === undefined ? '' : ` from ${source}`}${topic === undefined ? '' : ` in topic ${topic}`}\n`);
    else ctx.out(formatTable([itemHeader, ...items.map(formatItemLine)]));
    return 0;
  } finally {
    await app.close();
  }
}
