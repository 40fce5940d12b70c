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
  it.each([
    ['postgres://topicwire:s3cret@db.internal:5432/topicwire', 'postgres://topicwire:***@db.internal:5432/topicwire'],
    ['postgresql://localhost/topicwire', 'postgresql://localhost/topicwire'],
    ['mysql://localhost/topicwire', 'mysql://localhost/topicwire'],
    ['file:data/topicwire.db', 'file:data/topicwire.db'],
  ])('refuses %s: only a SQLite file path is supported', (database, shown) => {
    expect(problemsOf({ database, sources: [{ id: 'a', url: 'a.xml' }], topics })).toEqual([
      `database: "${shown}" is a URL; this topicwire stores into a SQLite file, so "database" must be a file path (a PostgreSQL backend is planned)`,
    ]);
  });

  it('accepts a relative or absolute file path, a Windows path included', () => {
    for (const database of ['data/topicwire.db', '/var/lib/topicwire/topicwire.db', 'C:\\topicwire\\topicwire.db']) {
      expect(problemsOf({ database, sources: [{ id: 'a', url: 'a.xml' }], topics })).toEqual([]);
    }
  });
});
