// Fills a topicwire database with N items straight through SQL (the schema
// comes from the store's own migrations), as 1,000 sources' worth of stored
// history: about one item in ten joins another source's story, and topic
// membership and signatures are written as ingest would have, so opening the
// database recomputes nothing. Runs as a child process.
// Items arrive at a steady PER_DAY, newest last, so a larger store is a
// longer history at the same rate, as a store grows in use: a window of two
// days holds as many reports in a store of 10,000 items as in one of a
// million. (Spreading every store over the same 90 days made the million's
// windows a hundred times as crowded: a faster feed list, not a larger store.)
// Usage: node scale-db.js CONFIG ITEMS SOURCES [PER_DAY]  → prints {"items":N,"ms":T,"bytes":B}.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import { createRandom } from './random.js';
import { generateStory, BASE_TIME } from './story.js';
import { repoDir } from './children.js';

const [configFile, itemsArg, sourcesArg, perDayArg = '2500'] = process.argv.slice(2);
const total = Number(itemsArg);
const sourceCount = Number(sourcesArg);
const perDay = Number(perDayArg);
/** When item `id` (1…total) arrived: `perDay` items a day, the newest at BASE_TIME. */
const timeOf = (id) => BASE_TIME - Math.floor(((total - id) / perDay) * 86_400_000);
const dist = (p) => import(path.join(repoDir, 'dist', p));
const { loadConfig } = await dist('config/load-config.js');
const { openDatabase } = await dist('store/open-store.js');
const { compileTopics } = await dist('update/match-topics.js');
const { eventMatcherOf } = await dist('update/update-sources.js');
const { KEY_SCHEME_VERSION } = await dist('update/key-scheme.js');

const config = await loadConfig(configFile);
const started = performance.now();
// Straight through SQL: the store's own connection setup and migrations, none of its methods.
const db = openDatabase(config.database);

// Bulk load: indexes are dropped and rebuilt afterwards (much faster than
// keeping them current row by row), with no journal while loading.
const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").all();
for (const { name } of indexes) db.exec(`DROP INDEX ${name}`);
db.pragma('journal_mode = DELETE');
db.pragma('journal_mode = OFF');
db.pragma('synchronous = OFF');
db.pragma('foreign_keys = OFF');

const POOL = 1000;
const pool = Array.from({ length: POOL }, (_, i) => generateStory(7, 10_000 + (i % 97), i));
const sha = (text) => createHash('sha256').update(text).digest('hex');

const insertSource = db.prepare("INSERT INTO sources (id, url, title, status) VALUES (?, ?, ?, 'ok') ON CONFLICT (id) DO NOTHING");
const insertStory = db.prepare('INSERT INTO stories (id, uid, sort_date, created_at) VALUES (?, ?, ?, ?)');
const insertItem = db.prepare(`
  INSERT INTO items (id, source_id, identity_key, identity_from, guid, link, canonical_link, title, summary,
    content_html, text, author, categories, published_at, updated_at, lang, fingerprint, content_hash,
    story_id, first_seen_at, last_seen_at)
  VALUES (?, ?, ?, 'guid', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 'en', ?, ?, ?, ?, ?)`);
const insertTopic = db.prepare('INSERT INTO item_topics (topic_id, item_id, story_id) VALUES (?, ?, ?)');
// Near-duplicate clustering keeps LSH band keys per item (item_bands); a
// stored history has them too, or ingest into it would look cheaper than it is.
// Each item gets keys of its own (band × 2^32 + item id: unrelated items
// share none), at the item's time in minutes as the store keeps it.
const bandColumns = db.prepare("SELECT name FROM pragma_table_info('item_bands')").all().map((c) => c.name).join(',');
const BANDS_PER_ITEM = 22;
const insertBand = bandColumns === 'band_key,at,item_id' ? db.prepare('INSERT OR IGNORE INTO item_bands (band_key, at, item_id) VALUES (?, ?, ?)') : undefined;

// Event clustering keeps each report's evidence (items.event_features) and
// its keys (event_keys); a stored history has them too. Each item takes its
// pool story's evidence and keys (so common keys are as crowded as a real
// window's) plus two keys of its own, at its own hour.
const hasEvents = db.prepare("SELECT name FROM pragma_table_info('items') WHERE name = 'event_features'").get() !== undefined;
const events = hasEvents ? eventMatcherOf({ ...config, dedup: { ...config.dedup, events: true } }) : undefined;
const poolEvidence = events
  ? pool.map((story) => events.prepare({ title: story.title, text: story.text, summary: story.summaryHtml.slice(3, -4), publishedAt: new Date(BASE_TIME).toISOString(), lang: 'en' }))
  : [];
