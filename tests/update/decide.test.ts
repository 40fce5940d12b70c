import { describe, expect, it } from 'vitest';
import type { BatchState, ItemIntent, ItemState, NearCandidate } from '../../src/update-model.js';
import { decide, describeLookup, type DecisionItem, type NearDuplicatePolicy } from '../../src/update/decide.js';

/** An incoming item: its own link and fingerprint unless a row says otherwise. */
const item = (sourceId: string, id: string, fields: Partial<DecisionItem> = {}): DecisionItem => ({
  sourceId,
  identityKey: `guid:${id}`,
  contentHash: `hash-${id}`,
  link: `https://${sourceId}.example/${id}`,
  canonicalLink: `https://${sourceId}.example/${id}`,
  fingerprint: `fp-${id}`,
  title: `Title ${id}`,
  publishedAt: '2024-04-19T12:00:00.000Z',
  ...fields,
});

const AT = Math.floor(Date.parse('2024-04-19T12:00:00.000Z') / 60_000);
const KEYS = [11, 12, 13, 14, 15, 16, 17, 18];

/** A stored item of another source sharing `shared` of the keys. */
const candidate = (id: number, storyId: number, fields: Partial<NearCandidate> = {}): NearCandidate => ({
  id,
  storyId,
  sourceId: 'wire',
  sharedKeys: KEYS,
  storyHasSource: false,
  title: `Stored ${id}`,
  text: '',
  summary: '',
  contentHash: `stored-${id}`,
  ...fields,
});

/** Near-duplicates on, scores looked up in a table: candidate id → score. */
const near = (scores: Record<number, number>, keys: readonly (readonly number[])[] = [KEYS, KEYS, KEYS]): NearDuplicatePolicy => ({
  threshold: 0.4,
  windowMinutes: 72 * 60,
  keys,
  score: (_index, c) => scores[c.id] ?? 0,
});

const state = (items: ItemState[]): BatchState => ({ version: '1', items, recentItems: [] });
const nearState = (candidates: NearCandidate[], counts = KEYS.map(() => 1)): ItemState => ({ near: { counts, candidates } });

interface Row {
  rule: string;
  items: DecisionItem[];
  stored: ItemState[];
  nearDuplicates?: NearDuplicatePolicy;
  intents: ItemIntent[];
}

const NOW = '2024-04-20T00:00:00.000Z';
const own = (id: number, storyId: number, contentHash: string) => ({ id, storyId, contentHash, link: null, canonicalLink: null, fingerprint: 'fp-own', firstSeenAt: NOW });
const bands = { keys: KEYS, at: AT };

