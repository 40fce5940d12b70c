import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { NormalizedItem } from '../../../src/model.js';
import { openPostgresStore, type Store } from '../../../src/store/index.js';
import { createEventMatcher, createNearDuplicateMatcher } from '../../../src/cluster/index.js';
import { findEquivalences } from '../../../src/topics/index.js';
import { ingestBatch } from '../../../src/update/ingest-batch.js';
import { makePeskovReports, NATO_NAMES } from '../../support/event-reports.js';
import { makeItem } from '../../support/items.js';
import { createTestDatabase, describePostgres } from '../../support/postgres.js';

const now = new Date('2024-03-20T00:00:00Z');
const none = () => [];

/**
 * Two workers (two stores, two pools) storing batches at the same moment. A
 * barrier holds each worker's write until both have read, so both decide on
 * the same state, as when two machines store copies of one story at once.
 */
describePostgres('PostgreSQL: two workers storing at once', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let one: Store;
  let two: Store;

  beforeAll(async () => {
    database = await createTestDatabase();
    const target = { url: database.url, shown: database.name };
    one = await openPostgresStore(target, { worker: 'one' });
    two = await openPostgresStore(target, { worker: 'two' });
    await one.sources.syncSources(['a', 'b', 'c', 'd'].map((id) => ({ id, url: `${id}.xml`, title: id.toUpperCase() })));
  });
  afterAll(async () => {
    await one.close();
    await two.close();
    await database.drop();
  });
  beforeEach(async () => {
    await one.retention.prune({ now, expiredBefore: new Date('2100-01-01'), keepPerTopic: 0, forgetTombstonesBefore: new Date('2100-01-01') });
  });

  /** Both stores load before either applies; returns how often each had to decide again. */
  function raced(stores: readonly Store[]): { stores: Store[]; refusals: number[] } {
    let loaded = 0;
    let release: () => void = () => undefined;
    const bothLoaded = new Promise<void>((resolve) => (release = resolve));
    const refusals = stores.map(() => 0);
    const wrapped = stores.map((store, n): Store => ({
      ...store,
      loadBatch: async (lookup) => {
        const state = await store.loadBatch(lookup);
        loaded += 1;
        if (loaded === stores.length) release();
        return state;
      },
      applyBatch: async (write) => {
        await bothLoaded;
        const applied = await store.applyBatch(write);
        if (!applied) refusals[n] = (refusals[n] ?? 0) + 1;
        return applied;
      },
    }));
    return { stores: wrapped, refusals };
  }

  async function storiesOf(store: Store): Promise<string[][]> {
    const stories = new Map<number, string[]>();
    for await (const item of store.topics.iterateItems()) stories.set(item.storyId, [...(stories.get(item.storyId) ?? []), `${item.sourceId}:${item.mergeReason ?? 'face'}`]);
    return [...stories.values()].map((s) => s.sort()).sort();
  }

  it.each([
    ['the same link', (source: string) => makeItem({ sourceId: source, title: `Copy at ${source}`, link: 'https://news.example/a/1', canonicalLink: 'https://news.example/a/1', guid: `${source}-1` }), 'link'],
    ['the same text under links of their own', (source: string) => makeItem({ sourceId: source, title: 'Kremlin: NATO will not bring stability to the Caucasus', link: `https://${source}.example/x`, canonicalLink: `https://${source}.example/x`, guid: `${source}-2` }), 'fingerprint'],
  ] as const)('puts copies with %s into one story: one write wins, the other is decided again and joins it', async (_what, copyAt, rule) => {
    const { stores, refusals } = raced([one, two]);
    const [first, second] = stores as [Store, Store];
    const counts = await Promise.all([ingestBatch(first, [copyAt('a')], { now, classify: none }), ingestBatch(second, [copyAt('b')], { now, classify: none })]);
    expect(counts.map((c) => c.new).sort()).toEqual([0, 1]);
    expect(counts.map((c) => c.duplicate).sort()).toEqual([0, 1]);
    expect(refusals.sort()).toEqual([0, 1]);
    const stories = await storiesOf(one);
    expect(stories).toHaveLength(1);
    expect(stories[0]?.map((s) => s.split(':')[1]).sort()).toEqual(['face', rule]);
  });

  it('puts a retitled, cut-off copy into the story of the one the other worker stored at the same moment (near-duplicate)', async () => {
    const lead = 'Armenia and Azerbaijan began marking their border on Tuesday, placing the first concrete posts along a stretch between the Armenian region of Tavush and the Azerbaijani district of Gazakh, after years of dispute over the line.';
    const rest = 'The deal returns four abandoned villages to Azerbaijan. Residents of nearby Armenian villages have protested, fearing they will be cut off from roads and farmland.';
    const nearDuplicates = createNearDuplicateMatcher({ threshold: 0.4, windowHours: 72 });
    const story = (source: string, text: string): NormalizedItem =>
      makeItem({ sourceId: source, title: `${source} headline`, guid: `${source}-near`, link: `https://${source}.example/near`, canonicalLink: `https://${source}.example/near`, contentHtml: `<p>${text}</p>` });
    const { stores, refusals } = raced([one, two]);
    const [first, second] = stores as [Store, Store];
    await Promise.all([
      ingestBatch(first, [story('a', `${lead} ${rest}`)], { now, classify: none, nearDuplicates }),
      ingestBatch(second, [story('b', lead)], { now, classify: none, nearDuplicates }),
    ]);
    expect(refusals.sort()).toEqual([0, 1]);
    const stories = await storiesOf(one);
    expect(stories).toHaveLength(1);
    expect(stories[0]?.map((s) => s.split(':')[1]).sort()).toEqual(['face', 'near-duplicate']);
  });

  it('puts another outlet’s report of the event, in another language, into the story the other worker stored at the same moment (event)', async () => {
    const events = createEventMatcher({ threshold: 0.2, windowHours: 48, equivalences: findEquivalences(NATO_NAMES) });
    const { english, russian } = makePeskovReports({
      english: { sourceId: 'a', publishedAt: '2024-03-19T10:24:00.000Z' },
      russian: { sourceId: 'b', publishedAt: '2024-03-19T12:00:00.000Z' },
    });
    const { stores, refusals } = raced([one, two]);
    const [first, second] = stores as [Store, Store];
    await Promise.all([ingestBatch(first, [english], { now, classify: none, events }), ingestBatch(second, [russian], { now, classify: none, events })]);
    expect(refusals.sort()).toEqual([0, 1]);
    const stories = await storiesOf(one);
    expect(stories).toHaveLength(1);
    expect(stories[0]?.map((s) => s.split(':')[1]).sort()).toEqual(['event', 'face']);
  });

  it('never refuses a worker whose batch shares nothing with what the other wrote', async () => {
    const { stores, refusals } = raced([one, two]);
    const [first, second] = stores as [Store, Store];
    const batch = (source: string): NormalizedItem[] =>
      Array.from({ length: 20 }, (_, i) => makeItem({ sourceId: source, title: `${source} story ${i}`, link: `https://${source}.example/${i}`, canonicalLink: `https://${source}.example/${i}`, guid: `${source}-${i}` }));
    await Promise.all([ingestBatch(first, batch('c'), { now, classify: none }), ingestBatch(second, batch('d'), { now, classify: none })]);
    expect(refusals).toEqual([0, 0]);
    expect(await one.stories.countAll()).toEqual({ items: 40, stories: 40 });
  });
});
