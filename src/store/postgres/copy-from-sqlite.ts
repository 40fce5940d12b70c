import { StoreError } from '../../errors.js';
import type { Db } from '../open-store.js';
import type { Sql } from './connect.js';

/** Tables in the order their foreign keys need; each is copied whole, ids and all. */
const TABLES = ['meta', 'sources', 'stories', 'items', 'topics', 'item_topics', 'tombstones', 'cycles', 'item_bands', 'event_keys', 'alerts', 'alert_stories', 'alert_deliveries', 'digest_entries'] as const;
/** Tables whose ids come from a sequence, to be set past the copied ids. */
const IDENTITIES = ['stories', 'items', 'cycles', 'alert_deliveries'] as const;
/** Rows a statement inserts: well under PostgreSQL's 65,535 parameters for the widest table. */
const ROWS_PER_INSERT = 1000;

export interface CopyReport {
  /** Rows copied, per table. */
  rows: Record<string, number>;
}

/**
 * `topicwire migrate --to postgres://…`: copies a SQLite database into an
 * empty PostgreSQL one (migrated to this version), table by table with the
 * same ids, in one transaction: a failure leaves the target as it was. Both
 * schemas are one column for column (migrations.ts), so rows move as they
 * are; a target that already holds sources or items is refused, never merged.
 */
export async function copySqliteToPostgres(db: Db, sql: Sql, onTable: (table: string, rows: number) => void = () => undefined): Promise<CopyReport> {
  const rows: Record<string, number> = {};
  await sql.begin(async (tx) => {
    const [held] = await tx<{ n: number }[]>`SELECT (SELECT count(*) FROM sources) + (SELECT count(*) FROM items) AS n`;
    if ((held?.n ?? 0) > 0) throw new StoreError('the PostgreSQL database already holds sources or items; migrate into an empty database');
    await tx`DELETE FROM meta`;
    for (const table of TABLES) {
      const columns = (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
      let batch: Record<string, unknown>[] = [];
      let copied = 0;
      const flush = async (): Promise<void> => {
        if (batch.length === 0) return;
        await tx`INSERT INTO ${tx(table)} ${tx(batch as Record<string, string>[], ...columns)}`;
        copied += batch.length;
        batch = [];
      };
      for (const row of db.prepare(`SELECT ${columns.join(', ')} FROM ${table}`).iterate() as Iterable<Record<string, unknown>>) {
        batch.push(row);
        if (batch.length === ROWS_PER_INSERT) await flush();
      }
      await flush();
      rows[table] = copied;
      onTable(table, copied);
    }
    for (const table of IDENTITIES) {
      await tx`SELECT setval(pg_get_serial_sequence(${table}, 'id'), coalesce((SELECT max(id) FROM ${tx(table)}), 0) + 1, false)`;
    }
  });
  return { rows };
}
