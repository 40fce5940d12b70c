import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNearDuplicateMatcher } from '../../src/cluster/index.js';
import type { NormalizedItem } from '../../src/model.js';
import { openStore, type Store } from '../../src/store/index.js';
import { deriveStoryUid } from '../../src/store/story-keys.js';
import { ingestBatch } from '../../src/update/ingest-batch.js';
import { makeItem, makeTempDir } from '../support/items.js';

const LEAD =
  'Armenia and Azerbaijan have agreed on the first stretch of their shared border, the two governments said on Friday, the first tangible result of peace talks since Baku retook Nagorno-Karabakh last September.';
const REST = [
  'The deputy prime ministers leading the two border commissions agreed at their eighth meeting to delimit a section between Armenia’s Tavush region and Azerbaijan’s Gazakh district.',
  'Under the deal Armenia will return to Azerbaijan four abandoned villages that it has controlled since the early 1990s.',
  'Residents of nearby Armenian villages have protested, fearing they will be cut off from roads and farmland.',
];
const OTHER =
  'Surveyors from Armenia and Azerbaijan installed the first concrete markers on their shared border on Sunday, two days after the two countries agreed on a section between Tavush and Gazakh. Several hundred residents blocked a road in protest.';

const nearDuplicates = createNearDuplicateMatcher({ threshold: 0.4, windowHours: 72 });
const none = () => [];
let store: Store<'now'>;

/** An item with a body of its own, under its own link, so no exact rule can merge it. */
function story(sourceId: string, id: string, text: string, publishedAt = '2024-04-19T12:00:00.000Z', title = `${id} headline`): NormalizedItem {
  return makeItem({ sourceId, title, guid: id, link: `https://${sourceId}.example/${id}`, canonicalLink: `https://${sourceId}.example/${id}`, contentHtml: `<p>${text}</p>`, publishedAt });
}
const ingest = (items: NormalizedItem[], now = new Date('2024-04-20T00:00:00Z'), classify: (item: NormalizedItem) => string[] = none) =>
  ingestBatch(store, items, { now, classify, nearDuplicates });
const storyOf = (link: string): number => store.stories.findItems(link)[0]!.storyId;
const itemOf = (link: string) => store.stories.findItems(link)[0]!;

beforeEach(() => {
  store = openStore(path.join(makeTempDir(), 'test.db'));
  store.sources.syncSources(['wire', 'post', 'brief', 'digest'].map((id) => ({ id, url: `${id}.xml`, title: id })));
});
afterEach(() => store.close());

describe('near-duplicates at ingest', () => {
  it('joins a retitled, cut-off copy from another source to the story, recording the score', async () => {
    await ingest([story('wire', 'a', [LEAD, ...REST].join(' '))]);
    const counts = await ingest([story('post', 'b', LEAD)]);
    expect(counts).toMatchObject({ new: 0, duplicate: 1 });
    const copy = itemOf('https://post.example/b');
    expect(copy.storyId).toBe(storyOf('https://wire.example/a'));
    expect(copy).toMatchObject({ mergeReason: 'near-duplicate', mergedWith: itemOf('https://wire.example/a').id });
    expect(copy.mergeScore).toBeGreaterThan(0.8);
    expect(store.stories.readStory(copy.storyId)?.face.sourceId).toBe('wire');
  });

  it('records which rule merged an exact copy', async () => {
    await ingest([story('wire', 'a', [LEAD, ...REST].join(' '))]);
    await ingest([{ ...story('post', 'b', LEAD), canonicalLink: 'https://wire.example/a' }]);
    expect(itemOf('https://post.example/b')).toMatchObject({ mergeReason: 'link', mergeScore: null });
  });

  it('compares only within the window, on either side of the item’s date', async () => {
    await ingest([story('wire', 'a', [LEAD, ...REST].join(' '), '2024-04-19T12:00:00.000Z')]);
    await ingest([story('post', 'late', LEAD, '2024-04-22T14:00:00.000Z')]);
    await ingest([story('brief', 'earlier', LEAD, '2024-04-16T14:00:00.000Z')]);
    expect(storyOf('https://post.example/late')).not.toBe(storyOf('https://wire.example/a'));
    expect(storyOf('https://brief.example/earlier')).toBe(storyOf('https://wire.example/a'));
  });

  it('never merges two items of one source, nor joins a story that source is already in', async () => {
    await ingest([story('wire', 'a', [LEAD, ...REST].join(' ')), story('wire', 'a2', LEAD)]);
    expect(storyOf('https://wire.example/a2')).not.toBe(storyOf('https://wire.example/a'));
    await ingest([story('post', 'b', LEAD)]);
    expect(storyOf('https://post.example/b')).toBe(storyOf('https://wire.example/a'));
    await ingest([story('post', 'b2', [LEAD, REST[0]].join(' '))]);
    expect(storyOf('https://post.example/b2')).not.toBe(storyOf('https://wire.example/a'));
  });

  it('does not merge a different event on the same subject', async () => {
    await ingest([story('wire', 'a', [LEAD, ...REST].join(' '))]);
    expect(await ingest([story('post', 'markers', OTHER)])).toMatchObject({ new: 1, duplicate: 0 });
  });

  it('merges nothing by text when near-duplicates are off', async () => {
    await ingestBatch(store, [story('wire', 'a', [LEAD, ...REST].join(' '))], { now: new Date(), classify: none });
    expect(await ingestBatch(store, [story('post', 'b', LEAD)], { now: new Date(), classify: none })).toMatchObject({ new: 1, duplicate: 0 });
  });

  it('keeps an updated item in its story and indexes its new text', async () => {
    await ingest([story('wire', 'a', OTHER)]);
    await ingest([{ ...story('wire', 'a', [LEAD, ...REST].join(' ')), contentHash: 'edited' }]);
    expect(await ingest([story('post', 'b', LEAD)])).toMatchObject({ duplicate: 1 });
    expect(storyOf('https://post.example/b')).toBe(storyOf('https://wire.example/a'));
  });
});

