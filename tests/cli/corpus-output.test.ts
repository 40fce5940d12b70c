import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Parser from 'rss-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { corpusPath } from '../parse/read-corpus.js';
import { runTopicwire } from '../support/cli.js';
import { makeTempDir } from '../support/items.js';

/**
 * Real feeds through `fetch` and `build`, read back from the published files
 * as a reader sees them: Dave Winer's RSS 2.0 sample (untitled items) and the
 * RSS 0.92 sample (items with no title, link or guid).
 */
let out: string;
const built = new Date();

beforeAll(async () => {
  const dir = makeTempDir('tw-corpus-output-');
  out = path.join(dir, 'public');
  const config = path.join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({
    database: path.join(dir, 'topicwire.db'),
    output: { dir: out, items: 50 },
    server: { host: '127.0.0.1', port: 0, publicUrl: 'http://localhost:8080' },
    sources: [
      { id: 'scripting', title: 'Scripting News', url: corpusPath('corpus/feed-rs/rss_2.0_spec_1.xml') },
      { id: 'dead', title: 'Dave Winer: Grateful Dead', url: corpusPath('corpus/feed-rs/rss_0.92_spec_1.xml') },
    ],
    topics: [
      { id: 'scripting', title: 'Scripting', query: 'source:scripting' },
      { id: 'dead', title: 'Dead', query: 'source:dead' },
      { id: 'empty', title: 'Nothing yet', query: 'zzqxv' },
    ],
  }));
  expect((await runTopicwire(['fetch', '--config', config])).code).toBe(0);
  expect((await runTopicwire(['build', '--config', config])).code).toBe(0);
});

const read = (name: string): string => readFileSync(path.join(out, 'topics', name), 'utf8');
const parser = new Parser();

describe('untitled items', () => {
  it('are published with a title made from their text, never the source’s name', async () => {
    for (const format of ['rss', 'atom']) {
      const feed = await parser.parseString(read(`scripting.${format}`));
      const titles = feed.items.map((item) => item.title);
      expect(titles).toContain('Joshua Allen: Who loves namespaces?');
      expect(titles).toContain('Law and Order');
      expect(titles.some((title) => title === undefined || title === '' || title === 'Scripting News')).toBe(false);
    }
    const json = JSON.parse(read('scripting.json')) as { items: { title?: string }[] };
    expect(json.items.map((item) => item.title)).toContain('Joshua Allen: Who loves namespaces?');
    expect(json.items.every((item) => typeof item.title === 'string' && item.title !== '')).toBe(true);
  });
});

describe('output details', () => {
  it('dates an empty topic feed by its build, not 1970-01-01', () => {
    const rss = read('empty.rss');
    const atom = read('empty.atom');
    expect(rss).not.toContain('1970');
    expect(atom).not.toContain('1970');
    const updated = /<updated>([^<]+)<\/updated>/.exec(atom)?.[1] ?? '';
    expect(Math.abs(Date.parse(updated) - built.getTime())).toBeLessThan(10 * 60_000);
  });

  it('gives every atom:source the <updated> RFC 4287 §4.2.11 asks for', () => {
    const atom = read('dead.atom');
    const sources = atom.match(/<source>[\s\S]*?<\/source>/g) ?? [];
    expect(sources).toHaveLength(21);
    for (const source of sources) expect(source).toMatch(/<updated>\d{4}-\d\d-\d\dT[^<]+<\/updated>/);
  });

  it('writes no empty <title> or <content> element', () => {
    for (const name of ['dead.rss', 'dead.atom', 'scripting.rss', 'scripting.atom']) {
      expect(read(name)).not.toMatch(/<title[^>]*>\s*<\/title>|<title[^>]*\/>|<content[^>]*>\s*(<!\[CDATA\[\s*\]\]>)?\s*<\/content>|<content:encoded>\s*(<!\[CDATA\[\s*\]\]>)?\s*<\/content:encoded>/);
    }
  });

  it('publishes an item without a link without one, not with topicwire’s home page', async () => {
    expect(read('dead.rss')).not.toContain('<link>http://localhost:8080/</link>\n            <guid');
    const rss = await parser.parseString(read('dead.rss'));
    expect(rss.items).toHaveLength(21);
    expect(rss.items.map((item) => item.link ?? null).filter((link) => link !== null)).toEqual([]);
    expect(read('dead.atom')).not.toMatch(/<entry>[\s\S]*?<link href="http:\/\/localhost:8080\/"/);
    const json = JSON.parse(read('dead.json')) as { items: { url?: string }[] };
    expect(json.items.filter((item) => item.url !== undefined)).toEqual([]);
  });
});
