import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createItemIndexer } from '../../src/cluster/index.js';
import { fingerprintStoredItem, fingerprintStory, normalizeItems, parseFeed } from '../../src/parse/index.js';
import { deriveStoryUid } from '../../src/store/story-keys.js';
import { KEY_SCHEME_VERSION } from '../../src/update/key-scheme.js';

/**
 * Every hash topicwire stores, pinned: fingerprints and band keys (what a
 * copy arriving later is matched against), story uids (readers key entries
 * by them), content hashes (an item whose hash changes is updated in place).
 * A change that gives another value for the same input silently stops
 * stored rows from matching — unless it comes with a new KEY_SCHEME_VERSION,
 * which makes every database recompute its stored fingerprints and band
 * keys; then regenerate this file (scripts/text-golden.mjs). Story uids and
 * content hashes are not recomputed: they must never change.
 */
interface Golden {
  keyScheme: number;
  stories: { name: string; title: string; body: string; fingerprint: string; bandKeys: number[] }[];
  storyUids: { sourceId: string; identityKey: string; attempt: number; uid: string }[];
  feeds: {
    file: string;
    url: string;
    sourceId: string;
    now: string;
    items: { identityKey: string; title: string; fingerprint: string; contentHash: string; bandKeys: number[]; storyUid: string }[];
  }[];
}

const fixture = new URL('../fixtures/text/golden.json', import.meta.url);
const golden = JSON.parse(readFileSync(fixture, 'utf8')) as Golden;
const indexItem = createItemIndexer();

describe('golden vectors of the persisted hashes', () => {
  it('were computed under the key scheme this code declares', () => {
    expect(golden.keyScheme).toBe(KEY_SCHEME_VERSION);
  });

  it.each(golden.stories.map((story) => [story.name, story] as const))('fingerprint and band keys of %s', (_name, story) => {
    expect(fingerprintStory(story.title, story.body)).toBe(story.fingerprint);
    expect(indexItem({ title: story.title, text: story.body, summary: '' }).keys).toEqual(story.bandKeys);
  });

  it('covers what the scheme must keep apart and bring together', () => {
    const byName = new Map(golden.stories.map((story) => [story.name, story]));
    // A Swiss copy of a German story (ss for ß) is the same story.
    expect(byName.get('Swiss spelling of the German copy (ss for ß)')?.fingerprint).toBe(byName.get('German with ß and umlauts')?.fingerprint);
    expect(golden.stories.filter((story) => story.fingerprint !== '').length).toBeGreaterThan(12);
    expect(golden.stories.filter((story) => story.bandKeys.length === 8).length).toBeGreaterThan(12);
  });

  it('story uids', () => {
    for (const { sourceId, identityKey, attempt, uid } of golden.storyUids) expect(deriveStoryUid({ sourceId, identityKey }, attempt)).toBe(uid);
  });

  it.each(golden.feeds.map((feed) => [feed.file, feed] as const))('identity, fingerprint, content hash, band keys and story uid of every item of %s', async (_file, feed) => {
    const text = readFileSync(new URL(feed.file, fixture), 'utf8');
    const items = normalizeItems(await parseFeed(text, feed.url), { sourceId: feed.sourceId, feedUrl: feed.url, now: new Date(feed.now) });
    expect(
      items.map((item) => ({
        identityKey: item.identityKey,
        title: item.title,
        fingerprint: item.fingerprint,
        contentHash: item.contentHash,
        bandKeys: indexItem(item).keys,
        storyUid: deriveStoryUid(item),
      })),
    ).toEqual(feed.items);
    // A reindex recomputes the same fingerprint from what the store keeps.
    expect(items.map((item) => fingerprintStoredItem(item))).toEqual(items.map((item) => item.fingerprint));
  });
});