describe('splitItem', () => {
  beforeEach(async () => {
    await ingest([story('wire', 'a', [LEAD, ...REST].join(' '))], undefined, () => ['caucasus']);
    await ingest([story('post', 'b', LEAD)], undefined, () => ['caucasus']);
    await ingest([story('brief', 'c', [LEAD, REST[0]].join(' '))], undefined, () => ['caucasus']);
  });
  const uidOf = (link: string) => store.stories.readStory(storyOf(link))!.uid;

  it('moves a merged item to a story of its own, with its topic membership, for good', async () => {
    const b = itemOf('https://post.example/b');
    const result = store.splitItem(b.id, new Date());
    expect(result.itemStory).toBe(deriveStoryUid(b));
    expect(result.othersStory).toBe(uidOf('https://wire.example/a'));
    expect(store.stories.readStory(storyOf('https://post.example/b'))?.others).toEqual([]);
    expect(itemOf('https://post.example/b')).toMatchObject({ detached: true, mergeReason: null });
    expect(store.topics.topicsOfStory(storyOf('https://post.example/b'))).toEqual(['caucasus']);
    expect(store.stories.readStory(storyOf('https://wire.example/a'))?.others.map((o) => o.sourceId)).toEqual(['brief']);

    // The same item again, unchanged or edited, stays where the split put it.
    await ingest([story('post', 'b', LEAD)]);
    await ingest([{ ...story('post', 'b', `${LEAD} Updated.`), contentHash: 'edited' }]);
    expect(storyOf('https://post.example/b')).not.toBe(storyOf('https://wire.example/a'));
    expect(itemOf('https://post.example/b').detached).toBe(true);
  });

  it('keeps a split face in its story, and so its id; the others move to a story whose face is the next item', async () => {
    const a = itemOf('https://wire.example/a');
    const before = uidOf('https://wire.example/a');
    const result = store.splitItem(a.id, new Date());
    expect(uidOf('https://wire.example/a')).toBe(before);
    expect(result).toMatchObject({ itemStory: before, othersStory: deriveStoryUid(itemOf('https://post.example/b')) });
    const rest = store.stories.readStory(storyOf('https://post.example/b'))!;
    expect([rest.face.sourceId, ...rest.others.map((o) => o.sourceId)]).toEqual(['post', 'brief']);
    expect(rest.face.mergeReason).toBeNull();
    expect(store.topics.topicsOfStory(rest.id)).toEqual(['caucasus']);
  });

  it('marks an item that is already alone, and refuses an unknown one', async () => {
    await ingest([story('digest', 'alone', OTHER)]);
    expect(store.splitItem(itemOf('https://digest.example/alone').id, new Date())).toMatchObject({ othersStory: null, others: [] });
    expect(itemOf('https://digest.example/alone').detached).toBe(true);
    expect(() => store.splitItem(9999, new Date())).toThrow(/no stored item 9999/);
  });
});
