import type { CliContext } from '../context.js';
import { formatAge, formatTable } from '../format-table.js';
import { openApp } from '../open-app.js';

/** `topicwire sources [list]`: each configured source with its health. */
export async function runSourcesList(ctx: CliContext, options: { config?: string }): Promise<number> {
  const app = await openApp(ctx, options.config);
  try {
    const records = new Map(app.store.sources.listSources().map((r) => [r.id, r]));
    const now = ctx.now();
    const rows = [['ID', 'STATUS', 'HTTP', 'LAST FETCH', 'ITEMS', 'URL / LAST ERROR']];
    for (const configured of app.config.sources) {
      const source = records.get(configured.id);
      if (source === undefined) continue;
      const url = source.redirectUrl ? `${source.url} -> ${source.redirectUrl} (moved permanently)` : source.url;
      const detail = source.lastError ?? (source.warnings ? `${url} (recovered: ${source.warnings})` : url);
      rows.push([source.id, source.status, source.httpStatus?.toString() ?? '-', formatAge(source.lastFetchAt, now), String(source.itemCount), detail]);
    }
    ctx.out(formatTable(rows));
    return 0;
  } finally {
    app.close();
  }
}
