import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertRule } from '../../src/alerts/index.js';
import type { NormalizedItem } from '../../src/model.js';
import { openPostgresStore, type Store } from '../../src/store/index.js';
import { ingestBatch } from '../../src/update/ingest-batch.js';
import { makeItem, makeTempDir } from '../support/items.js';
import { describePostgres, openEmptyPostgresStore, usePostgresDatabase } from '../support/postgres.js';
import { openStoreWithSql } from '../support/sql.js';

/** A store, and a raw read of its rows the Store contract does not show. */
interface Opened {
  store: Store;
  rows<T>(query: string): Promise<T[]>;
  /** One count(*) AS n query. */
  count(query: string): Promise<number>;
  /** Another store on the same database, as another worker's sender has. */
  another(): Promise<Store>;
  close(): Promise<void>;
}

const now = new Date('2024-03-19T10:00:00Z');
const iso = (offsetMs = 0): string => new Date(now.getTime() + offsetMs).toISOString();

/** The same tests on each backend: SQLite always, PostgreSQL where its test cluster runs. */
function describeOutbox(backend: string, open: () => Promise<Opened>): void {
  let db: Opened;
  let store: Store;

  beforeEach(async () => {
    db = await open();
    store = db.store;
    await store.sources.syncSources(['rt', 'rt-russia', 'digest', 'eurasia'].map((id) => ({ id, url: `https://${id}.example/feed`, title: id, canonicalUrl: `https://${id}.example/feed` })));
  });
  afterEach(() => db.close());

  /** The seed as each outlet carries it: one link, so every copy joins the first one's story. */
  const seed = (sourceId: string): NormalizedItem =>
    makeItem({ sourceId, title: 'NATO will not bring stability to the Caucasus – Kremlin', guid: `${sourceId}-seed`, link: 'https://www.rt.com/news/594107/', canonicalLink: 'https://www.rt.com/news/594107/' });
  const other = (sourceId: string, n: number): NormalizedItem => makeItem({ sourceId, title: `Baku and Yerevan talk border ${n}`, guid: `${sourceId}-${n}` });
  const topicsOf = (item: NormalizedItem): string[] => [...(/nato/i.test(item.title) ? ['nato', 'caucasus'] : []), ...(/baku/i.test(item.title) ? ['caucasus'] : [])];

  async function ingest(items: NormalizedItem[], alerts: readonly AlertRule[]): Promise<void> {
    await ingestBatch(store, items, { now, classify: topicsOf, alerts });
  }
  const deliveries = (): Promise<{ alert_id: string; key: string; status: string }[]> => db.rows('SELECT alert_id, key, status FROM alert_deliveries ORDER BY id');

  const hook: AlertRule = { id: 'nato-hook', topics: ['nato'], minOutlets: 1, mode: 'send' };
  const both: AlertRule = { id: 'both', topics: ['caucasus', 'nato'], minOutlets: 1, mode: 'send' };
  const phone: AlertRule = { id: 'phone', topics: ['caucasus'], minOutlets: 3, mode: 'send' };

  describe(`${backend}: the outbox, written by the batch that files a story`, () => {
    it('queues one delivery per alert and story: never again for later copies, once for a story in two topics', async () => {
      await ingest([seed('rt')], [hook, both]);
      expect((await deliveries()).map((d) => d.alert_id)).toEqual(['nato-hook', 'both']);
      await ingest([seed('rt-russia')], [hook, both]);
      await ingest([seed('digest'), seed('eurasia')], [hook, both]);
      expect(await deliveries()).toHaveLength(2);
      expect(await db.count('SELECT count(*) AS n FROM items')).toBe(4);
      expect((await deliveries())[0]?.key).toMatch(/^urn:topicwire:alert:nato-hook:story:[0-9a-f]{32}$/);
    });

    it('with minOutlets, fires when the Nth distinct source reports the story', async () => {
      await ingest([seed('rt'), other('rt', 1)], [phone]);
      await ingest([seed('rt-russia'), other('rt-russia', 2)], [phone]);
      expect(await deliveries()).toEqual([]);
      await ingest([seed('digest')], [phone]);
      expect(await deliveries()).toHaveLength(1);
      await ingest([seed('eurasia')], [phone]);
      expect(await deliveries()).toHaveLength(1);
    });

    it('an alert in its first cycle records without sending, so a later copy sends nothing either', async () => {
      await ingest([seed('rt')], [{ ...hook, mode: 'record' }]);
      expect(await deliveries()).toEqual([]);
      await ingest([seed('digest'), other('digest', 3)], [hook]);
      expect(await deliveries()).toEqual([]);
      expect(await db.count("SELECT count(*) AS n FROM alert_stories WHERE alert_id = 'nato-hook'")).toBe(1);
    });

    it('a refused batch (another writer committed in between) queues nothing, and its retry queues once', async () => {
      const state = await store.loadBatch({ items: [], crowdedAbove: 100, linkMatches: 10 });
      await ingest([other('rt', 9)], []);
      const item = seed('rt');
      const applied = await store.applyBatch({ basedOn: state.version === '0' ? '-1' : `${state.version}x`, now: iso(), items: [item], intents: [{ kind: 'new', item: 0 }], topics: [['nato']], contentChanged: true, alerts: [hook] });
      expect(applied).toBe(false);
      expect(await deliveries()).toEqual([]);
    });
  });

  describe(`${backend}: claiming and finishing deliveries`, () => {
    const claim = (owner: string, atMs = 0, leaseMs = 30_000) => store.alerts.claimDelivery({ owner, now: iso(atMs), leaseUntil: iso(atMs + leaseMs), alertIds: ['nato-hook'] });

    it('one claim at a time: a lease keeps others off until it lapses, and only the owner finishes', async () => {
      await ingest([seed('rt')], [hook]);
      const first = await claim('a');
      expect(first).toMatchObject({ alertId: 'nato-hook', kind: 'story', attempts: 1 });
      expect(first?.storyIds).toHaveLength(1);
      expect(await claim('b', 1000)).toBeUndefined();
      expect(await store.alerts.nextDueAt(['nato-hook'])).toBe(iso(30_000));
      // a dies; its lease lapses and b claims the same delivery, with the same key.
      const again = await claim('b', 31_000);
      expect(again).toMatchObject({ id: first?.id, key: first?.key, attempts: 2 });
      expect(await store.alerts.finishDelivery({ id: first?.id ?? 0, owner: 'a', at: iso(32_000), outcome: 'sent', status: 'HTTP 200' })).toBe(false);
      expect(await store.alerts.finishDelivery({ id: again?.id ?? 0, owner: 'b', at: iso(32_000), outcome: 'sent', status: 'HTTP 200' })).toBe(true);
      expect(await claim('c', 60_000)).toBeUndefined();
      expect(await store.alerts.summarizeAlerts()).toEqual([]);
    });

    it('two senders claiming at once never take the same delivery, and take them all between them', async () => {
      await ingest([seed('rt'), other('rt', 1), other('rt', 2), makeItem({ sourceId: 'rt', title: 'NATO drills in the Baltic', guid: 'drill' })], [both]);
      const queued = (await deliveries()).length;
      expect(queued).toBe(4);
      const second = await db.another();
      try {
        const take = (s: Store, owner: string) => s.alerts.claimDelivery({ owner, now: iso(), leaseUntil: iso(30_000), alertIds: ['both'] });
        const claims = await Promise.all([take(store, 'a'), take(second, 'b'), take(store, 'a'), take(second, 'b'), take(store, 'a'), take(second, 'b')]);
        const ids = claims.flatMap((c) => (c === undefined ? [] : [c.id]));
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).toHaveLength(queued);
      } finally {
        await second.close();
      }
    });

    it('a retry is due when planned; a failure is final; the summary counts both', async () => {
      await store.alerts.syncAlerts([{ id: 'nato-hook', signature: 's' }], iso());
      await ingest([seed('rt'), makeItem({ sourceId: 'rt', title: 'NATO drills in the Baltic', guid: 'drill' })], [hook]);
      const a = await claim('a');
      await store.alerts.finishDelivery({ id: a?.id ?? 0, owner: 'a', at: iso(), outcome: 'retry', error: 'HTTP 503', dueAt: iso(60_000) });
      const b = await claim('a');
      expect(b?.id).not.toBe(a?.id);
      await store.alerts.finishDelivery({ id: b?.id ?? 0, owner: 'a', at: iso(1000), outcome: 'failed', error: 'HTTP 404 Not Found' });
      expect(await claim('a', 30_000)).toBeUndefined();
      expect(await store.alerts.nextDueAt(['nato-hook'])).toBe(iso(60_000));
      expect((await claim('a', 60_000))?.id).toBe(a?.id);
      expect(await store.alerts.summarizeAlerts()).toEqual([
        { alertId: 'nato-hook', armedAt: null, pending: 1, sent: 0, failed: 1, waiting: 0, last: { at: iso(60_000), status: 'pending', outcome: null, error: 'HTTP 503' } },
      ]);
    });
  });

  describe(`${backend}: digests`, () => {
    const morning: AlertRule = { id: 'morning', topics: ['caucasus', 'nato'], minOutlets: 1, mode: 'digest' };
    it('stories wait for the period to end; closing makes one delivery of them all; an empty period makes none', async () => {
      await store.alerts.syncAlerts([{ id: 'morning', signature: 's' }], iso());
      await ingest([seed('rt'), other('rt', 1)], [morning]);
      await ingest([seed('digest'), other('digest', 2)], [morning]);
      expect((await store.alerts.summarizeAlerts())[0]).toMatchObject({ waiting: 3, pending: 0 });
      expect(await store.alerts.closeDigest({ alertId: 'morning', key: 'urn:topicwire:alert:morning:digest:20240320T070000Z', now: iso() })).toBe(3);
      expect(await store.alerts.closeDigest({ alertId: 'morning', key: 'urn:topicwire:alert:morning:digest:20240321T070000Z', now: iso() })).toBe(0);
      const digest = await store.alerts.claimDelivery({ owner: 'a', now: iso(), leaseUntil: iso(30_000), alertIds: ['morning'] });
      expect(digest).toMatchObject({ kind: 'digest', key: 'urn:topicwire:alert:morning:digest:20240320T070000Z' });
      expect(digest?.storyIds).toHaveLength(3);
    });
  });

  describe(`${backend}: knowing the configured alerts`, () => {
    it('a new or changed alert has a first cycle to come; arming records what is in its topics; a removed one is forgotten', async () => {
      expect(await store.alerts.syncAlerts([{ id: 'nato-hook', signature: 'nato|1' }], iso())).toEqual(['nato-hook']);
      await ingest([seed('rt')], [{ ...hook, mode: 'record' }]);
      await ingest([makeItem({ sourceId: 'rt', title: 'NATO drills in the Baltic', guid: 'drill' })], []);
      expect(await store.alerts.armAlerts([{ ...hook, mode: 'record' }], iso())).toBe(1);
      expect(await store.alerts.syncAlerts([{ id: 'nato-hook', signature: 'nato|1' }], iso())).toEqual([]);
      await ingest([seed('digest')], [hook]);
      expect(await deliveries()).toEqual([]);
      await ingest([makeItem({ sourceId: 'digest', title: 'NATO summit opens', guid: 'summit' })], [hook]);
      expect(await deliveries()).toHaveLength(1);
      expect(await store.alerts.syncAlerts([{ id: 'nato-hook', signature: 'nato|2' }], iso())).toEqual(['nato-hook']);
      expect(await store.alerts.syncAlerts([], iso(5000))).toEqual([]);
      expect(await deliveries()).toMatchObject([{ status: 'failed' }]);
      expect(await db.count('SELECT count(*) AS n FROM alert_stories')).toBe(0);
    });

    it('a backfill sends what was in the topics before the alert existed', async () => {
      await ingest([seed('rt'), other('rt', 1)], []);
      await store.alerts.syncAlerts([{ id: 'both', signature: 's' }], iso());
      expect(await store.alerts.armAlerts([both], iso())).toBe(2);
      expect(await deliveries()).toHaveLength(2);
    });

    it('a topic re-match records the stories it files, in its transaction, sending nothing', async () => {
      await ingest([other('rt', 1)], []);
      const [itemId = { id: 0, story_id: 0 }] = await db.rows<{ id: number; story_id: number }>('SELECT id, story_id FROM items');
      await store.topics.rewrite({ replaced: [{ topicId: 'nato', signature: 'x', matches: [{ itemId: itemId.id, storyId: itemId.story_id }] }], removed: [], alerts: { rules: [{ ...hook, mode: 'record' }], now: iso() } });
      expect(await db.count("SELECT count(*) AS n FROM alert_stories WHERE alert_id = 'nato-hook'")).toBe(1);
      expect(await deliveries()).toEqual([]);
    });
  });
}

describe('SQLite', () => {
  describeOutbox('SQLite', async () => {
    const file = path.join(makeTempDir('tw-outbox-'), 'db.sqlite');
    const { store, sql } = openStoreWithSql(file);
    return {
      store,
      rows: async <T>(query: string) => sql.prepare(query).all() as T[],
      count: async (query) => (sql.prepare(query).get() as { n: number }).n,
      another: async () => openStoreWithSql(file).store,
      close: async () => store.close(),
    };
  });
});

describePostgres('PostgreSQL', () => {
  const database = usePostgresDatabase();
  describeOutbox('PostgreSQL', async () => {
    const opened = await openEmptyPostgresStore(database.url());
    return {
      ...opened,
      count: async (query) => Number((await opened.rows<{ n: number }>(query))[0]?.n),
      another: () => openPostgresStore({ url: database.url(), shown: 'test' }),
    };
  });
});
