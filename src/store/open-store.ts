import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from '../errors.js';
import { migrations } from './migrations.js';

export type Db = Database.Database;

export const MIN_PAGE_CACHE_KIB = 4096;
export const MAX_PAGE_CACHE_KIB = 16384;

/**
 * SQLite's page cache, in KiB (a negative cache_size is KiB,
 * https://www.sqlite.org/pragma.html#pragma_cache_size), for a database file
 * of `bytes`: 4 MiB up to 1 GiB of file, then 4 MiB more per GiB, up to
 * 16 MiB. better-sqlite3 is built with 16 MB, which a cycle fills and which
 * then stays resident for the daemon's life; below a gigabyte the index pages
 * ingest reads fit in 4 MiB or come from the OS's file cache cheaply. Past it
 * a batch's look-ups and inserts touch more leaf pages than 4 MiB keep
 * between the batch's read and its write, and each is read again, a system
 * call each (docs/performance.md, event-cost).
 */
export function choosePageCacheKib(bytes: number): number {
  // A 256th of the file: 4 MiB per GiB.
  return Math.min(MAX_PAGE_CACHE_KIB, Math.max(MIN_PAGE_CACHE_KIB, Math.round(bytes / 256 / 1024)));
}

/** Sets the page cache for the database's size now; called on open and as each cycle starts, as the file grows. */
export function sizePageCache(db: Db): void {
  const pages = db.pragma('page_count', { simple: true }) as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.pragma(`cache_size = -${choosePageCacheKib(pages * pageSize)}`);
}

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
  enableIncrementalVacuum(db);
  migrateDatabase(db, file);
  sizePageCache(db);
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
