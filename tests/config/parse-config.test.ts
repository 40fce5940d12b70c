import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { parseConfig } from '../../src/config/parse-config.js';
import { ConfigError } from '../../src/errors.js';

const valid = {
  sources: [{ id: 'rt', title: 'RT', url: 'data/samples/rt-news.xml' }],
  topics: [{ id: 'nato', title: 'NATO', query: 'nato' }],
};

function problemsOf(text: string): string[] {
  try {
    parseConfig(text, '/etc/topicwire/config.json');
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((p) => `${p.path}: ${p.message}`);
  }
  return [];
}

const withChange = (change: (c: Record<string, unknown>) => void): string => {
  const config = structuredClone(valid) as unknown as Record<string, unknown>;
  change(config);
  return JSON.stringify(config, null, 2);
};

describe('parseConfig', () => {
  it('fills defaults and resolves paths from the config folder', () => {
    const config = parseConfig(JSON.stringify(valid), '/etc/topicwire/config.json');
    expect(config.database).toBe('/etc/topicwire/data/topicwire.db');
    expect(config.output).toEqual({ dir: '/etc/topicwire/data/public', items: 50, indexItems: 5 });
    expect(config.schedule).toBe('*/15 * * * *');
    expect(config.server).toEqual({ host: '127.0.0.1', port: 8080, publicUrl: 'http://localhost:8080' });
    expect(config.fetch).toEqual({ timeoutSeconds: 20, maxBytes: 5_000_000, concurrency: 8, perHost: 2, minIntervalMinutes: 5, maxIntervalMinutes: 1440 });
    expect(config.sources[0]).toMatchObject({ url: 'data/samples/rt-news.xml', location: '/etc/topicwire/data/samples/rt-news.xml' });
  });

  it('gives each topic its own "items" (else output.items) and "maxAgeDays", and the index its indexItems', () => {
    const config = parseConfig(
      JSON.stringify({ ...valid, output: { items: 20, indexItems: 12 }, topics: [{ id: 'a', title: 'A', query: 'x', items: 200, maxAgeDays: 2.5 }, { id: 'b', title: 'B', query: 'y' }] }),
      '/x/config.json',
    );
    expect(config.output).toMatchObject({ items: 20, indexItems: 12 });
    expect(config.topics.map((t) => [t.id, t.items, t.maxAgeDays])).toEqual([['a', 200, 2.5], ['b', 20, undefined]]);
  });

  it('accepts a file saved with a UTF-8 BOM', () => {
    expect(parseConfig(`\uFEFF${JSON.stringify(valid)}`, '/x/config.json').sources).toHaveLength(1);
  });

  it('refuses a key given twice in one object, naming each repeat and where it is', () => {
    const text = `{
  "schedule": "*/5 * * * *",
  "sources": [{ "id": "a", "url": "https://a.example/feed", "id": "b" }],
  "schedule": "*/30 * * * *",
  "topics": [{ "id": "t", "title": "T", "query": "nato" }]
}`;
    expect(() => parseConfig(text, '/x/config.json')).toThrow(ConfigError);
    const problems = (() => {
      try {
        parseConfig(text, '/x/config.json');
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    })();
    expect(problems).toEqual([
      { path: 'sources[0].id', message: 'duplicate key "id" at line 3, column 61' },
      { path: 'schedule', message: 'duplicate key "schedule" at line 4, column 3' },
    ]);
  });

  it('keeps http and file URLs as they are', () => {
    const config = parseConfig(
      withChange((c) => (c.sources = [{ id: 'a', url: 'https://example.com/feed' }, { id: 'b', url: 'file:///srv/feed.xml' }])),
      '/x/config.json',
    );
    expect(config.sources.map((s) => s.location)).toEqual(['https://example.com/feed', 'file:///srv/feed.xml']);
    expect(config.sources[0]?.title).toBe('a');
  });

  // Each broken config with the exact line a user sees for it.
  const cases: [string, string, string[]][] = [
    ['invalid JSON (line and column)', '{\n  "sources": [],\n  "topics": [,]\n}', [': invalid JSON at line 3, column 14: value expected']],
    ['trailing comma', '{ "sources": [], "topics": [], }', [': invalid JSON at line 1, column 32: property name expected']],
    ['unknown key', withChange((c) => (c.sheduel = '* * * * *')), [': unknown key "sheduel"']],
    ['unknown nested key', withChange((c) => (c.server = { prot: 80 })), ['server: unknown key "prot"']],
    ['wrong type', withChange((c) => (c.retentionDays = '90')), ['retentionDays: expected number, received string']],
    ['missing sources', JSON.stringify({ topics: [] }), ['sources: required array is missing']],
    ['duplicate source id', withChange((c) => (c.sources = [...valid.sources, { id: 'rt', url: 'x.xml' }])), ['sources[1].id: duplicate id "rt"']],
    ['duplicate topic id', withChange((c) => (c.topics = [...valid.topics, ...valid.topics])), ['topics[1].id: duplicate id "nato"']],
    ['bad URL scheme', withChange((c) => (c.sources = [{ id: 'a', url: 'ftp://example.com/feed' }])), ['sources[0].url: "ftp://example.com/feed": only http, https and file URLs (or a file path) can be fetched']],
    ['URL without host', withChange((c) => (c.sources = [{ id: 'a', url: 'http://' }])), ['sources[0].url: "http://" is not a valid URL']],
    ['bad cron expression', withChange((c) => (c.schedule = '61 * * * *')), ['schedule: "61 * * * *" is not a valid cron expression']],
    ['bad source id', withChange((c) => (c.sources = [{ id: 'R T', url: 'a.xml' }])), ['sources[0].id: a source id must be lower-case letters, digits, "-" or "_" (it is used in URLs)']],
    ['unknown source in topic', withChange((c) => (c.topics = [{ id: 't', title: 'T', query: 'x', sources: ['nope'] }])), ['topics[0].sources: unknown source id "nope"']],
    ['negative port', withChange((c) => (c.server = { port: -1 })), ['server.port: Too small: expected number to be >=0']],
    ['publicUrl not http', withChange((c) => (c.server = { publicUrl: 'ftp://x' })), ['server.publicUrl: must be an http(s) URL']],
    ['empty query list', withChange((c) => (c.topics = [{ id: 't', title: 'T', query: [] }])), ['topics[0].query: Too small: expected array to have >=1 items']],
    ['topic items 0', withChange((c) => (c.topics = [{ id: 't', title: 'T', query: 'x', items: 0 }])), ['topics[0].items: Too small: expected number to be >=1']],
    ['topic items a fraction', withChange((c) => (c.topics = [{ id: 't', title: 'T', query: 'x', items: 2.5 }])), ['topics[0].items: expected int, received number']],
    ['negative maxAgeDays', withChange((c) => (c.topics = [{ id: 't', title: 'T', query: 'x', maxAgeDays: -1 }])), ['topics[0].maxAgeDays: Too small: expected number to be >0']],
    ['indexItems 0', withChange((c) => (c.output = { indexItems: 0 })), ['output.indexItems: Too small: expected number to be >=1']],
  ];

  it.each(cases)('reports %s', (_name, text, expected) => {
    expect(problemsOf(text)).toEqual(expected);
  });

  it('lists every problem at once', () => {
    const text = withChange((c) => {
      c.schedule = 'never';
      c.retentionDays = -1;
      c.colour = 'red';
    });
    expect(problemsOf(text)).toEqual([
      'schedule: "never" has 1 field; a cron expression has 5 (minute hour day-of-month month day-of-week, e.g. "*/15 * * * *") or 6, with seconds first ("0 */15 * * * *")',
      'retentionDays: Too small: expected number to be >0',
      ': unknown key "colour"',
    ]);
  });

  it('reports a broken query with its position', () => {
    const problems = problemsOf(withChange((c) => (c.topics = [{ id: 't', title: 'T', query: 'nato AND (baku' }])));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^topics\[0\]\.query: query error at position \d+/);
  });

  it('reports an unknown @name in a query', () => {
    const problems = problemsOf(withChange((c) => (c.topics = [{ id: 't', title: 'T', query: '@nowhere' }])));
    expect(problems[0]).toMatch(/^topics\[0\]\.query: .*nowhere/);
  });
});

describe('loadConfig', () => {
  it('says when the file is missing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tw-config-'));
    await expect(loadConfig(path.join(dir, 'nope.json'))).rejects.toThrow(/nope\.json: 1 problem\n {2}\(root\): file not found/);
  });

  it('reads a file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tw-config-'));
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify(valid));
    const config = await loadConfig(path.join(dir, 'config.json'));
    expect(config.file).toBe(path.join(dir, 'config.json'));
  });
});
