import { StoreError } from '../../errors.js';
import type { Sql } from './connect.js';
import { postgresMigrations } from './migrations.js';

/** Held while migrating, so that workers starting together apply each version once. */
const MIGRATION_LOCK = 0x7477_0001;

/**
 * Brings the schema to this topicwire's version in one transaction, under
 * an advisory lock: a second worker that starts at the same time waits,
 * then finds the work done. A failed version leaves the schema as it was.
 */
export async function migratePostgres(sql: Sql, shown: string): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`;
    await tx`CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)`;
    const [row] = await tx<{ version: number }[]>`SELECT max(version) AS version FROM schema_version`;
    const current = row?.version ?? 0;
    if (current > postgresMigrations.length) {
      throw new StoreError(`${shown} has schema version ${current}, newer than this topicwire (${postgresMigrations.length}); upgrade topicwire`);
    }
    for (let version = current; version < postgresMigrations.length; version += 1) {
      await tx.unsafe(postgresMigrations[version] ?? '');
      await tx`INSERT INTO schema_version (version) VALUES (${version + 1})`;
    }
  });
}
