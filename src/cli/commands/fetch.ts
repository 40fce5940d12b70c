import type { SourceConfig } from '../../config/types.js';
import { updateSources, type CycleSummary, type SourceOutcome } from '../../update/update-sources.js';
import { TopicwireError } from '../../errors.js';
import type { CliContext } from '../context.js';
import { formatTable } from '../format-table.js';
import { openApp, type App } from '../open-app.js';

/**
 * `topicwire fetch [--source ID]`: every source (or one) now, whatever its
 * schedule; exit 0 when the cycle ran, even if some sources failed.
 */
export async function runFetch(ctx: CliContext, options: { config?: string; source?: string }): Promise<number> {
  const app = await openApp(ctx, options.config);
  try {
    const sources = await selectSources(app, options.source);
    const summary = await updateSources(
      {
        store: app.store,
        config: app.config,
        topics: app.topics,
        logger: app.logger,
        now: ctx.now,
        ...(ctx.isTTY ? { onSourceDone: (o: SourceOutcome, done: number, total: number) => ctx.err(`\r${done}/${total} sources ${o.sourceId.padEnd(20)}${done === total ? '\n' : ''}`) } : {}),
      },
      sources,
    );
    ctx.out(formatCycle(summary));
    return 0;
  } finally {
    await app.close();
  }
}

/**
 * Every source, whatever its schedule, or the one named. A source disabled
 * after 410 Gone is fetched again only when named.
 */
async function selectSources(app: App, id: string | undefined): Promise<SourceConfig[]> {
  if (id !== undefined) {
    const named = app.config.sources.filter((s) => s.id === id);
    if (named.length === 0) throw new TopicwireError(`no source with id "${id}" in ${app.config.file}`);
    return named;
  }
  const disabled = new Set((await app.store.sources.listSources()).filter((r) => r.status === 'disabled').map((r) => r.id));
  return app.config.sources.filter((s) => !disabled.has(s.id));
}

export function formatCycle(summary: CycleSummary): string {
  const rows = summary.sources.map((s) => [s.sourceId, describeStatus(s), describeDetail(s)]);
  const t = summary.totals;
  return (
    formatTable(rows) +
    `${summary.sources.length} sources: ${t.ok} ok, ${t.failed} failed; ` +
    `items: ${t.new} new, ${t.updated} updated, ${t.duplicate} duplicate, ${t.unchanged} unchanged; ` +
    `${(summary.durationMs / 1000).toFixed(2)} s\n`
  );
}

function describeStatus(s: SourceOutcome): string {
  const http = s.httpStatus === undefined ? '' : ` (${s.httpStatus})`;
  if (s.status === 'failed') return `failed${http}`;
  if (s.status === 'unchanged') return s.httpStatus === 304 ? 'unchanged (304)' : 'unchanged (same content)';
  return `ok${http}`;
}

/** The last column, which is never padded: a long error there cannot push the other rows' columns apart. */
function describeDetail(s: SourceOutcome): string {
  if (s.status === 'failed') return s.error ?? '';
  if (s.status !== 'ok') return '';
  const { counts } = s;
  const warnings = s.warnings.length > 0 ? `; warnings: ${s.warnings.join('; ')}` : '';
  return `${counts.new} new, ${counts.updated} updated, ${counts.duplicate} duplicate, ${counts.unchanged} unchanged${warnings}`;
}