const rows: Row[] = [
  {
    rule: 'a known item (same source and identity) with the same content is left alone',
    items: [item('post', 'a', { contentHash: 'same' })],
    stored: [{ own: own(7, 3, 'same') }],
    intents: [{ kind: 'unchanged', item: 0 }],
  },
  {
    rule: 'a known item whose title or content changed is updated in place, in its story, never added again',
    items: [item('post', 'a', { contentHash: 'edited' })],
    stored: [{ own: own(7, 3, 'before') }],
    intents: [{ kind: 'update', item: 0, row: { stored: 7 }, story: { stored: 3 } }],
  },
  {
    rule: 'an item removed by retention that the feed still lists does not come back',
    items: [item('post', 'a')],
    stored: [{ tombstoned: true }],
    intents: [{ kind: 'tombstoned', item: 0 }],
  },
  {
    rule: 'the same canonical link as a stored item joins its story',
    items: [item('post', 'a')],
    stored: [{ linkMatches: [{ id: 4, storyId: 2, sourceId: 'wire', link: 'https://wire.example/story' }] }],
    intents: [{ kind: 'join', item: 0, story: { stored: 2 }, because: { rule: 'link', matched: { stored: 4 }, score: null } }],
  },
  {
    rule: 'a source’s own item under another #anchor of the same page is another post, not the same story',
    items: [item('blog', 'b', { link: 'https://blog.example/day#post-2', canonicalLink: 'https://blog.example/day' })],
    stored: [{ linkMatches: [{ id: 4, storyId: 2, sourceId: 'blog', link: 'https://blog.example/day#post-1' }] }],
    intents: [{ kind: 'new', item: 0 }],
  },
  {
    rule: 'another outlet’s link to the same page with an #anchor is the same story',
    items: [item('wire', 'b', { link: 'https://blog.example/day#comments', canonicalLink: 'https://blog.example/day' })],
    stored: [{ linkMatches: [{ id: 4, storyId: 2, sourceId: 'blog', link: 'https://blog.example/day#post-1' }] }],
    intents: [{ kind: 'join', item: 0, story: { stored: 2 }, because: { rule: 'link', matched: { stored: 4 }, score: null } }],
  },
  {
    rule: 'a link to a site’s home page merges nothing',
    items: [item('post', 'a', { canonicalLink: 'https://site.example/' }), item('post', 'b', { canonicalLink: 'https://site.example/' })],
    stored: [{}, {}],
    intents: [
      { kind: 'new', item: 0 },
      { kind: 'new', item: 1 },
    ],
  },
  {
    rule: 'the same fingerprint (title and lead) as a stored item joins its story',
    items: [item('post', 'a')],
    stored: [{ fingerprintMatch: { id: 5, storyId: 9 } }],
    intents: [{ kind: 'join', item: 0, story: { stored: 9 }, because: { rule: 'fingerprint', matched: { stored: 5 }, score: null } }],
  },
  {
    rule: 'the fingerprint of an untitled item merges nothing',
    items: [item('post', 'a', { title: ' ', fingerprint: 'fp-empty', canonicalLink: null }), item('post', 'b', { title: '', fingerprint: 'fp-empty', canonicalLink: null })],
    stored: [{}, {}],
    intents: [
      { kind: 'new', item: 0 },
      { kind: 'new', item: 1 },
    ],
  },
  {
    rule: 'an empty fingerprint (a title and lead too short or generic to identify a story) merges nothing',
    items: [item('post', 'a', { title: 'Live updates', fingerprint: '', canonicalLink: null }), item('wire', 'b', { title: 'Live updates', fingerprint: '', canonicalLink: null })],
    stored: [{}, {}],
    intents: [
      { kind: 'new', item: 0 },
      { kind: 'new', item: 1 },
    ],
  },
  {
    rule: 'within a batch, an earlier new item is the link match of a later one, and its story the later one’s',
    items: [item('post', 'a', { canonicalLink: 'https://x.example/1' }), item('brief', 'b', { canonicalLink: 'https://x.example/1' })],
    stored: [{}, {}],
    intents: [
      { kind: 'new', item: 0 },
      { kind: 'join', item: 1, story: { startedBy: 0 }, because: { rule: 'link', matched: { batch: 0 }, score: null } },
    ],
  },
  {
    rule: 'within a batch, an earlier new item is the fingerprint match of a later one',
    items: [item('post', 'a', { fingerprint: 'fp-same' }), item('post', 'b', { fingerprint: 'fp-same' })],
    stored: [{}, {}],
    intents: [
      { kind: 'new', item: 0 },
      { kind: 'join', item: 1, story: { startedBy: 0 }, because: { rule: 'fingerprint', matched: { batch: 0 }, score: null } },
    ],
  },
  {
    rule: 'a stored match comes before one the batch inserted (the lowest row id wins)',
    items: [item('post', 'a', { canonicalLink: 'https://x.example/1' }), item('post', 'b', { canonicalLink: 'https://x.example/1' })],
    stored: [{ linkMatches: [{ id: 4, storyId: 2, sourceId: 'wire', link: 'https://wire.example/story' }] }, { linkMatches: [{ id: 4, storyId: 2, sourceId: 'wire', link: 'https://wire.example/story' }] }],
    intents: [
      { kind: 'join', item: 0, story: { stored: 2 }, because: { rule: 'link', matched: { stored: 4 }, score: null } },
      { kind: 'join', item: 1, story: { stored: 2 }, because: { rule: 'link', matched: { stored: 4 }, score: null } },
    ],
  },
  {
    rule: 'a stored item this batch rewrote is matched by its new link, not its old one',
    items: [item('post', 'a', { contentHash: 'edited', canonicalLink: 'https://x.example/new' }), item('brief', 'b', { canonicalLink: 'https://x.example/new' })],
    stored: [{ own: { ...own(7, 3, 'before'), canonicalLink: 'https://x.example/old' } }, {}],
    intents: [
      { kind: 'update', item: 0, row: { stored: 7 }, story: { stored: 3 } },
      { kind: 'join', item: 1, story: { stored: 3 }, because: { rule: 'link', matched: { stored: 7 }, score: null } },
    ],
  },
  {
    rule: 'a second copy of one identity in a batch is the first one: unchanged, or an update of its row',
    items: [item('post', 'a', { contentHash: 'one' }), item('post', 'a', { contentHash: 'one' }), item('post', 'a', { contentHash: 'two' })],
    stored: [{}, {}, {}],
    intents: [
      { kind: 'new', item: 0 },
      { kind: 'unchanged', item: 1 },
      { kind: 'update', item: 2, row: { batch: 0 }, story: { startedBy: 0 } },
    ],
  },
  {
    rule: 'an item no exact rule places joins the story of the best near-duplicate at or above the threshold',
    items: [item('post', 'a')],
    stored: [nearState([candidate(20, 8), candidate(21, 9)])],
    nearDuplicates: near({ 20: 0.5, 21: 0.9 }),
    intents: [{ kind: 'join', item: 0, story: { stored: 9 }, because: { rule: 'near-duplicate', matched: { stored: 21 }, score: 0.9 }, bands }],
  },
  {
    rule: 'a near-duplicate scoring below the threshold merges nothing',
    items: [item('post', 'a')],
    stored: [nearState([candidate(20, 8)])],
    nearDuplicates: near({ 20: 0.39 }),
    intents: [{ kind: 'new', item: 0, bands }],
  },
  {
    rule: 'an item never joins a story its own source already has an item in',
    items: [item('post', 'a')],
    stored: [nearState([candidate(20, 8, { storyHasSource: true })])],
    nearDuplicates: near({ 20: 0.95 }),
    intents: [{ kind: 'new', item: 0, bands }],
  },
  {
    rule: 'nor one an earlier item of its source joined in this batch',
    items: [item('post', 'a'), item('post', 'b')],
    stored: [nearState([candidate(20, 8)]), nearState([candidate(21, 8)])],
    nearDuplicates: near({ 20: 0.9, 21: 0.9 }),
    intents: [
      { kind: 'join', item: 0, story: { stored: 8 }, because: { rule: 'near-duplicate', matched: { stored: 20 }, score: 0.9 }, bands },
      { kind: 'new', item: 1, bands },
    ],
  },
  {
    rule: 'an item is never a near-duplicate of its own source',
    items: [item('post', 'a')],
    stored: [nearState([candidate(20, 8, { sourceId: 'post' })])],
    nearDuplicates: near({ 20: 0.95 }),
    intents: [{ kind: 'new', item: 0, bands }],
  },
  {
    rule: 'at most five candidates are verified, those sharing the most keys first',
    items: [item('post', 'a')],
    stored: [nearState([candidate(26, 6), ...[20, 21, 22, 23, 24].map((id) => candidate(id, id, { sharedKeys: KEYS.slice(0, 7) }))])],
    nearDuplicates: near({ 20: 0.5, 26: 0.99 }),
    // 26 shares all eight keys and is verified first; had it shared fewest, it would be the sixth.
    intents: [{ kind: 'join', item: 0, story: { stored: 6 }, because: { rule: 'near-duplicate', matched: { stored: 26 }, score: 0.99 }, bands }],
  },
  {
    rule: 'a sixth candidate is never verified',
    items: [item('post', 'a')],
    stored: [nearState([...[20, 21, 22, 23, 24].map((id) => candidate(id, id)), candidate(26, 6, { sharedKeys: KEYS.slice(0, 7) })])],
    nearDuplicates: near({ 26: 0.99 }),
    intents: [{ kind: 'new', item: 0, bands }],
  },
  {
    rule: 'a candidate must share two keys that are not crowded (more than 64 items in the window)',
    items: [item('post', 'a')],
    stored: [nearState([candidate(20, 8, { sharedKeys: [11, 12] })], [64, 65, 1, 1, 1, 1, 1, 1])],
    nearDuplicates: near({ 20: 0.9 }),
    intents: [{ kind: 'new', item: 0, bands }],
  },
  {
    rule: 'keys an earlier item of the batch indexed count toward a crowded key',
    items: [item('post', 'a'), item('brief', 'b')],
    stored: [{}, nearState([candidate(20, 8, { sharedKeys: [11, 12] })], [64, 1, 1, 1, 1, 1, 1, 1])],
    nearDuplicates: near({ 20: 0.9 }),
    intents: [
      { kind: 'new', item: 0, bands },
      { kind: 'new', item: 1, bands },
    ],
  },
  {
    rule: 'an item joined by fingerprint adds no keys of its own',
    items: [item('post', 'a')],
    stored: [{ fingerprintMatch: { id: 5, storyId: 9 } }],
    nearDuplicates: near({}),
    intents: [{ kind: 'join', item: 0, story: { stored: 9 }, because: { rule: 'fingerprint', matched: { stored: 5 }, score: null } }],
  },
];