const setEvidence = hasEvents ? db.prepare('UPDATE items SET event_features = ? WHERE id = ?') : undefined;
const insertEventKey = hasEvents ? db.prepare('INSERT OR IGNORE INTO event_keys (event_key, at, item_id) VALUES (?, ?, ?)') : undefined;
let eventKeys = 0;

const random = createRandom(42);
const storyTopics = new Map();
let storyCount = 0;
const load = db.transaction((from, to) => {
  for (let id = from; id < to; id += 1) {
    const source = id % sourceCount;
    const sourceId = `scale-${String(source).padStart(4, '0')}`;
    const base = pool[id % POOL];
    const time = new Date(timeOf(id)).toISOString();
    let storyId;
    let topics = base.topics;
    if (id > 1000 && random.chance(0.1)) {
      storyId = random.int(Math.max(1, storyCount - 5000), storyCount);
      topics = storyTopics.get(storyId) ?? [];
    } else {
      storyCount += 1;
      storyId = storyCount;
      insertStory.run(storyId, `urn:topicwire:story:${sha(`${sourceId}\n${id}`).slice(0, 32)}`, time, time);
      if (topics.length > 0) storyTopics.set(storyId, topics);
    }
    const link = `https://www.scale${source}.example/${time.slice(0, 10)}/story-${id}`;
    insertItem.run(
      id, sourceId, `guid:scale-${id}`, `scale-${id}`, link, link, `${base.title} ${id}`, base.summaryHtml.slice(3, -4),
      base.contentHtml, base.text, base.author, JSON.stringify(base.categories), time,
      sha(`fp${id}`), sha(`ch${id}`), storyId, time, time,
    );
    for (const topic of topics) insertTopic.run(topic, id, storyId);
    const evidence = poolEvidence[id % POOL];
    if (evidence && setEvidence && insertEventKey) {
      const hour = Math.floor(Date.parse(time) / 3_600_000);
      setEvidence.run(evidence.features.replace(/"hour":\d+/, `"hour":${hour}`), id);
      // Each key once, as the event index stores them (its unique index is built after the load).
      const keys = new Set([...evidence.keys, 0x7f000000 + id * 2, 0x7f000001 + id * 2].map((key) => key >>> 0));
      for (const key of keys) insertEventKey.run(key, hour, id);
      eventKeys += keys.size;
    }
  }
});

db.transaction(() => {
  for (let s = 0; s < sourceCount; s += 1) {
    const id = `scale-${String(s).padStart(4, '0')}`;
    insertSource.run(id, `https://www.scale${s}.example/feed`, `Scale ${s}`);
  }
})();
const BATCH = 50_000;
for (let from = 1; from <= total; from += BATCH) load(from, Math.min(total + 1, from + BATCH));
if (insertBand) {
  const loadBands = db.transaction((band, from, to) => {
    for (let id = from; id < to; id += 1) insertBand.run(band * 2 ** 32 + id, Math.floor(timeOf(id) / 60_000), id);
  });
  for (let band = 0; band < BANDS_PER_ITEM; band += 1) {
    for (let from = 1; from <= total; from += 200_000) loadBands(band, from, Math.min(total + 1, from + 200_000));
  }
}
for (const { sql } of indexes) db.exec(sql);
const upsertSignature = db.prepare('INSERT INTO topics (id, signature) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET signature = excluded.signature');
for (const topic of compileTopics(config)) upsertSignature.run(topic.topic.id, topic.signature);
db.exec("INSERT INTO meta (key, value) VALUES ('content_version', '1') ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1");
// Keyed under this code's scheme, as a store in use is: without the record the
// first fetch into it recomputes a million items' keys (Store.reindexKeys)
// and the scale figures measure that reindex, not ingest.
db.prepare("INSERT INTO meta (key, value) VALUES ('key_scheme', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(KEY_SCHEME_VERSION));
db.pragma('foreign_keys = ON');
db.pragma('journal_mode = WAL');
db.close();
const ms = performance.now() - started;
process.stdout.write(`${JSON.stringify({ items: total, stories: storyCount, ms, bytes: statSync(config.database).size, bands: insertBand !== undefined, eventKeys })}\n`);
