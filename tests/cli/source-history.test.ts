import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { corpusPath } from '../parse/read-corpus.js';
import { runTopicwire, type CliRun } from '../support/cli.js';
import { makeTempDir } from '../support/items.js';

/**
 * `sources remove` of one feed, then `sources add` of another that gets the
 * same id: the new source must start afresh and the old stories stay under
 * the outlet that carried them.
 */
let dir: string;
let config: string;
let list: CliRun;
let fetched: CliRun;
const run = (...args: string[]) => runTopicwire([...args, '--config', config]);

beforeAll(async () => {
  dir = makeTempDir('tw-source-history-');
  config = path.join(dir, 'config.json');
  writeFileSync(config, `${JSON.stringify({
    database: path.join(dir, 'topicwire.db'),
    output: { dir: path.join(dir, 'public'), items: 50 },
    server: { host: '127.0.0.1', port: 0, publicUrl: 'http://localhost:8080' },
    sources: [{ id: 'news', title: 'Scripting News', url: corpusPath('corpus/feed-rs/rss_2.0_spec_1.xml') }],
    topics: [{ id: 'all', title: 'All', query: ['namespaces OR rss OR song OR dead OR law', 'the'] }],
  }, null, 2)}\n`);
  expect((await run('fetch')).code).toBe(0);
  expect((await run('sources', 'remove', 'news')).code).toBe(0);
  expect((await run('sources', 'add', corpusPath('corpus/feed-rs/rss_0.92_spec_1.xml'), '--id', 'news', '--title', 'Grateful Dead'))).toMatchObject({ code: 0 });
  fetched = await run('fetch');
  list = await run('sources', 'list');
  expect((await run('build')).code).toBe(0);
});

describe('a new source under a removed source’s id', () => {
  it('is fetched as the new feed it is, with its own item count', () => {
    expect(fetched.out).toMatch(/^news\s+ok \(200\)\s+21 new, 0 updated, 0 duplicate, 1 unchanged/m);
    expect(list.out).toMatch(/^news\s+ok\s+200\s+\S+(?: \S+)*\s+21\s/m);
  });

  it('leaves the old stories under the outlet that carried them, with nothing "also reported by" the new one', () => {
    const json = JSON.parse(readFileSync(path.join(dir, 'public/topics/all.json'), 'utf8')) as {
      items: { title: string; _topicwire: { source: { title: string }; also_reported_by: unknown[] } }[];
    };
    const law = json.items.find((item) => item.title === 'Law and Order');
    expect(law?._topicwire.source.title).toBe('Scripting News');
    expect(json.items.every((item) => item._topicwire.also_reported_by.length === 0)).toBe(true);
    const sources = new Set(json.items.map((item) => item._topicwire.source.title));
    expect(sources).toEqual(new Set(['Scripting News', 'Grateful Dead']));
  });
});
