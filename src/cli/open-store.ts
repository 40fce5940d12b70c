import type { DatabaseTarget } from '../config/types.js';
import { nameWorker, openPostgresStore, openStore, type Store } from '../store/index.js';
import type { CliContext } from './context.js';

/**
 * The store "database" names: a SQLite file, or a PostgreSQL database (its
 * password from the URL, database.passwordFile or $PGPASSWORD). On
 * PostgreSQL each process is a worker of its own name (host:pid:random).
 */
export async function openConfiguredStore(target: DatabaseTarget, ctx: Pick<CliContext, 'env' | 'pid'>, options: { connections?: number } = {}): Promise<Store> {
  if (target.kind === 'sqlite') return openStore(target.file);
  return openPostgresStore(target, {
    envPassword: ctx.env.PGPASSWORD,
    worker: nameWorker(ctx.pid),
    ...(options.connections === undefined ? {} : { max: options.connections }),
  });
}
