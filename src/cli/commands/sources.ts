import type { SourceRecord } from '../../store/index.js';
import type { CliContext } from '../context.js';
import { formatAge, formatTable } from '../format-table.js';
import { openApp } from '../open-app.js';

function formatDue(iso: string | null, now: Date): string {
  if (iso === null) return 'now';
  const ms = Date.parse(iso) - now.getTime();
  if (ms <= 0) return 'now';
  if (ms > 365 * 86_400_000) return 'never';
  return `in ${formatAge(new Date(now.getTime() - ms).toISOString(), now).replace(' ago', '')}`;
}

/** What a user should know beyond the row: an error, a move, what was recovered from. */
function describeDetails(source: SourceRecord): string[] {
  const details: string[] = [];
  if (source.disabledReason) details.push(`disabled: ${source.disabledReason}`);
  else if (source.lastError) details.push(`error: ${source.lastError}${source.failures > 1 ? ` (${source.failures} failures in a row)` : ''}`);
  if (source.redirectUrl) details.push(`moved permanently: ${source.url} -> ${source.redirectUrl} (fetched there now)`);
  if (source.warnings) details.push(`recovered: ${source.warnings}`);
  return details;
}

/** `topicwire sources [list]`: each configured source with its health and when it is fetched next, and why. */
export async function runSourcesList(ctx: CliContext, options: { config?: string }): Promise<number> {
  const app = await openApp(ctx, options.config);
  try {
    const records = new Map((await app.store.sources.listSources()).map((r) => [r.id, r]));
    const now = ctx.now();
    const rows = [['ID', 'STATUS', 'HTTP', 'LAST FETCH', 'ITEMS', 'NEXT FETCH', 'BECAUSE']];
    const notes: string[] = [];
    for (const configured of app.config.sources) {
      const source = records.get(configured.id);
      if (source === undefined) continue;
      rows.push([
        source.id,
        source.status,
        source.httpStatus?.toString() ?? '-',
        formatAge(source.lastFetchAt, now),
        String(source.itemCount),
        source.status === 'disabled' ? 'never' : formatDue(source.nextDueAt, now),
        source.dueReason ?? '-',
      ]);
      for (const detail of describeDetails(source)) notes.push(`${source.id}: ${detail}`);
    }
    ctx.out(formatTable(rows));
    if (notes.length > 0) ctx.out(`\n${notes.join('\n')}\n`);
    return 0;
  } finally {
    await app.close();
  }
}
