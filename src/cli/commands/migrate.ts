import { loadConfig } from '../../config/load-config.js';
import { resolveDatabaseTarget } from '../../config/database-target.js';
import { ConfigError, TopicwireError } from '../../errors.js';
import { migrateSqliteToPostgres } from '../../store/index.js';
import type { CliContext } from '../context.js';
import { resolveConfigPath } from '../open-app.js';

/**
 * `topicwire migrate --to postgres://…`: moves the SQLite database that
 * config.json names into an empty PostgreSQL database, everything with it
 * (items, stories and their ids, topics, sources' history and schedule,
 * tombstones, the cycle log). The SQLite file is only read. Stop `run`
 * first; then point "database" at the URL.
 */
export async function runMigrate(ctx: CliContext, options: { config?: string; to: string }): Promise<number> {
  const file = resolveConfigPath(ctx, options.config);
  const config = await loadConfig(file);
  if (config.store.kind !== 'sqlite') throw new TopicwireError(`"database" in ${file} is already PostgreSQL (${config.database}); migrate reads a SQLite database`);
  const resolved = resolveDatabaseTarget(options.to, ctx.cwd);
  if ('problems' in resolved) throw new ConfigError('--to', resolved.problems.map((p) => ({ ...p, path: '--to' })));
  const target = resolved.target;
  if (target.kind !== 'postgres') throw new TopicwireError(`--to ${options.to}: give a postgres:// (or postgresql://) URL`);
  const report = await migrateSqliteToPostgres(config.store.file, target, { envPassword: ctx.env.PGPASSWORD }, (table, rows) => ctx.out(`${table.padEnd(12)} ${rows} rows\n`));
  const total = Object.values(report.rows).reduce((a, b) => a + b, 0);
  ctx.out(`copied ${total} rows from ${config.store.file} to ${target.shown}\n`);
  ctx.out(`now set "database" in ${file} to "${target.shown}" (its password in the URL, "passwordFile" or $PGPASSWORD) and start topicwire\n`);
  return 0;
}
