import path from 'node:path';
import type { ConfigProblem } from '../errors.js';
import type { DatabaseTarget } from './types.js';

const schemePattern = /^([a-z][a-z0-9+.-]*):/i;
const windowsPath = /^[a-z]:[\\/]/i;

/**
 * Query parameters of a connection URL that topicwire passes on (libpq's
 * names, https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-PARAMKEYWORDS).
 * Anything else would reach the server as a setting it may not know, so it
 * is refused here, where the user can see it.
 */
const urlParameters: Readonly<Record<string, (value: string) => string | undefined>> = {
  sslmode: (value) =>
    ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'].includes(value)
      ? undefined
      : 'is one of disable, allow, prefer, require, verify-ca, verify-full',
  application_name: () => undefined,
  connect_timeout: (value) => (/^\d+$/.test(value) ? undefined : 'is a number of seconds'),
  target_session_attrs: (value) =>
    ['any', 'read-write', 'read-only', 'primary', 'standby', 'prefer-standby'].includes(value)
      ? undefined
      : 'is one of any, read-write, read-only, primary, standby, prefer-standby',
};

/** The URL with its password, if any, replaced by ***: what messages and logs show. */
export function hidePassword(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}

/** Whether "database" names a server (a URL) rather than a SQLite file. */
export function isDatabaseUrl(database: string): boolean {
  return schemePattern.test(database) && !windowsPath.test(database);
}

/** What is wrong with a postgres:// URL, one problem per part. */
function checkPostgresUrl(url: string): string[] {
  const shown = hidePassword(url);
  if (!URL.canParse(url)) return [`"${shown}" is not a valid URL`];
  const parsed = new URL(url);
  const problems: string[] = [];
  if (parsed.hostname === '') problems.push(`"${shown}" has no host: postgres://user@host:5432/database`);
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (name === '') problems.push(`"${shown}" names no database: add it after the host, as in postgres://user@host:5432/topicwire`);
  else if (name.includes('/')) problems.push(`"${shown}": a database name cannot contain "/"`);
  for (const [key, value] of parsed.searchParams) {
    const check = urlParameters[key];
    if (check === undefined) problems.push(`"${shown}": unknown parameter "${key}" (known: ${Object.keys(urlParameters).join(', ')})`);
    else {
      const wrong = check(value);
      if (wrong !== undefined) problems.push(`"${shown}": ${key} ${wrong}, not "${value}"`);
    }
  }
  return problems;
}

/**
 * "database": a file path keeps SQLite; a postgres:// or postgresql:// URL
 * selects PostgreSQL, its password in the URL, in "passwordFile" (a file
 * holding it alone, for a secret that config.json must not carry) or in
 * $PGPASSWORD, read when the database is opened.
 */
export function resolveDatabaseTarget(
  raw: string | { url: string; passwordFile?: string | undefined },
  dir: string,
): { target: DatabaseTarget } | { problems: ConfigProblem[] } {
  const written = typeof raw === 'string' ? raw : raw.url;
  const passwordFile = typeof raw === 'string' ? undefined : raw.passwordFile;
  const at = typeof raw === 'string' ? 'database' : 'database.url';
  if (!isDatabaseUrl(written)) {
    if (passwordFile !== undefined) return { problems: [{ path: 'database.passwordFile', message: 'is for a PostgreSQL URL; a SQLite file needs no password' }] };
    return { target: { kind: 'sqlite', file: path.resolve(dir, written) } };
  }
  const scheme = schemePattern.exec(written)?.[1]?.toLowerCase();
  if (scheme !== 'postgres' && scheme !== 'postgresql') {
    return { problems: [{ path: at, message: `"${hidePassword(written)}": a database is a SQLite file path or a postgres:// (postgresql://) URL` }] };
  }
  const problems = checkPostgresUrl(written).map((message) => ({ path: at, message }));
  if (passwordFile !== undefined && URL.canParse(written) && new URL(written).password !== '') {
    problems.push({ path: 'database.passwordFile', message: 'the URL carries a password too: keep one' });
  }
  if (problems.length > 0) return { problems };
  return {
    target: {
      kind: 'postgres',
      url: written,
      shown: hidePassword(written),
      ...(passwordFile === undefined ? {} : { passwordFile: path.resolve(dir, passwordFile) }),
    },
  };
}
