import type { EventMember, EventStory, IndexEvents, ItemLookup } from '../../update-model.js';
import type { Query } from './connect.js';

/**
 * The event index (`event_keys`, items.event_features) on PostgreSQL: the
 * answers of SQLite's (../event-index.ts), item for item, asked for a whole
 * batch at once, one query per step, since every query is a round trip.
 */

/**
 * The event lookups of several items, as SQLite's lookUp answers each: per
 * key a count in the item's window, capped past `crowdedAbove`; then the
 * stories of other sources whose reports share at least `minShared` of the
 * uncrowded keys, sharing the most first (then the lowest id), at most
 * `stories`; then the first `members` reports of each by id.
 */
export async function lookUpEvents(
  tx: Query,
  wanted: readonly { index: number; item: ItemLookup }[],
  crowdedAbove: number,
): Promise<Map<number, { stories: EventStory[] }>> {
  const result = new Map<number, { stories: EventStory[] }>();
  const asked = wanted.flatMap(({ index, item }) => (item.events === undefined ? [] : [{ index, sourceId: item.sourceId, events: item.events }]));
  for (const { index } of asked) result.set(index, { stories: [] });
  const q = { idx: [] as number[], key: [] as number[], from: [] as number[], to: [] as number[] };
  for (const { index, events } of asked) {
    for (const key of new Set(events.keys)) {
      q.idx.push(index);
      q.key.push(key);
      q.from.push(events.from);
      q.to.push(events.to);
    }
  }
  if (q.idx.length === 0) return result;
  // Counting stops past the cap, as in SQLite: a crowded key costs the same however many reports share it.
  const counted = await tx<{ idx: number; key: number; n: number }[]>`
    SELECT q.idx, q.key, c.n
    FROM unnest(${q.idx}::int[], ${q.key}::bigint[], ${q.from}::bigint[], ${q.to}::bigint[]) AS q(idx, key, f, t)
    CROSS JOIN LATERAL (
      SELECT count(*) AS n FROM (SELECT 1 FROM event_keys k WHERE k.event_key = q.key AND k.at BETWEEN q.f AND q.t LIMIT ${crowdedAbove + 1}) capped
    ) c`;
  const countOf = new Map(counted.map((row) => [`${row.idx}\n${row.key}`, row.n]));
  const open = { idx: [] as number[], key: [] as number[] };
  const each = { idx: [] as number[], from: [] as number[], to: [] as number[], source: [] as string[], min: [] as number[], limit: [] as number[] };
  for (const { index, sourceId, events } of asked) {
    const keys = events.keys.filter((key) => (countOf.get(`${index}\n${key}`) ?? 0) <= crowdedAbove);
    if (keys.length === 0 || keys.length < events.minShared) continue;
    for (const key of new Set(keys)) {
      open.idx.push(index);
      open.key.push(key);
    }
    each.idx.push(index);
    each.from.push(events.from);
    each.to.push(events.to);
    each.source.push(sourceId);
    each.min.push(events.minShared);
    each.limit.push(events.stories);
  }
  if (each.idx.length === 0) return result;
  const found = await tx<{ idx: number; story_id: number; hits: number }[]>`
    SELECT idx, story_id, hits FROM (
      SELECT q.idx, i.story_id, count(DISTINCT k.event_key) AS hits, p.lim,
        row_number() OVER (PARTITION BY q.idx ORDER BY count(DISTINCT k.event_key) DESC, i.story_id) AS n
      FROM unnest(${open.idx}::int[], ${open.key}::bigint[]) AS q(idx, key)
      JOIN unnest(${each.idx}::int[], ${each.from}::bigint[], ${each.to}::bigint[], ${each.source}::text[], ${each.min}::int[], ${each.limit}::int[])
        AS p(idx, f, t, source, m, lim) ON p.idx = q.idx
      JOIN event_keys k ON k.event_key = q.key AND k.at BETWEEN p.f AND p.t
      JOIN items i ON i.id = k.item_id
      WHERE NOT EXISTS (SELECT 1 FROM items o WHERE o.story_id = i.story_id AND o.source_id = p.source)
      GROUP BY q.idx, i.story_id, p.m, p.lim
      HAVING count(DISTINCT k.event_key) >= p.m
    ) ranked
    WHERE n <= lim ORDER BY idx, n`;
  if (found.length === 0) return result;
  const stories = [...new Set(found.map((row) => row.story_id))];
  const most = Math.max(...asked.map(({ events }) => events.members));
  const members = await tx<{ id: number; story_id: number; source_id: string; event_features: string }[]>`
    SELECT id, story_id, source_id, event_features FROM (
      SELECT id, story_id, source_id, event_features, row_number() OVER (PARTITION BY story_id ORDER BY id) AS n
      FROM items WHERE story_id = ANY(${stories}::bigint[]) AND event_features IS NOT NULL
    ) m WHERE n <= ${most} ORDER BY story_id, id`;
  const membersOf = new Map<number, EventMember[]>();
  for (const m of members) {
    const list = membersOf.get(m.story_id) ?? [];
    list.push({ id: m.id, storyId: m.story_id, sourceId: m.source_id, features: m.event_features });
    membersOf.set(m.story_id, list);
  }
  for (const row of found) {
    const limit = asked.find((a) => a.index === row.idx)?.events.members ?? 0;
    result.get(row.idx)?.stories.push({ storyId: row.story_id, sharedKeys: row.hits, members: (membersOf.get(row.story_id) ?? []).slice(0, limit) });
  }
  return result;
}

/**
 * The event entries a batch writes, gathered and written in a few
 * statements: each item's evidence and keys, replacing any it had (an
 * update in place changes its text), as SQLite's write does.
 */
export function createEventWrites() {
  const features: { id: number[]; features: string[] } = { id: [], features: [] };
  const keys: { key: number[]; at: number[]; id: number[] } = { key: [], at: [], id: [] };
  return {
    add(itemId: number, events: IndexEvents): void {
      features.id.push(itemId);
      features.features.push(events.features);
      for (const key of new Set(events.keys)) {
        keys.key.push(key);
        keys.at.push(events.at);
        keys.id.push(itemId);
      }
    },
    /** Writes them; call once the batch's items are inserted. */
    async write(tx: Query): Promise<void> {
      if (features.id.length === 0) return;
      await tx`DELETE FROM event_keys WHERE item_id = ANY(${features.id}::bigint[])`;
      await tx`UPDATE items SET event_features = f.features
        FROM unnest(${features.id}::bigint[], ${features.features}::text[]) AS f(id, features) WHERE items.id = f.id`;
      if (keys.key.length > 0) {
        await tx`INSERT INTO event_keys (event_key, at, item_id)
          SELECT * FROM unnest(${keys.key}::bigint[], ${keys.at}::bigint[], ${keys.id}::bigint[]) ON CONFLICT DO NOTHING`;
      }
    },
  };
}
