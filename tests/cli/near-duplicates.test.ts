import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { repoRoot, runTopicwire, writeSampleConfig } from '../support/cli.js';
import { makeTempDir, withStore as withSharedStore } from '../support/items.js';

// The sample feeds plus a fixture feed that republishes the seed article
// retitled, cut after four paragraphs and with a footer added, under its own
// URL: no exact rule can merge it, only near-duplicate clustering. The same
// feed carries a Kremlin statement from two days later that must stay apart.
const seedTitle = 'NATO will not bring stability to the Caucasus – Kremlin';
const copyLink = 'https://caucasus-review.example/news/2024/03/19/peskov-nato-caucasus';
const otherLink = 'https://caucasus-review.example/news/2024/03/21/kremlin-armenia-csto';

let dir: string;
let config: string;

const withStore = <T>(fn: (store: Store<'now'>) => T): T => withSharedStore(path.join(dir, 'topicwire.db'), fn);
const count = (text: string, needle: string): number => text.split(needle).length - 1;
const itemId = (link: string): number => withStore((store) => store.stories.findItems(link)[0]!.id);
const build = async (out: string): Promise<(file: string) => string> => {
  expect((await runTopicwire(['build', '--config', config, '--out', out])).code).toBe(0);
  return (file) => readFileSync(path.join(out, file), 'utf8');
};

beforeAll(async () => {
  dir = makeTempDir('tw-near-');
  config = writeSampleConfig(dir, (c) => {
    (c.sources as { id: string; title: string; url: string }[]).push({
      id: 'caucasus-review',
      title: 'Caucasus Review',
      url: path.join(repoRoot, 'tests/fixtures/dedup/caucasus-review.xml'),
    });
  });
  const fetched = await runTopicwire(['fetch', '--config', config]);
  expect(fetched.code).toBe(0);
});

describe('a near-duplicate of the seed article on the sample feeds', () => {
  it('joins the seed’s story, whose face stays RT’s, and the other statement stays apart', () => {
    withStore((store) => {
      const [copy] = store.stories.findItems(copyLink);
      const story = store.stories.readStory(copy!.storyId)!;
      expect(story.face.title).toBe(seedTitle);
      expect(story.face.sourceId).toBe('rt');
      expect(story.others.map((o) => o.sourceId).sort()).toEqual(['caucasus-review', 'digest', 'eurasia-monitor', 'rt-russia']);
      expect(copy).toMatchObject({ mergeReason: 'near-duplicate' });
      const [other] = store.stories.findItems(otherLink);
      expect(store.stories.readStory(other!.storyId)?.others).toEqual([]);
    });
  });

  it('shows the seed once in caucasus and nato, in every format and on the index page, with the copy as another source', async () => {
    const read = await build(path.join(dir, 'merged'));
    for (const topic of ['caucasus', 'nato']) {
      for (const format of ['rss', 'atom', 'json']) {
        const body = read(`topics/${topic}.${format}`);
        const title = format === 'json' ? JSON.stringify(seedTitle).slice(1, -1) : seedTitle;
        expect(count(body, title), `${topic}.${format}`).toBe(1);
        // Listed in the entry's content; JSON Feed also lists it in the entry's _topicwire extension.
        expect(count(body, copyLink), `${topic}.${format}`).toBe(format === 'json' ? 2 : 1);
        expect(body).not.toContain('Peskov: NATO’s Caucasus courtship');
      }
    }
    const seedEntry = (JSON.parse(read('topics/nato.json')) as { items: { title: string; _topicwire: { also_reported_by: { url?: string }[] } }[] }).items.find(
      (item) => item.title === seedTitle,
    );
    expect(seedEntry?._topicwire.also_reported_by.map((other) => other.url)).toContain(copyLink);
    const index = read('index.html');
    expect(count(index, `<a href="${copyLink}">Caucasus Review</a>`)).toBeGreaterThan(0);
    expect(count(index, `<a href="${copyLink}">Caucasus Review</a>`)).toBe(count(index, `>${seedTitle}</a>`));
  });

  it('explains the merge with its score', async () => {
    const explained = await runTopicwire(['explain', String(itemId(copyLink)), '--config', config]);
    expect(explained.code).toBe(0);
    expect(explained.out).toMatch(new RegExp(`joined as a near-duplicate of item ${itemId('https://www.rt.com/news/594107-nato-caucasus-stability-kremlin/')} \\(score 0\\.\\d\\d, threshold 0\\.4\\)`));
  });

  it('splits the copy off for good with `stories split`', async () => {
    const split = await runTopicwire(['stories', 'split', copyLink, '--config', config]);
    expect(split.code).toBe(0);
    expect(split.out).toMatch(/^item \d+ split off: it is story urn:topicwire:story:[0-9a-f]{32}; items [\d, ]+ are story urn:topicwire:story:/);
    const explained = await runTopicwire(['explain', copyLink, '--config', config]);
    expect(explained.out).toContain('split off its former story by `stories split`');
    const read = await build(path.join(dir, 'split'));
    const nato = read('topics/nato.rss');
    expect(count(nato, seedTitle)).toBe(1);
    expect(count(nato, 'Peskov: NATO’s Caucasus courtship will not bring stability')).toBe(1);
    // A fetch that brings the same item again leaves it apart.
    expect((await runTopicwire(['fetch', '--config', config])).code).toBe(0);
    withStore((store) => expect(store.stories.readStory(store.stories.findItems(copyLink)[0]!.storyId)?.others).toEqual([]));
  });

  it('says which items a link names when it is ambiguous, and fails on an unknown item', async () => {
    const unknown = await runTopicwire(['stories', 'split', '99999', '--config', config]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('no stored item with id or link 99999');
    const ambiguous = await runTopicwire(['stories', 'split', 'https://www.rt.com/news/594107-nato-caucasus-stability-kremlin/', '--config', config]);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.err).toMatch(/items have the link .*; give an item id/);
  });
});
