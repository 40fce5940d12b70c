import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';
import { ConfigError } from '../../src/errors.js';

function problemsOf(config: unknown): string[] {
  try {
    parseConfig(JSON.stringify(config), '/etc/topicwire/config.json');
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((p) => `${p.path}: ${p.message}`);
  }
  return [];
}

const topics = [{ id: 'nato', title: 'NATO', query: 'nato' }];

describe('check: two sources reading one feed', () => {
  it('refuses two sources whose URLs are the same once canonical (case, default port, fragment, utm_*)', () => {
    expect(problemsOf({
      sources: [
        { id: 'rt', url: 'https://www.rt.com/rss/news/' },
        { id: 'rt-again', url: 'HTTPS://WWW.RT.COM:443/rss/news/?utm_source=x#top' },
      ],
      topics,
    })).toEqual(['sources[1].url: reads the same feed as sources[0] ("rt"): https://www.rt.com/rss/news/']);
  });

  it('refuses a file given once as a path and once as a file: URL', () => {
    expect(problemsOf({
      sources: [{ id: 'a', url: 'data/samples/rt-news.xml' }, { id: 'b', url: 'file:///etc/topicwire/data/samples/rt-news.xml' }],
      topics,
    })).toEqual(['sources[1].url: reads the same feed as sources[0] ("a"): /etc/topicwire/data/samples/rt-news.xml']);
  });

  it('accepts two feeds of one host', () => {
    expect(problemsOf({ sources: [{ id: 'a', url: 'https://rt.com/rss/news/' }, { id: 'b', url: 'https://rt.com/rss/russia/' }], topics })).toEqual([]);
  });
});

describe('check: the database', () => {
  const sources = [{ id: 'a', url: 'a.xml' }];
  const storeOf = (database: unknown) => parseConfig(JSON.stringify({ database, sources, topics }), '/etc/topicwire/config.json');

  it.each([
    ['postgres://topicwire:s3cret@db.internal:5432/topicwire', 'postgres://topicwire:***@db.internal:5432/topicwire'],
    ['postgresql://localhost/topicwire', 'postgresql://localhost/topicwire'],
    ['postgres://tw@10.0.0.5/topicwire?sslmode=require&application_name=desk', 'postgres://tw@10.0.0.5/topicwire?sslmode=require&application_name=desk'],
  ])('accepts %s as PostgreSQL, its password never shown', (database, shown) => {
    const config = storeOf(database);
    expect(config.store).toEqual({ kind: 'postgres', url: database, shown });
    expect(config.database).toBe(shown);
  });

  it('takes the password from a file named beside the URL, relative to config.json', () => {
    const config = storeOf({ url: 'postgres://tw@db/topicwire', passwordFile: 'secrets/pg' });
    expect(config.store).toEqual({ kind: 'postgres', url: 'postgres://tw@db/topicwire', shown: 'postgres://tw@db/topicwire', passwordFile: '/etc/topicwire/secrets/pg' });
  });

  it.each([
    ['mysql://localhost/topicwire', 'database: "mysql://localhost/topicwire": a database is a SQLite file path or a postgres:// (postgresql://) URL'],
    ['file:data/topicwire.db', 'database: "file:data/topicwire.db": a database is a SQLite file path or a postgres:// (postgresql://) URL'],
    ['postgres://tw:pw@db.internal:5432/', 'database: "postgres://tw:***@db.internal:5432/" names no database: add it after the host, as in postgres://user@host:5432/topicwire'],
    ['postgres:///topicwire', 'database: "postgres:///topicwire" has no host: postgres://user@host:5432/database'],
    ['postgres://db:99999/topicwire', 'database: "postgres://db:99999/topicwire" is not a valid URL'],
    ['postgres://db/a/b', 'database: "postgres://db/a/b": a database name cannot contain "/"'],
    ['postgres://db/tw?sslmode=always', 'database: "postgres://db/tw?sslmode=always": sslmode is one of disable, allow, prefer, require, verify-ca, verify-full, not "always"'],
    ['postgres://db/tw?pool=5', 'database: "postgres://db/tw?pool=5": unknown parameter "pool" (known: sslmode, application_name, connect_timeout, target_session_attrs)'],
  ])('refuses %s, saying why', (database, problem) => {
    expect(problemsOf({ database, sources, topics })).toEqual([problem]);
  });

  it('refuses a password both in the URL and in a file, and a password file for SQLite', () => {
    expect(problemsOf({ database: { url: 'postgres://tw:pw@db/tw', passwordFile: 'pg' }, sources, topics })).toEqual(['database.passwordFile: the URL carries a password too: keep one']);
    expect(problemsOf({ database: { url: 'data/topicwire.db', passwordFile: 'pg' }, sources, topics })).toEqual(['database.passwordFile: is for a PostgreSQL URL; a SQLite file needs no password']);
  });

  it('accepts a relative or absolute file path, a Windows path included', () => {
    for (const database of ['data/topicwire.db', '/var/lib/topicwire/topicwire.db', 'C:\\topicwire\\topicwire.db']) {
      expect(problemsOf({ database, sources, topics })).toEqual([]);
    }
    expect(storeOf('data/topicwire.db').store).toEqual({ kind: 'sqlite', file: '/etc/topicwire/data/topicwire.db' });
  });
});