describe('decide: README "How duplicates are recognised", one row per rule', () => {
  it.each(rows)('$rule', (row) => {
    const input = { items: row.items, now: NOW, nearDuplicates: row.nearDuplicates };
    expect(decide(input, state(row.stored)).intents).toEqual(row.intents);
  });

  it('counts what it decided as fetch reports it', () => {
    const items = [item('a', '1', { contentHash: 'same' }), item('a', '2', { contentHash: 'new' }), item('a', '3'), item('a', '4'), item('a', '5')];
    const stored: ItemState[] = [{ own: own(1, 1, 'same') }, { own: own(2, 2, 'old') }, { tombstoned: true }, { linkMatches: [{ id: 9, storyId: 9, sourceId: 'wire', link: 'https://wire.example/story' }] }, {}];
    expect(decide({ items, now: NOW }, state(stored)).counts).toEqual({ new: 1, updated: 1, duplicate: 1, unchanged: 1, tombstoned: 1 });
  });
});

describe('describeLookup', () => {
  it('asks for links and fingerprints only where they identify a story, and for keys in the window', () => {
    const lookup = describeLookup(
      { items: [item('post', 'a', { canonicalLink: 'https://site.example/', title: '' })], now: NOW, nearDuplicates: near({}, [KEYS]) },
      { sourceId: 'post', count: 20 },
    );
    expect(lookup).toEqual({
      items: [{ sourceId: 'post', identityKey: 'guid:a', contentHash: 'hash-a', storyLink: null, storyFingerprint: null, bands: { keys: KEYS, from: AT - 4320, to: AT + 4320, minShared: 2 } }],
      crowdedAbove: 64,
      linkMatches: 16,
      recentItems: { sourceId: 'post', count: 20 },
    });
  });
});
