import path from 'node:path';
import Parser from 'rss-parser';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { makeTempDir } from '../support/items.js';
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

const withStore = <T>(fn: (store: ReturnType<typeof openStore>) => T): T => {
  const store = openStore(path.join(dir, 'topicwire.db'));
  try {
    return fn(store);
  } finally {
    store.close();
  }
};

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
  });
});
