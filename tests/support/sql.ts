import { createSqliteStore, type Store } from '../../src/store/index.js';
import { openDatabase, type Db } from '../../src/store/open-store.js';

/**
 * A store together with its raw SQLite connection, for tests that must look
 * at (or set up) rows and pragmas the Store contract does not show. The same
 * connection: per-connection settings (wal_autocheckpoint) are the store's.
 */
export function openStoreWithSql(file: string): { store: Store<'now'>; sql: Db } {
  const sql = openDatabase(file);
  return { store: createSqliteStore(sql, file), sql };
}

/** One count(*) AS n query. */
export function countRows(sql: Db, query: string): number {
  return (sql.prepare(query).get() as { n: number }).n;
}

/** Marks the content changed, as a write by another process does. */
export function bumpContentVersion(file: string): void {
  const sql = openDatabase(file);
  try {
    sql.prepare("INSERT INTO meta (key, value) VALUES ('content_version', '1') ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1").run();
  } finally {
    sql.close();
  }
}
