import { isDeepStrictEqual } from 'node:util';
import type { BatchLookup, BatchState, IndexBand, ItemLookup, ItemState, LinkMatch, NearCandidate, RecentItem, StoredMatch } from '../../update-model.js';
import { toOwnItem, type OwnRow as SqliteOwnRow } from '../load-batch.js';
import type { CandidateRow as SqliteCandidateRow } from '../near-duplicates.js';
import { inTransaction, type Query, type Sql } from './connect.js';
import type { ReservedSql } from 'postgres';
import { formatVersions, INGEST_LOCK, type BatchVersion } from './content-version.js';
import { lookUpEvents } from './event-index.js';

type OwnRow = SqliteOwnRow & { source_id: string; identity_key: string };
type CandidateRow = Omit<SqliteCandidateRow, 'story_has_source'>;

/** Loads whose batch is not written yet, at most: a source whose write failed leaves its load behind. */
const MAX_PENDING = 256;
/** How long a retried batch may hold the ingest lock between its read and its write. */
const HOLD_MS = 30_000;

const pairKey = (sourceId: string, identityKey: string): string => `${sourceId}\n${identityKey}`;

/**
 * Store.loadBatch on PostgreSQL: the answers SQLite's loader gives
 * (../load-batch.ts), item for item, but asked for the whole batch at once,
 * one query per kind of lookup, since every query is a round trip here. It
 * runs in one REPEATABLE READ transaction, so every answer, and the versions
 * read first, come from one snapshot. It remembers what it read until the
 * batch is written, for applyBatch to check under the ingest lock.
 */
