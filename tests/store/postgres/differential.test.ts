import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeCorpus } from '../../../bench/lib/corpus-dir.js';
import { openPostgresStore, openStore, type Store } from '../../../src/store/index.js';
import { readRepoFile, repoRoot, runTopicwire } from '../../support/cli.js';
import { createTestDatabase, describePostgres } from '../../support/postgres.js';

/**
 * The same corpus, ingested by the same commands into SQLite and into
 * PostgreSQL, must come out the same: the stories (which items, in which
 * order, joined by which rule), every item's stored fields, the topic
 * memberships, and the published feeds byte for byte. The corpus is the
 * sample feeds (the seed article carried by several outlets, word for word
 * and rewritten, in three languages and two legacy charsets), the dedup
 * fixtures (headline-only feeds), and a generated corpus with copies under
 * tracked links and under links of their own; it is fetched twice, the
 * second time with changed feeds, then a story is split and two joined.
 * Three alerts queue deliveries as stories enter their topics; sending
 * them all from each store carries the same stories. Event clustering is on
 * (the default): reports of one event in other words join by their evidence.
 */
describePostgres('PostgreSQL and SQLite: one corpus, the same stories, topics and feeds', () => {
  let dir: string;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const configs = { sqlite: '', postgres: '' };
  const corpus = { seed: 17, feeds: 24, items: 20 };

  function writeConfig(kind: 'sqlite' | 'postgres', url: string): string {
    const config = JSON.parse(readRepoFile('config.json')) as Record<string, unknown> & { sources: { id: string; title?: string; url: string }[] };
    config.database = kind === 'sqlite' ? path.join(dir, 'topicwire.db') : url;
    config.output = { dir: path.join(dir, `public-${kind}`), items: 200 };
    config.server = { host: '127.0.0.1', port: 0, publicUrl: 'http://localhost:8080' };
    for (const source of config.sources) source.url = path.join(repoRoot, source.url);
    for (const name of ['caucasus-review.xml', 'headline-only-daily-progress.xml', 'headline-only-news-virginian.xml']) {
      config.sources.push({ id: name.replace(/\.xml$/, ''), url: path.join(repoRoot, 'tests/fixtures/dedup', name) });
    }
    for (let feed = 0; feed < corpus.feeds; feed += 1) {
      const name = readdirSync(path.join(dir, 'corpus')).find((f) => f.startsWith(`feed-${String(feed).padStart(4, '0')}.`));
      config.sources.push({ id: `gen-${feed}`, title: `Site ${feed}`, url: path.join(dir, 'corpus', name ?? '') });
    }
    // Alerts queue their deliveries in the writes that file stories (nothing is sent by fetch).
    // One topic ordered by coverage: its feed is sorted by how many outlets carried each story.
    const topics = config.topics as { id: string; order?: string }[];
    for (const topic of topics) if (topic.id === 'caucasus') topic.order = 'coverage';
    config.alerts = [
      { id: 'nato-now', type: 'webhook', url: 'http://127.0.0.1:9/hook', topics: ['nato'], backfill: true },
      { id: 'caucasus-two', type: 'webhook', url: 'http://127.0.0.1:9/hook', topics: ['caucasus'], minOutlets: 2 },
      { id: 'energy-quiet', type: 'ntfy', url: 'http://127.0.0.1:9/energy', topics: ['energy'] },
    ];
    const file = path.join(dir, `config-${kind}.json`);
    writeFileSync(file, JSON.stringify(config, null, 2));
    return file;
  }

  /** Runs a command on both backends, at the same clock. */
  async function both(args: string[], now: Date): Promise<void> {
    for (const config of [configs.sqlite, configs.postgres]) {
      const run = await runTopicwire([...args, '--config', config], { now });
      expect(run.err, `${args.join(' ')} on ${config}`).toBe('');
      expect(run.code).toBe(0);
    }
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'topicwire-diff-'));
    database = await createTestDatabase();
    writeCorpus(path.join(dir, 'corpus'), corpus);
    configs.sqlite = writeConfig('sqlite', '');
    configs.postgres = writeConfig('postgres', database.url);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await database.drop();
  });

  /** What a user sees of a store, without its row ids, which each database numbers its own way. */
  async function describeStore(store: Store): Promise<unknown> {
    const items = [];
    for await (const item of store.topics.iterateItems()) items.push(item);
    const keyOf = new Map(items.map((item) => [item.id, `${item.sourceId}/${item.identityKey}`]));
    const stories = new Map<number, string[]>();
    for (const item of items) stories.set(item.storyId, [...(stories.get(item.storyId) ?? []), keyOf.get(item.id) ?? '']);
    const uids = new Map<string, string[]>();
    for (const storyId of stories.keys()) {
      const story = await store.stories.readStory(storyId);
      if (story) uids.set(story.uid, [story.face, ...story.others].map((i) => keyOf.get(i.id) ?? ''));
    }
    const topics: Record<string, string[]> = {};
    const listed: Record<string, string[]> = { '': (await store.stories.listStories({ limit: 40 })).map((s) => s.uid) };
    for (const topic of (await store.topics.getSignatures()).keys()) {
      topics[topic] = (await store.stories.listTopicStories(topic, 10_000)).map((s) => s.uid);
      listed[topic] = (await store.stories.listStories({ topicId: topic, limit: 40 })).map((s) => s.uid);
    }
    const sources = (await store.sources.listSources()).map(({ id, status, itemCount, nextDueAt, validators, hints, warnings }) => ({ id, status, itemCount, nextDueAt, validators, hints, warnings }));
    return {
      items: items
        .map(({ id, mergedWith, ...fields }) => ({ ...fields, storyId: undefined, key: keyOf.get(id), story: [...uids].find(([, members]) => members.includes(keyOf.get(id) ?? ''))?.[0], mergedWith: mergedWith === null ? null : keyOf.get(mergedWith) }))
        .sort((a, b) => String(a.key).localeCompare(String(b.key))),
      stories: Object.fromEntries([...uids].sort(([a], [b]) => a.localeCompare(b))),
      topics,
      listed,
      sources,
      alerts: await store.alerts.summarizeAlerts(),
      counts: await store.stories.countAll(),
    };
  }

  async function compareStores(): Promise<{ items: unknown[]; stories: Record<string, string[]> }> {
    const sqlite = openStore(path.join(dir, 'topicwire.db'));
    const postgres = await openPostgresStore({ url: database.url, shown: database.name });
    try {
      const [a, b] = [await describeStore(sqlite), await describeStore(postgres)];
      expect(b).toEqual(a);
      return a as { items: unknown[]; stories: Record<string, string[]> };
    } finally {
      sqlite.close();
      await postgres.close();
    }
  }

  /**
   * Sends every due alert delivery of a store, as a sender does (claim with a
   * lease, then finish it sent), and says what each carried: the alert, its
   * key, and its stories by uid.
   */
  async function drainOutbox(store: Store, now: Date): Promise<string[]> {
    const sent: string[] = [];
    const at = now.toISOString();
    for (;;) {
      const claim = await store.alerts.claimDelivery({ owner: 'diff', now: at, leaseUntil: new Date(now.getTime() + 60_000).toISOString(), alertIds: ['nato-now', 'caucasus-two', 'energy-quiet'] });
      if (claim === undefined) break;
      const uids = await Promise.all(claim.storyIds.map(async (id) => (await store.stories.readStory(id))?.uid));
      sent.push(`${claim.alertId} ${claim.kind} ${claim.key} ${uids.join(',')}`);
      expect(await store.alerts.finishDelivery({ id: claim.id, owner: 'diff', at, outcome: 'sent', status: '200' })).toBe(true);
    }
    return sent.sort();
  }

  function readTree(root: string): Map<string, Buffer> {
    const files = new Map<string, Buffer>();
    const walk = (at: string): void => {
      for (const name of readdirSync(at)) {
        const full = path.join(at, name);
        if (statSync(full).isDirectory()) walk(full);
        else files.set(path.relative(root, full), readFileSync(full));
      }
    };
    walk(root);
    return files;
  }

  function compareOutput(): Map<string, Buffer> {
    const sqlite = readTree(path.join(dir, 'public-sqlite'));
    const postgres = readTree(path.join(dir, 'public-postgres'));
    expect([...postgres.keys()].sort()).toEqual([...sqlite.keys()].sort());
    for (const [name, bytes] of sqlite) expect(postgres.get(name)?.equals(bytes), `${name} differs`).toBe(true);
    return sqlite;
  }

  it('stores the same stories and items, files them under the same topics, publishes the same bytes', async () => {
    await both(['fetch'], new Date('2026-05-01T08:00:00.000Z'));
    const first = await compareStores();
    // Alerts fired and queued their deliveries the same way on both.
    expect((first as unknown as { alerts: { pending: number }[] }).alerts.some((a) => a.pending > 0)).toBe(true);
    // Event clustering ran on both, the same way: reports of one event by other outlets, in other words, joined by their evidence.
    const items = first.items as { mergeReason: string | null; eventFeatures: string | null }[];
    expect(items.filter((item) => item.mergeReason === 'event').length).toBeGreaterThan(0);
    expect(items.filter((item) => item.eventFeatures !== null).length).toBeGreaterThan(items.length / 2);
    // The corpus is worth comparing on: copies joined by link and by text, from many sources.
    const joined = Object.values(first.stories).filter((members) => new Set(members.map((m) => m.split('/')[0])).size > 1);
    expect(joined.length).toBeGreaterThan(20);
    await both(['build'], new Date('2026-05-01T08:05:00.000Z'));
    const files = compareOutput();
    // The seed article, carried by several outlets, is one entry in nato and in caucasus.
    for (const topic of ['nato', 'caucasus']) {
      const atom = files.get(`topics/${topic}.atom`)?.toString('utf8') ?? '';
      expect(atom.match(/<title[^>]*>[^<]*South Caucasus[^<]*<\/title>/gi)?.length ?? 0, topic).toBeGreaterThan(0);
    }
  });

  it('stays the same after the feeds change (updates, new items, unchanged ones) and after a split and a join', async () => {
    writeCorpus(path.join(dir, 'corpus'), { ...corpus, changedEvery: 3, fresh: 5 });
    await both(['fetch'], new Date('2026-05-01T09:00:00.000Z'));
    const state = await compareStores();
    const shared = Object.entries(state.stories).find(([, members]) => members.length >= 3);
    expect(shared).toBeDefined();
    // Split the second item off its story, then join the third to it, on both: ids differ, so items are found by key.
    const [, second = '', third = ''] = shared?.[1] ?? [];
    for (const config of [configs.sqlite, configs.postgres]) {
      const store = config === configs.sqlite ? openStore(path.join(dir, 'topicwire.db')) : await openPostgresStore({ url: database.url, shown: database.name });
      try {
        const ids = new Map<string, number>();
        for await (const item of store.topics.iterateItems()) ids.set(`${item.sourceId}/${item.identityKey}`, item.id);
        const at = { now: new Date('2026-05-01T09:10:00.000Z') };
        const split = await runTopicwire(['stories', 'split', String(ids.get(second)), '--config', config], at);
        expect(split.code, split.err).toBe(0);
        const join = await runTopicwire(['stories', 'join', String(ids.get(third)), String(ids.get(second)), '--config', config], at);
        expect(join.code, join.err).toBe(0);
      } finally {
        await store.close();
      }
    }
    const edited = await compareStores();
    expect(Object.values(edited.stories).some((members) => members.includes(second) && members.includes(third))).toBe(true);
    await both(['build'], new Date('2026-05-01T09:15:00.000Z'));
    compareOutput();
  });

  it('sends the same alert deliveries, each once, carrying the same stories', async () => {
    const now = new Date('2026-05-01T09:20:00.000Z');
    const sqlite = openStore(path.join(dir, 'topicwire.db'));
    const postgres = await openPostgresStore({ url: database.url, shown: database.name });
    try {
      const sent = await drainOutbox(sqlite, now);
      expect(sent.length).toBeGreaterThan(2);
      expect(new Set(sent.map((line) => line.split(' ')[0])).size).toBeGreaterThan(1);
      expect(await drainOutbox(postgres, now)).toEqual(sent);
      // Nothing is left to send, and both record the same.
      expect(await drainOutbox(postgres, now)).toEqual([]);
      expect(await postgres.alerts.summarizeAlerts()).toEqual(sqlite.alerts.summarizeAlerts());
    } finally {
      sqlite.close();
      await postgres.close();
    }
  });
});
