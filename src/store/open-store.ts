import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from '../errors.js';
import { migrations } from './migrations.js';

export type Db = Database.Database;

/**
 * SQLite's page cache, in KiB (a negative cache_size is KiB,
 * https://www.sqlite.org/pragma.html#pragma_cache_size). better-sqlite3 is
 * built with 16 MB, which a cycle fills and which then stays resident for the
 * daemon's life; the pages ingest reads are also in the OS's file cache, so
 * SQLite's own copy saves little.
 */
export const PAGE_CACHE_KIB = 4096;

/** Why a database cannot be opened, in words a user can act on (SQLite result codes, errno). */
function describeOpenError(file: string, error: unknown): StoreError {
  const { code } = error as { code?: string };
  const message = error instanceof Error ? error.message : String(error);
  let reason: string;
  if (isFolder(file)) reason = `it is a folder; set "database" to a file in it, such as ${path.join(file, 'topicwire.db')}`;
  else if (code === 'SQLITE_NOTADB') reason = 'the file is not a SQLite database (another file is at that path, or it is damaged)';
  else if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || code === 'SQLITE_PERM') reason = `${message}: check that the file and its folder exist and can be written`;
  else if (code === 'ENOTDIR' || code === 'EEXIST') reason = 'a part of its path is a file, not a folder';
  else if (code === 'EACCES' || code === 'EPERM') reason = 'permission denied on its folder';
  else reason = message;
  return new StoreError(`cannot open database ${file}: ${reason}${code === undefined ? '' : ` (${code})`}`, { cause: error });
}

function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Opens (creating if needed) the one SQLite file. WAL lets the HTTP side read
 * while a cycle writes; foreign keys keep items tied to their stories. A path
 * that is a folder, or a file that is not a database, is a StoreError saying so.
 */
export function openDatabase(file: string): Db {
  let db: Db | undefined;
  try {
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    db = new Database(file);
    // The first statement is where SQLite reads the file's header: "file is not a database".
    db.pragma('journal_mode = WAL');
  } catch (error) {
    db?.close();
    throw describeOpenError(file, error);
  }
  // In WAL mode NORMAL never corrupts on a crash; it only may lose the last
  // commits on power loss (https://www.sqlite.org/pragma.html#pragma_synchronous).
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  enableIncrementalVacuum(db);
  migrateDatabase(db, file);
  return db;
}

/**
 * Retention deletes rows every day; with auto_vacuum = INCREMENTAL the freed
 * pages can be handed back to the file system (PRAGMA incremental_vacuum)
 * without a full VACUUM. The mode of an existing file changes only with a
 * VACUUM, done once here (https://www.sqlite.org/pragma.html#pragma_auto_vacuum).
 */
function enableIncrementalVacuum(db: Db): void {
  if (db.pragma('auto_vacuum', { simple: true }) === 2) return;
  db.pragma('auto_vacuum = INCREMENTAL');
  db.exec('VACUUM');
}

export function migrateDatabase(db: Db, file: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new StoreError(`${file} has schema version ${current}, newer than this topicwire (${migrations.length}); upgrade topicwire`);
  }
  for (let version = current; version < migrations.length; version += 1) {
    db.transaction(() => {
      db.exec(migrations[version] ?? '');
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
}