export function createPostgresBatchLoader(sql: Sql, batches: BatchVersion) {
  async function ownRows(tx: Query, items: readonly ItemLookup[]): Promise<Map<string, OwnRow>> {
    if (items.length === 0) return new Map();
    const rows = await tx<OwnRow[]>`
      SELECT i.source_id, i.identity_key, i.id, i.story_id, i.content_hash, i.link, i.canonical_link, i.fingerprint, i.first_seen_at
      FROM items i JOIN unnest(${items.map((i) => i.sourceId)}::text[], ${items.map((i) => i.identityKey)}::text[]) AS k(source_id, identity_key)
        ON i.source_id = k.source_id AND i.identity_key = k.identity_key`;
    return new Map(rows.map((row) => [pairKey(row.source_id, row.identity_key), row]));
  }

  async function tombstoned(tx: Query, items: readonly ItemLookup[]): Promise<Set<string>> {
    if (items.length === 0) return new Set();
    const rows = await tx<{ source_id: string; identity_key: string }[]>`
      SELECT t.source_id, t.identity_key FROM tombstones t
      JOIN unnest(${items.map((i) => i.sourceId)}::text[], ${items.map((i) => i.identityKey)}::text[]) AS k(source_id, identity_key)
        ON t.source_id = k.source_id AND t.identity_key = k.identity_key`;
    return new Set(rows.map((row) => pairKey(row.source_id, row.identity_key)));
  }

  /** Per canonical link, its first `most` items by id, leaving out `skip`. */
  async function linkMatches(tx: Query, links: readonly string[], most: number, skip: readonly number[]): Promise<Map<string, LinkMatch[]>> {
    const found = new Map<string, LinkMatch[]>();
    if (links.length === 0) return found;
    const rows = await tx<(LinkMatch & { canonical_link: string })[]>`
      SELECT canonical_link, id, story_id AS "storyId", source_id AS "sourceId", link FROM (
        SELECT canonical_link, id, story_id, source_id, link, row_number() OVER (PARTITION BY canonical_link ORDER BY id) AS n
        FROM items WHERE canonical_link = ANY(${links as string[]}::text[]) AND NOT (id = ANY(${skip as number[]}::bigint[]))
      ) ranked WHERE n <= ${most} ORDER BY canonical_link, id`;
    for (const { canonical_link: link, ...match } of rows) {
      const list = found.get(link) ?? [];
      list.push(match);
      found.set(link, list);
    }
    return found;
  }

  /** Per fingerprint, its first item by id, leaving out `skip`. */
  async function fingerprintMatches(tx: Query, fingerprints: readonly string[], skip: readonly number[]): Promise<Map<string, StoredMatch>> {
    if (fingerprints.length === 0) return new Map();
    const rows = await tx<{ fingerprint: string; id: number; story_id: number }[]>`
      SELECT DISTINCT ON (fingerprint) fingerprint, id, story_id FROM items
      WHERE fingerprint = ANY(${fingerprints as string[]}::text[]) AND NOT (id = ANY(${skip as number[]}::bigint[]))
      ORDER BY fingerprint, id`;
    return new Map(rows.map((row) => [row.fingerprint, { id: row.id, storyId: row.story_id }]));
  }

  /**
   * The band lookups of several items, as SQLite's band index answers each
   * (../near-duplicates.ts lookUp): key counts in each item's window
   * (leaving out `skip`), then the items sharing enough of its uncrowded
   * keys, then those of other sources as candidates.
   */
  async function nearMatches(tx: Query, wanted: readonly { index: number; item: ItemLookup }[], crowdedAbove: number, skip: readonly number[]): Promise<Map<number, NonNullable<ItemState['near']>>> {
    const result = new Map<number, NonNullable<ItemState['near']>>();
    const asked = wanted.filter(({ item }) => (item.bands?.keys.length ?? 0) > 0);
    for (const { index } of wanted) if (!asked.some((a) => a.index === index)) result.set(index, { counts: [], candidates: [] });
    if (asked.length === 0) return result;
    const q = { idx: [] as number[], key: [] as number[], from: [] as number[], to: [] as number[] };
    for (const { index, item } of asked) {
      for (const key of item.bands?.keys ?? []) {
        q.idx.push(index);
        q.key.push(key);
        q.from.push(item.bands?.from ?? 0);
        q.to.push(item.bands?.to ?? 0);
      }
    }
    const countRows = await tx<{ idx: number; key: number; n: number }[]>`
      SELECT q.idx, q.key, count(*) AS n
      FROM unnest(${q.idx}::int[], ${q.key}::bigint[], ${q.from}::bigint[], ${q.to}::bigint[]) AS q(idx, key, f, t)
      JOIN item_bands b ON b.band_key = q.key AND b.at BETWEEN q.f AND q.t AND NOT (b.item_id = ANY(${skip as number[]}::bigint[]))
      GROUP BY q.idx, q.key`;
    const countsOf = new Map<number, Map<number, number>>();
    for (const row of countRows) {
      const map = countsOf.get(row.idx) ?? new Map<number, number>();
      map.set(row.key, row.n);
      countsOf.set(row.idx, map);
    }
    const open = { idx: [] as number[], key: [] as number[], from: [] as number[], to: [] as number[], min: [] as number[] };
    for (const { index, item } of asked) {
      const bands = item.bands;
      if (bands === undefined) continue;
      const found = countsOf.get(index) ?? new Map<number, number>();
      result.set(index, { counts: bands.keys.map((key) => found.get(key) ?? 0), candidates: [] });
      const keys = [...found].filter(([, n]) => n <= crowdedAbove).map(([key]) => key);
      if (keys.length < bands.minShared || keys.length === 0) continue;
      for (const key of keys) {
        open.idx.push(index);
        open.key.push(key);
        open.from.push(bands.from);
        open.to.push(bands.to);
        open.min.push(bands.minShared);
      }
    }
    if (open.idx.length === 0) return result;
    const sharing = await tx<{ idx: number; item_id: number; keys: number[] }[]>`
      SELECT q.idx, b.item_id, array_agg(b.band_key ORDER BY b.band_key) AS keys
      FROM unnest(${open.idx}::int[], ${open.key}::bigint[], ${open.from}::bigint[], ${open.to}::bigint[], ${open.min}::int[]) AS q(idx, key, f, t, m)
      JOIN item_bands b ON b.band_key = q.key AND b.at BETWEEN q.f AND q.t
      GROUP BY q.idx, b.item_id HAVING count(*) >= max(q.m)`;
    if (sharing.length === 0) return result;
    const ids = [...new Set(sharing.map((row) => row.item_id))];
    const sourceIds = [...new Set(asked.map(({ item }) => item.sourceId))];
    const rows = await tx<CandidateRow[]>`
      SELECT id, story_id, source_id, title, text, summary, content_hash FROM items WHERE id = ANY(${ids}::bigint[]) ORDER BY id`;
    const stories = [...new Set(rows.map((row) => row.story_id))];
    const held = await tx<{ story_id: number; source_id: string }[]>`
      SELECT DISTINCT story_id, source_id FROM items WHERE story_id = ANY(${stories}::bigint[]) AND source_id = ANY(${sourceIds}::text[])`;
    const storyHas = new Set(held.map((row) => `${row.story_id}\n${row.source_id}`));
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const share of sharing) {
      const item = asked.find((a) => a.index === share.idx)?.item;
      const row = byId.get(share.item_id);
      const near = result.get(share.idx);
      if (item === undefined || row === undefined || near === undefined || row.source_id === item.sourceId) continue;
      (near.candidates as NearCandidate[]).push({
        id: row.id,
        storyId: row.story_id,
        sourceId: row.source_id,
        sharedKeys: share.keys.map(Number),
        storyHasSource: storyHas.has(`${row.story_id}\n${item.sourceId}`),
        title: row.title,
        text: row.text,
        summary: row.summary,
        contentHash: row.content_hash,
      });
    }
    for (const near of result.values()) (near.candidates as NearCandidate[]).sort((a, b) => a.id - b.id);
    return result;
  }

  async function load(tx: Query, lookup: BatchLookup): Promise<BatchState> {
    const version = formatVersions(await batches.read(tx));
    const own = await ownRows(tx, lookup.items);
    const rowOf = (item: ItemLookup): OwnRow | undefined => own.get(pairKey(item.sourceId, item.identityKey));
    // Own items an incoming copy differs from are rewritten by the batch (see ../load-batch.ts).
    const rewritable = new Set<number>();
    for (const item of lookup.items) {
      const row = rowOf(item);
      if (row && row.content_hash !== item.contentHash) rewritable.add(row.id);
    }
    const skip = [...rewritable];
    const states: ItemState[] = lookup.items.map(() => ({}));
    const fresh = lookup.items.map((item, index) => ({ item, index })).filter(({ item }) => rowOf(item) === undefined);
    const gone = await tombstoned(tx, fresh.map(({ item }) => item));
    const open = fresh.filter(({ item, index }) => {
      if (!gone.has(pairKey(item.sourceId, item.identityKey))) return true;
      states[index] = { tombstoned: true };
      return false;
    });
    const links = await linkMatches(tx, [...new Set(open.flatMap(({ item }) => (item.storyLink === null ? [] : [item.storyLink])))], lookup.linkMatches, skip);
    const unplaced = open.filter(({ item, index }) => {
      const found = item.storyLink === null ? [] : (links.get(item.storyLink) ?? []);
      if (found.length > 0) states[index] = { linkMatches: found };
      // Another source's item with the link is the same story; the source's own may be another anchor's post.
      return !found.some((match) => match.sourceId !== item.sourceId);
    });
    const prints = await fingerprintMatches(tx, [...new Set(unplaced.flatMap(({ item }) => (item.storyFingerprint === null ? [] : [item.storyFingerprint])))], skip);
    const unmatched = unplaced.filter(({ item, index }) => {
      const fingerprintMatch = item.storyFingerprint === null ? undefined : prints.get(item.storyFingerprint);
      if (fingerprintMatch) states[index] = { ...states[index], fingerprintMatch };
      return fingerprintMatch === undefined;
    });
    const near = await nearMatches(tx, unmatched.filter(({ item }) => item.bands !== undefined), lookup.crowdedAbove, skip);
    for (const [index, found] of near) states[index] = { ...states[index], near: found };
    const events = await lookUpEvents(tx, unmatched, lookup.eventCrowdedAbove ?? lookup.crowdedAbove);
    for (const [index, found] of events) states[index] = { ...states[index], events: found };
    const withBands = lookup.items.flatMap((item, index) => {
      const row = rowOf(item);
      return row && item.bands && rewritable.has(row.id) ? [{ index, id: row.id }] : [];
    });
    const bandRows = withBands.length === 0 ? [] : await tx<{ item_id: number; key: number; at: number }[]>`
      SELECT item_id, band_key AS key, at FROM item_bands WHERE item_id = ANY(${withBands.map((w) => w.id)}::bigint[]) ORDER BY item_id, band_key, at`;
    lookup.items.forEach((item, index) => {
      const row = rowOf(item);
      if (row === undefined) return;
      const ownItem = toOwnItem(row);
      if (withBands.some((w) => w.index === index)) ownItem.bands = bandRows.filter((b) => b.item_id === row.id).map((b): IndexBand => ({ key: b.key, at: b.at }));
      states[index] = { own: ownItem };
    });
    const wanted = lookup.recentItems;
    const recentItems =
      wanted === undefined
        ? []
        : await tx<RecentItem[]>`
            SELECT id, coalesce(published_at, first_seen_at) AS time FROM items
            WHERE source_id = ${wanted.sourceId} AND NOT (id = ANY(${skip}::bigint[]))
            ORDER BY coalesce(published_at, first_seen_at) DESC, id DESC LIMIT ${wanted.count}`;
    return { version, items: states, recentItems: [...recentItems] };
  }

  /** What each load read, by its version token, until its batch is written (or given up: the oldest go). */
  const pending = new Map<string, { lookup: BatchLookup; state: BatchState }>();
  /** Retried loads that hold the ingest lock on a connection of their own until their write. */
  const held = new Map<string, { session: ReservedSql; timer: NodeJS.Timeout }>();
  let loads = 0;

  async function unhold(token: string): Promise<void> {
    const hold = held.get(token);
    if (hold === undefined) return;
    held.delete(token);
    clearTimeout(hold.timer);
    try {
      await hold.session`SELECT pg_advisory_unlock(${INGEST_LOCK})`;
    } finally {
      hold.session.release();
    }
  }

  /**
   * A retried batch (BatchLookup.retry) takes the ingest lock before it
   * reads and keeps it, on a session of its own, until its write: no other
   * batch can be written in between, so it cannot be refused again however
   * busy the other workers are. Held for HOLD_MS at most, should its write
   * never come.
   */
  async function loadHolding(lookup: BatchLookup): Promise<{ state: BatchState; session: ReservedSql }> {
    const session = await sql.reserve();
    try {
      await session`SELECT pg_advisory_lock(${INGEST_LOCK})`;
      const state = await inTransaction(session, 'ISOLATION LEVEL REPEATABLE READ READ ONLY', (tx) => load(tx, lookup));
      return { state, session };
    } catch (error) {
      await session`SELECT pg_advisory_unlock(${INGEST_LOCK})`.catch(() => undefined);
      session.release();
      throw error;
    }
  }

  return {
    /** Store.loadBatch: the state, under a version token of its own ("batch:structure:load"). */
    load: async (lookup: BatchLookup): Promise<BatchState> => {
      loads += 1;
      if (lookup.retry === true) {
        const { state, session } = await loadHolding(lookup);
        const token = `${state.version}:${loads}`;
        held.set(token, { session, timer: setTimeout(() => void unhold(token).catch(() => undefined), HOLD_MS).unref() });
        return { ...state, version: token };
      }
      const state = (await sql.begin('ISOLATION LEVEL REPEATABLE READ READ ONLY', (tx) => load(tx, lookup))) as BatchState;
      const token = `${state.version}:${loads}`;
      pending.set(token, { lookup, state });
      if (pending.size > MAX_PENDING) pending.delete(pending.keys().next().value ?? '');
      return { ...state, version: token };
    },
    /** The session of a load that holds the ingest lock, for its write to run on; undefined for others. */
    sessionOf: (token: string): ReservedSql | undefined => held.get(token)?.session,
    /** Lets go of a held lock once its write is done (or failed). */
    release: unhold,
    /**
     * Inside a write holding the ingest lock: whether the store still holds,
     * for this load's lookup, exactly what the load read. The decision is a
     * pure function of that state, so if it holds the decision does too,
     * whatever else other workers wrote meanwhile.
     */
    stillHolds: async (tx: Query, token: string): Promise<boolean> => {
      const read = pending.get(token);
      pending.delete(token);
      if (read === undefined) return false;
      const now = await load(tx, read.lookup);
      return isDeepStrictEqual(now.items, read.state.items) && isDeepStrictEqual(now.recentItems, read.state.recentItems);
    },
    forget: (token: string): void => {
      pending.delete(token);
    },
  };
}

export type PostgresBatchLoader = ReturnType<typeof createPostgresBatchLoader>;
