import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AlertRule } from '../../src/alerts/index.js';
import type { NormalizedItem } from '../../src/model.js';
import type { Store } from '../../src/store/index.js';
import { ingestBatch } from '../../src/update/ingest-batch.js';
import { makeItem, makeTempDir } from '../support/items.js';
import { countRows, openStoreWithSql } from '../support/sql.js';
import type { Db } from '../../src/store/open-store.js';

let store: Store<'now'>;
let sql: Db;
const now = new Date('2024-03-19T10:00:00Z');
const iso = (offsetMs = 0): string => new Date(now.getTime() + offsetMs).toISOString();

beforeEach(() => {
  ({ store, sql } = openStoreWithSql(path.join(makeTempDir('tw-outbox-'), 'db.sqlite')));
  store.sources.syncSources(['rt', 'rt-russia', 'digest', 'eurasia'].map((id) => ({ id, url: `https://${id}.example/feed`, title: id, canonicalUrl: `https://${id}.example/feed` })));
});

/** The seed as each outlet carries it: one link, so every copy joins the first one's story. */
const seed = (sourceId: string): NormalizedItem =>
  makeItem({ sourceId, title: 'NATO will not bring stability to the Caucasus – Kremlin', guid: `${sourceId}-seed`, link: 'https://www.rt.com/news/594107/', canonicalLink: 'https://www.rt.com/news/594107/' });
const other = (sourceId: string, n: number): NormalizedItem => makeItem({ sourceId, title: `Baku and Yerevan talk border ${n}`, guid: `${sourceId}-${n}` });
const topicsOf = (item: NormalizedItem): string[] => [...(/nato/i.test(item.title) ? ['nato', 'caucasus'] : []), ...(/baku/i.test(item.title) ? ['caucasus'] : [])];

async function ingest(items: NormalizedItem[], alerts: readonly AlertRule[]): Promise<void> {
  await ingestBatch(store, items, { now, classify: topicsOf, alerts });
}
const deliveries = (): { alert_id: string; key: string; status: string }[] =>
  sql.prepare('SELECT alert_id, key, status FROM alert_deliveries ORDER BY id').all() as { alert_id: string; key: string; status: string }[];

const hook: AlertRule = { id: 'nato-hook', topics: ['nato'], minOutlets: 1, mode: 'send' };
const both: AlertRule = { id: 'both', topics: ['caucasus', 'nato'], minOutlets: 1, mode: 'send' };
const phone: AlertRule = { id: 'phone', topics: ['caucasus'], minOutlets: 3, mode: 'send' };

describe('the outbox, written by the batch that files a story', () => {
  it('queues one delivery per alert and story: never again for later copies, once for a story in two topics', async () => {
    await ingest([seed('rt')], [hook, both]);
    expect(deliveries().map((d) => d.alert_id)).toEqual(['nato-hook', 'both']);
    await ingest([seed('rt-russia')], [hook, both]);
    await ingest([seed('digest'), seed('eurasia')], [hook, both]);
    expect(deliveries()).toHaveLength(2);
    expect(countRows(sql, 'SELECT count(*) AS n FROM items')).toBe(4);
    expect(deliveries()[0]?.key).toMatch(/^urn:topicwire:alert:nato-hook:story:[0-9a-f]{32}$/);
  });

  it('with minOutlets, fires when the Nth distinct source reports the story', async () => {
    await ingest([seed('rt'), other('rt', 1)], [phone]);
    await ingest([seed('rt-russia'), other('rt-russia', 2)], [phone]);
    expect(deliveries()).toEqual([]);
    await ingest([seed('digest')], [phone]);
    expect(deliveries()).toHaveLength(1);
    await ingest([seed('eurasia')], [phone]);
    expect(deliveries()).toHaveLength(1);
  });

  it('an alert in its first cycle records without sending, so a later copy sends nothing either', async () => {
    await ingest([seed('rt')], [{ ...hook, mode: 'record' }]);
    expect(deliveries()).toEqual([]);
    await ingest([seed('digest'), other('digest', 3)], [hook]);
    expect(deliveries()).toEqual([]);
    expect(countRows(sql, "SELECT count(*) AS n FROM alert_stories WHERE alert_id = 'nato-hook'")).toBe(1);
  });

  it('a refused batch (another writer committed in between) queues nothing, and its retry queues once', async () => {
    const state = store.loadBatch({ items: [], crowdedAbove: 100, linkMatches: 10 });
    await ingest([other('rt', 9)], []);
    const item = seed('rt');
    const applied = store.applyBatch({ basedOn: state.version === '0' ? '-1' : `${state.version}x`, now: iso(), items: [item], intents: [{ kind: 'new', item: 0 }], topics: [['nato']], contentChanged: true, alerts: [hook] });
    expect(applied).toBe(false);
    expect(deliveries()).toEqual([]);
  });
});

