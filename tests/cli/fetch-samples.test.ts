import path from 'node:path';
import Parser from 'rss-parser';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { makeTempDir, withStore as withSharedStore } from '../support/items.js';
import { readRepoFile, runTopicwire, writeSampleConfig, type CliRun } from '../support/cli.js';

const seedTitle = 'NATO will not bring stability to the Caucasus – Kremlin';
const expected = JSON.parse(readRepoFile('tests/fixtures/samples/expected-topics.json')) as {
  items: { source: string; title: string; topics: string[] }[];
};

let dir: string;
let config: string;
let first: CliRun;
let second: CliRun;

beforeAll(async () => {
  dir = makeTempDir('tw-samples-');
  config = writeSampleConfig(dir);
  first = await runTopicwire(['fetch', '--config', config]);
  second = await runTopicwire(['fetch', '--config', config]);
});

const withStore = <T>(fn: (store: Store<'now'>) => T): T => withSharedStore(path.join(dir, 'topicwire.db'), fn);

describe('topicwire fetch on the sample feeds', () => {
  it('ingests every source and prints a summary', () => {
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/7 sources: 7 ok, 0 failed; items: \d+ new, 0 updated, [1-9]\d* duplicate/);
  });

  it('stores every sample item once', () => {
    const count = withStore((store) => store.stories.countAll().items);
    expect(count).toBe(expected.items.length);
  });

  it('stores the seed article as one story carried by four sources', () => {
    withStore((store) => {
      const copies = [...store.stories.iterateRecentItems()].filter((i) => i.title === seedTitle);
      expect(copies.map((c) => c.sourceId).sort()).toEqual(['digest', 'eurasia-monitor', 'rt', 'rt-russia']);
      expect(new Set(copies.map((c) => c.storyId)).size).toBe(1);
      const story = store.stories.readStory(copies[0]!.storyId)!;
      expect(story.face.sourceId).toBe('rt');
      expect(story.face.link).toBe('https://www.rt.com/news/594107-nato-caucasus-stability-kremlin/');
    });
  });

  it('files every sample item under exactly the topics it was written for', () => {
    const actual = withStore((store) =>
      [...store.stories.iterateRecentItems()].map((item) => ({
        source: item.sourceId,
        title: item.title,
        topics: store.topics.topicsOfStory(item.storyId),
      })),
    );
    const sortTopics = (list: typeof actual) =>
      list.map((e) => `${e.source} | ${e.title} | ${[...e.topics].sort().join(',')}`).sort();
    expect(sortTopics(actual)).toEqual(sortTopics(expected.items));
  });

  it('adds nothing on a second fetch, reading no unchanged file', () => {
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/7 sources: 7 ok, 0 failed; items: 0 new, 0 updated, 0 duplicate, 0 unchanged/);
    expect(second.out.match(/unchanged \(same content\)/g)).toHaveLength(7);
    expect(withStore((store) => store.stories.countAll().items)).toBe(expected.items.length);
  });

  it('lists each source as ok with its item count', async () => {
    const list = await runTopicwire(['sources', 'list', '--config', config]);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^rt +ok +200 +\S+ ago +9 /m);
    expect(list.out).toMatch(/^novosti +ok +200 +\S+ ago +9 /m);
  });

  it('builds topic feeds that show the seed once in caucasus and nato, and not in energy or ukraine', async () => {
    const out = path.join(dir, 'build');
    const built = await runTopicwire(['build', '--config', config, '--out', out]);
    expect(built.code).toBe(0);
    const parser = new Parser();
    const titlesOf = async (topic: string) =>
      (await parser.parseString(readFileSync(path.join(out, 'topics', `${topic}.rss`), 'utf8'))).items.map((i) => i.title);
    for (const topic of ['caucasus', 'nato']) {
      expect((await titlesOf(topic)).filter((t) => t === seedTitle)).toHaveLength(1);
    }
    for (const topic of ['energy', 'ukraine']) expect(await titlesOf(topic)).not.toContain(seedTitle);
    const atom = await parser.parseString(readFileSync(path.join(out, 'topics', 'nato.atom'), 'utf8'));
    expect(atom.items.filter((i) => i.title === seedTitle)).toHaveLength(1);
    const json = JSON.parse(readFileSync(path.join(out, 'topics', 'nato.json'), 'utf8')) as {
      version: string;
      title: string;
      items: { id: string; url: string; title: string; content_html?: string; _topicwire: { also_reported_by: unknown[] } }[];
    };
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    expect(json.title).toBe('NATO');
    const seed = json.items.filter((i) => i.title === seedTitle);
    expect(seed).toHaveLength(1);
    expect(seed[0]).toMatchObject({ url: 'https://www.rt.com/news/594107-nato-caucasus-stability-kremlin/' });
    expect(seed[0]?._topicwire.also_reported_by).toHaveLength(3);
    for (const item of json.items) expect(item.id && item.title && item.content_html).toBeTruthy();
  });

  it('builds the same bytes again, and the same ids from a new database', async () => {
    const read = (dir: string, file: string) => readFileSync(path.join(dir, 'topics', file), 'utf8');
    const again = path.join(dir, 'build-again');
    expect((await runTopicwire(['build', '--config', config, '--out', again])).code).toBe(0);
    for (const file of ['nato.rss', 'nato.atom', 'nato.json', 'caucasus.rss']) expect(read(again, file)).toBe(read(path.join(dir, 'build'), file));

    const otherDir = makeTempDir('tw-samples-other-');
    const otherConfig = writeSampleConfig(otherDir);
    expect((await runTopicwire(['fetch', '--config', otherConfig], { now: new Date('2030-01-01T00:00:00Z') })).code).toBe(0);
    const otherOut = path.join(otherDir, 'build');
    expect((await runTopicwire(['build', '--config', otherConfig, '--out', otherOut])).code).toBe(0);
    const ids = (text: string) => [...text.matchAll(/<guid isPermaLink="false">([^<]+)<\/guid>/g)].map((m) => m[1]).sort();
    const first = ids(read(path.join(dir, 'build'), 'nato.rss'));
    expect(first.length).toBeGreaterThan(5);
    expect(ids(read(otherOut, 'nato.rss'))).toEqual(first);
  });
});
