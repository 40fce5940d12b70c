import { readFile } from 'node:fs/promises';
import type postgres from 'postgres';
import { StoreError } from '../../errors.js';

export type Sql = postgres.Sql;
/** A client or a transaction: what a query can be run on. */
export type Query = postgres.ISql;

/** Where the database is, as the config resolved it (config's DatabaseTarget of kind postgres). */
export interface PostgresTarget {
  url: string;
  shown: string;
  passwordFile?: string;
}

export interface ConnectOptions {
  /** $PGPASSWORD: the password when neither the URL nor a password file gives one. */
  envPassword?: string | undefined;
  /** Connections in the pool (the daemon's fetch concurrency is what uses them). */
  max?: number;
  /** application_name, shown in pg_stat_activity: which worker holds a connection. */
  applicationName?: string;
  /** More run-time parameters set when each connection starts (its server-side settings). */
  parameters?: Record<string, string>;
}

/**
 * int8 (bigint) as a JavaScript number: ids, counts and band keys
 * (bandKeys: band × 2^32 + hash) are all below 2^53. postgres.js returns
 * int8 as a string otherwise, because it cannot know that.
 */
const int8AsNumber = {
  to: 20,
  from: [20],
  serialize: (value: number) => String(value),
  parse: (value: string) => Number(value),
};

/** The password: the URL's, else the password file's first line, else $PGPASSWORD. */
async function readPassword(target: PostgresTarget, options: ConnectOptions): Promise<string | undefined> {
  if (new URL(target.url).password !== '') return undefined;
  if (target.passwordFile !== undefined) {
    try {
      return (await readFile(target.passwordFile, 'utf8')).split(/\r?\n/)[0] ?? '';
    } catch (error) {
      throw new StoreError(`cannot read the database password file ${target.passwordFile}: ${(error as Error).message}`, { cause: error });
    }
  }
  return options.envPassword;
}

/**
 * The client (postgres.js) for one database. Its pool opens connections as
 * queries need them; `close` ends them. Server NOTICEs (CREATE … IF NOT
 * EXISTS and the like) are not the user's business and stay out of the log.
 */
export async function connect(target: PostgresTarget, options: ConnectOptions = {}): Promise<Sql> {
  const password = await readPassword(target, options);
  // Loaded here, not with the store: a SQLite store never needs the client's code in its memory.
  const { default: postgres } = await import('postgres');
  return postgres(target.url, {
    max: options.max ?? 10,
    onnotice: () => undefined,
    types: { int8: int8AsNumber },
    connect_timeout: 15,
    connection: { application_name: options.applicationName ?? 'topicwire', ...options.parameters },
    ...(password === undefined ? {} : { password }),
  });
}

/** A connection failure in words a user can act on, naming the database without its password. */
export function describeConnectError(target: PostgresTarget, error: unknown): StoreError {
  const { code } = error as { code?: string };
  const message = error instanceof Error ? error.message : String(error);
  let reason = message;
  if (code === 'ECONNREFUSED') reason = 'nothing listens there (is PostgreSQL running, on that host and port?)';
  else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') reason = 'the host name does not resolve';
  else if (code === '28P01') reason = 'password authentication failed (the URL, database.passwordFile or $PGPASSWORD)';
  else if (code === '3D000') reason = `${message}; create it first (createdb, or CREATE DATABASE)`;
  else if (code === 'CONNECT_TIMEOUT') reason = 'the connection timed out';
  return new StoreError(`cannot open database ${target.shown}: ${reason}${code === undefined ? '' : ` (${code})`}`, { cause: error });
}

/**
 * A transaction on a reserved connection, which has no begin() of its own:
 * BEGIN, `fn`, COMMIT, or ROLLBACK if it throws.
 */
export async function inTransaction<T>(session: postgres.ReservedSql, mode: string, fn: (tx: Query) => Promise<T>): Promise<T> {
  await session.unsafe(`BEGIN ${mode}`);
  try {
    const result = await fn(session);
    await session.unsafe('COMMIT');
    return result;
  } catch (error) {
    await session.unsafe('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