describe('claiming and finishing deliveries', () => {
  const claim = (owner: string, atMs = 0, leaseMs = 30_000) => store.alerts.claimDelivery({ owner, now: iso(atMs), leaseUntil: iso(atMs + leaseMs), alertIds: ['nato-hook'] });

  it('one claim at a time: a lease keeps others off until it lapses, and only the owner finishes', async () => {
    await ingest([seed('rt')], [hook]);
    const first = claim('a');
    expect(first).toMatchObject({ alertId: 'nato-hook', kind: 'story', attempts: 1 });
    expect(first?.storyIds).toHaveLength(1);
    expect(claim('b', 1000)).toBeUndefined();
    expect(store.alerts.nextDueAt(['nato-hook'])).toBe(iso(30_000));
    // a dies; its lease lapses and b claims the same delivery, with the same key.
    const again = claim('b', 31_000);
    expect(again).toMatchObject({ id: first?.id, key: first?.key, attempts: 2 });
    expect(store.alerts.finishDelivery({ id: first?.id ?? 0, owner: 'a', at: iso(32_000), outcome: 'sent', status: 'HTTP 200' })).toBe(false);
    expect(store.alerts.finishDelivery({ id: again?.id ?? 0, owner: 'b', at: iso(32_000), outcome: 'sent', status: 'HTTP 200' })).toBe(true);
    expect(claim('c', 60_000)).toBeUndefined();
    expect(store.alerts.summarizeAlerts()).toEqual([]);
  });

  it('a retry is due when planned; a failure is final; the summary counts both', async () => {
    store.alerts.syncAlerts([{ id: 'nato-hook', signature: 's' }], iso());
    await ingest([seed('rt'), makeItem({ sourceId: 'rt', title: 'NATO drills in the Baltic', guid: 'drill' })], [hook]);
    const a = claim('a');
    store.alerts.finishDelivery({ id: a?.id ?? 0, owner: 'a', at: iso(), outcome: 'retry', error: 'HTTP 503', dueAt: iso(60_000) });
    const b = claim('a');
    expect(b?.id).not.toBe(a?.id);
    store.alerts.finishDelivery({ id: b?.id ?? 0, owner: 'a', at: iso(1000), outcome: 'failed', error: 'HTTP 404 Not Found' });
    expect(claim('a', 30_000)).toBeUndefined();
    expect(store.alerts.nextDueAt(['nato-hook'])).toBe(iso(60_000));
    expect(claim('a', 60_000)?.id).toBe(a?.id);
    expect(store.alerts.summarizeAlerts()).toEqual([
      { alertId: 'nato-hook', armedAt: null, pending: 1, sent: 0, failed: 1, waiting: 0, last: { at: iso(60_000), status: 'pending', outcome: null, error: 'HTTP 503' } },
    ]);
  });
});

describe('digests', () => {
  const morning: AlertRule = { id: 'morning', topics: ['caucasus', 'nato'], minOutlets: 1, mode: 'digest' };
  it('stories wait for the period to end; closing makes one delivery of them all; an empty period makes none', async () => {
    store.alerts.syncAlerts([{ id: 'morning', signature: 's' }], iso());
    await ingest([seed('rt'), other('rt', 1)], [morning]);
    await ingest([seed('digest'), other('digest', 2)], [morning]);
    expect(store.alerts.summarizeAlerts()[0]).toMatchObject({ waiting: 3, pending: 0 });
    expect(store.alerts.closeDigest({ alertId: 'morning', key: 'urn:topicwire:alert:morning:digest:20240320T070000Z', now: iso() })).toBe(3);
    expect(store.alerts.closeDigest({ alertId: 'morning', key: 'urn:topicwire:alert:morning:digest:20240321T070000Z', now: iso() })).toBe(0);
    const digest = store.alerts.claimDelivery({ owner: 'a', now: iso(), leaseUntil: iso(30_000), alertIds: ['morning'] });
    expect(digest).toMatchObject({ kind: 'digest', key: 'urn:topicwire:alert:morning:digest:20240320T070000Z' });
    expect(digest?.storyIds).toHaveLength(3);
  });
});

describe('knowing the configured alerts', () => {
  it('a new or changed alert has a first cycle to come; arming records what is in its topics; a removed one is forgotten', async () => {
    expect(store.alerts.syncAlerts([{ id: 'nato-hook', signature: 'nato|1' }], iso())).toEqual(['nato-hook']);
    await ingest([seed('rt')], [{ ...hook, mode: 'record' }]);
    await ingest([makeItem({ sourceId: 'rt', title: 'NATO drills in the Baltic', guid: 'drill' })], []);
    expect(store.alerts.armAlerts([{ ...hook, mode: 'record' }], iso())).toBe(1);
    expect(store.alerts.syncAlerts([{ id: 'nato-hook', signature: 'nato|1' }], iso())).toEqual([]);
    await ingest([seed('digest')], [hook]);
    expect(deliveries()).toEqual([]);
    await ingest([makeItem({ sourceId: 'digest', title: 'NATO summit opens', guid: 'summit' })], [hook]);
    expect(deliveries()).toHaveLength(1);
    expect(store.alerts.syncAlerts([{ id: 'nato-hook', signature: 'nato|2' }], iso())).toEqual(['nato-hook']);
    expect(store.alerts.syncAlerts([], iso(5000))).toEqual([]);
    expect(deliveries()).toMatchObject([{ status: 'failed' }]);
    expect(countRows(sql, 'SELECT count(*) AS n FROM alert_stories')).toBe(0);
  });

  it('a backfill sends what was in the topics before the alert existed', async () => {
    await ingest([seed('rt'), other('rt', 1)], []);
    store.alerts.syncAlerts([{ id: 'both', signature: 's' }], iso());
    expect(store.alerts.armAlerts([both], iso())).toBe(2);
    expect(deliveries()).toHaveLength(2);
  });

  it('a topic re-match records the stories it files, in its transaction, sending nothing', async () => {
    await ingest([other('rt', 1)], []);
    const itemId = (sql.prepare('SELECT id, story_id FROM items').get() as { id: number; story_id: number });
    store.topics.rewrite({ replaced: [{ topicId: 'nato', signature: 'x', matches: [{ itemId: itemId.id, storyId: itemId.story_id }] }], removed: [], alerts: { rules: [{ ...hook, mode: 'record' }], now: iso() } });
    expect(countRows(sql, "SELECT count(*) AS n FROM alert_stories WHERE alert_id = 'nato-hook'")).toBe(1);
    expect(deliveries()).toEqual([]);
  });
});
