import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CANDIDATE_STORIES_SQL, createEventIndex } from '../../src/store/event-index.js';
import type { Store } from '../../src/store/index.js';
import { migrations } from '../../src/store/migrations.js';
import type { Db } from '../../src/store/open-store.js';
import { makeTempDir } from '../support/items.js';
import { openStoreWithSql } from '../support/sql.js';

let store: Store<'now'>;
let sql: Db;

beforeEach(() => {
  ({ store, sql } = openStoreWithSql(path.join(makeTempDir('tw-event-index-'), 'tw.db')));
  store.sources.syncSources(['a', 'b', 'c', 'd', 'e', 'z'].map((id) => ({ id, url: `${id}.xml`, title: id })));
});
afterEach(() => store.close());

const KEY = 7_001;
const OTHER_KEY = 7_002;

/** A stored report of `sourceId` in a story of its own, with event evidence and `keys` at hour `at`. */
function storeReport(sourceId: string, at: number, keys: readonly number[]): number {
  const story = sql.prepare("INSERT INTO stories (uid, sort_date, created_at) VALUES (?, '2024-03-19T10:00:00Z', '2024-03-19T10:00:00Z')").run(`${sourceId}-${at}-${keys.join('-')}`);
  const item = sql
    .prepare(
      `INSERT INTO items (source_id, identity_key, identity_from, title, summary, content_html, text, categories, fingerprint, content_hash, story_id, first_seen_at, last_seen_at, event_features)
       VALUES (?, ?, 'guid', 'A report', '', '<p>body</p>', 'body', '[]', ?, ?, ?, '2024-03-19T10:00:00Z', '2024-03-19T10:00:00Z', '{}')`,
    )
    .run(sourceId, `guid:${sourceId}:${at}:${keys.join('-')}`, `fp-${story.lastInsertRowid}`, `h-${story.lastInsertRowid}`, story.lastInsertRowid);
  createEventIndex(sql).addKeys(Number(item.lastInsertRowid), { keys, at });
  return Number(story.lastInsertRowid);
}

const lookUp = (crowdedAbove: number, keys = [KEY]) =>
  createEventIndex(sql).lookUp('z', { keys, from: 100, to: 148, minShared: 1, stories: 8, members: 12 }, crowdedAbove);

describe('the event index (SQLite)', () => {
  it('keeps a key open while at most crowdedAbove reports in the window share it, and drops it from the one past', () => {
    const stories = ['a', 'b', 'c'].map((source, i) => storeReport(source, 110 + i, [KEY]));
    // Outside the window on either side: never counted.
    storeReport('d', 99, [KEY]);
    storeReport('d', 149, [KEY]);
    expect(lookUp(3).stories.map((s) => s.storyId).sort()).toEqual([...stories].sort());
    storeReport('e', 120, [KEY]);
    expect(lookUp(3).stories).toEqual([]);
    expect(lookUp(4).stories).toHaveLength(4);
  });

  it('judges each key on its own: a crowded key leaves the stories of an open one', () => {
    for (const source of ['a', 'b', 'c']) storeReport(source, 120, [KEY]);
    const open = storeReport('d', 121, [OTHER_KEY]);
    expect(lookUp(2, [KEY, OTHER_KEY]).stories.map((s) => s.storyId)).toEqual([open]);
  });

  it('reads each key hit’s story from the narrow index, never from the item’s row', () => {
    const plan = sql
      .prepare(`EXPLAIN QUERY PLAN ${CANDIDATE_STORIES_SQL}`)
      .all({ keys: '[1]', from: 0, to: 1, source: 'z', min: 1, limit: 8 })
      .map((row) => (row as { detail: string }).detail);
    expect(plan).toContainEqual(expect.stringMatching(/SEARCH i USING COVERING INDEX items_id_story/));
    expect(plan.join('\n')).not.toMatch(/SEARCH i USING INTEGER PRIMARY KEY/);
  });

  it('gives a database of the previous schema the index when it is opened', () => {
    const story = storeReport('a', 120, [KEY]);
    sql.exec('DROP INDEX items_id_story');
    sql.pragma(`user_version = ${migrations.length - 1}`);
    const file = store.file;
    store.close();
    ({ store, sql } = openStoreWithSql(file));
    expect(sql.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'items_id_story'").all()).toHaveLength(1);
    expect(lookUp(3).stories.map((s) => s.storyId)).toEqual([story]);
  });
});
