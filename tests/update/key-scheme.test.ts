import { readFileSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';
import type { Store } from '../../src/store/index.js';
import type { Db } from '../../src/store/open-store.js';
import { KEY_SCHEME_VERSION } from '../../src/update/key-scheme.js';
import { compileTopics } from '../../src/update/match-topics.js';
import { updateSources } from '../../src/update/update-sources.js';
import { makeTempDir } from '../support/items.js';
import { openStoreWithSql } from '../support/sql.js';
import { startServer, type TestServer } from '../support/test-server.js';

/*
 * A database written by the release before key scheme 2 holds the keys
 * scheme 1 computed: for the German story below, whose "Straßenbahn" scheme 2
 * folds to "strassenbahn", another fingerprint and three other band keys.
 * These are scheme 1's values (tests/fixtures/text/golden.json as it was
 * under key scheme 1), and scheme 2's (the same file now).
 */
const TITLE = 'Die Straßenbahn kommt: Tiflis plant drei neue Linien';
const SCHEME_1 = {
  fingerprint: 'de8d09e2d20c3e606fec28d123bbbeaf2e17edb06148e813a9232872544a5836',
  bandKeys: [3683047019, 4481399822, 12767910081, 15196964277, 17590268333, 23511343835, 27300360629, 30265980913],
};
const SCHEME_2 = {
  fingerprint: 'cb4b9ff425f1b7d00045cc1454820fc4cb5c17403af247dda7ec427145d32b9b',
  bandKeys: [3683047019, 4481399822, 9532992214, 15196964277, 17590268333, 23511343835, 26680217374, 31202027404],
};

/** The outlet's feed (the golden feed), and a copy of its German story under another outlet's link. */
const wireFeed = readFileSync(new URL('../fixtures/text/feeds/rss.xml', import.meta.url), 'utf8');
const germanItem = /<item>\s*<title>Die Straßenbahn[\s\S]*?<\/item>/.exec(wireFeed)?.[0] ?? '';
const copyFeed = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Zeitung</title><link>https://zeitung.example/</link><description>Copies</description>
${germanItem.replace('https://wire.example/de/2024/03/strassenbahn', 'https://zeitung.example/ausland/tiflis-tram')}
</channel></rss>`;

let server: TestServer;

beforeAll(async () => {
  server = await startServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(req.url === '/wire.xml' ? wireFeed : copyFeed);
  });
});
afterAll(() => server.close());

interface Scenario {
  store: Store<'now'>;
  sql: Db;
  cycle: (ids: string[]) => Promise<unknown>;
  logged: { event?: string; from?: string; to?: string; items?: number }[];
}

function scenario(nearDuplicates: boolean): Scenario {
  const { store, sql } = openStoreWithSql(path.join(makeTempDir(), 'topicwire.db'));
  const config = parseConfig(
    JSON.stringify({
      sources: [
        { id: 'wire', url: server.url('/wire.xml') },
        { id: 'zeitung', url: server.url('/zeitung.xml') },
      ],
      topics: [{ id: 'caucasus', title: 'Caucasus', query: 'tiflis' }],
      // Events off: the copy rules are what the key scheme changes, and an event join would hide them.
      dedup: { nearDuplicates, events: false },
    }),
    '/tmp/config.json',
  );
  const logged: Scenario['logged'] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line) as Scenario['logged'][number]) });
  const cycle = (ids: string[]) =>
    updateSources({ store, config, topics: compileTopics(config), logger, now: () => new Date('2024-03-19T12:00:00Z') }, config.sources.filter((s) => ids.includes(s.id)));
  return { store, sql, cycle, logged };
}

const germanRow = (sql: Db) => sql.prepare('SELECT id, story_id, fingerprint FROM items WHERE title = ? ORDER BY id').all(TITLE) as { id: number; story_id: number; fingerprint: string }[];
const bandKeys = (sql: Db, itemId: number) => (sql.prepare('SELECT band_key FROM item_bands WHERE item_id = ? ORDER BY band_key').all(itemId) as { band_key: number }[]).map((row) => row.band_key);

/** Puts back what scheme 1 stored for the German story, and no version: the state the release before left. */
function rollBackToScheme1(sql: Db): void {
  const [row] = germanRow(sql);
  if (row === undefined) throw new Error('the German story was not stored');
  sql.prepare('UPDATE items SET fingerprint = ? WHERE id = ?').run(SCHEME_1.fingerprint, row.id);
  const at = (sql.prepare('SELECT at FROM item_bands WHERE item_id = ? LIMIT 1').get(row.id) as { at: number } | undefined)?.at;
  sql.prepare('DELETE FROM item_bands WHERE item_id = ?').run(row.id);
  if (at !== undefined) for (const key of SCHEME_1.bandKeys) sql.prepare('INSERT INTO item_bands (band_key, at, item_id) VALUES (?, ?, ?)').run(key, at, row.id);
  sql.prepare("DELETE FROM meta WHERE key = 'key_scheme'").run();
}

describe('a database keyed under an older key scheme', () => {
  it('is reindexed at the first cycle, and a copy of a stored story arriving afterwards still joins it by its fingerprint', async () => {
    // Near-duplicates off: the fingerprint is the only rule that can join the copy (its link is its own).
    const { store, sql, cycle, logged } = scenario(false);
    await cycle(['wire']);
    expect(germanRow(sql)[0]?.fingerprint).toBe(SCHEME_2.fingerprint);
    rollBackToScheme1(sql);

    await cycle(['zeitung']);
    const [stored, copy] = germanRow(sql);
    expect(stored?.fingerprint).toBe(SCHEME_2.fingerprint);
    expect(copy?.story_id).toBe(stored?.story_id);
    expect(store.stories.findItems('https://zeitung.example/ausland/tiflis-tram')[0]).toMatchObject({ mergeReason: 'fingerprint', mergedWith: stored?.id });
    expect(store.topics.countStoriesByTopic().get('caucasus')).toBe(1);
    expect(logged.filter((line) => line.event === 'reindex')).toEqual([expect.objectContaining({ from: '1', to: String(KEY_SCHEME_VERSION), items: 3 })]);
    store.close();
  });

  it('without the reindex, the copy would have been a story of its own', async () => {
    const { store, sql, cycle } = scenario(false);
    await cycle(['wire']);
    rollBackToScheme1(sql);
    // What the release before recorded as done: this version then believes the old keys are its own.
    sql.prepare("INSERT INTO meta (key, value) VALUES ('key_scheme', ?)").run(String(KEY_SCHEME_VERSION));
    await cycle(['zeitung']);
    const [stored, copy] = germanRow(sql);
    expect(copy?.story_id).not.toBe(stored?.story_id);
    store.close();
  });

  it('gets its stored band keys recomputed, in place in the index', async () => {
    const { store, sql, cycle, logged } = scenario(true);
    await cycle(['wire']);
    const [row] = germanRow(sql);
    expect(bandKeys(sql, row?.id ?? 0)).toEqual(SCHEME_2.bandKeys);
    rollBackToScheme1(sql);
    expect(bandKeys(sql, row?.id ?? 0)).toEqual(SCHEME_1.bandKeys);

    await cycle(['zeitung']);
    expect(bandKeys(sql, row?.id ?? 0)).toEqual(SCHEME_2.bandKeys);
    expect(germanRow(sql).map((item) => item.story_id)).toEqual([row?.story_id, row?.story_id]);
    // Once reindexed, later cycles find the version current and do nothing.
    await cycle(['wire', 'zeitung']);
    expect(logged.filter((line) => line.event === 'reindex')).toHaveLength(1);
    store.close();
  });
});
