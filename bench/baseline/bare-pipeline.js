// The ingest baseline: what the machine allows with topicwire's own base
// packages and nothing of topicwire. The sources of a topicwire config are
// fetched `fetch.concurrency` (8) at a time with Node's fetch, each body is
// parsed by rss-parser, and its items are upserted into a plain SQLite table
// with a unique (feed, guid) key by better-sqlite3, one transaction per feed,
// statements prepared once, the same journal settings as topicwire's store.
// Each feed's ETag and Last-Modified are kept, so a second run over the same
// database asks conditionally (RFC 9110 §13.1.1-2) and a 304 stores nothing.
// No dedup across feeds, no normalising, no topics: that is the point.
// Usage: node bare-pipeline.js CONFIG DATABASE → prints one JSON line:
//   {"feeds","fetched","notModified","failed","items","ms","peakBytes"}
// `ms` runs from the first request to the last commit; peakBytes is VmHWM.
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import Parser from 'rss-parser';
import { readPeakRss } from '../lib/peak-rss.js';

const [configFile, databaseFile] = process.argv.slice(2);
const config = JSON.parse(readFileSync(configFile, 'utf8'));
const urls = config.sources.map((s) => s.url);
const concurrency = config.fetch?.concurrency ?? 8;

const db = new Database(databaseFile);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec(`
  CREATE TABLE IF NOT EXISTS feeds (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, title TEXT);
  CREATE TABLE IF NOT EXISTS items (
    id INTEGER PRIMARY KEY, feed_url TEXT NOT NULL, guid TEXT NOT NULL, link TEXT, title TEXT,
    author TEXT, published TEXT, summary TEXT, content TEXT, UNIQUE (feed_url, guid));
`);
const readValidators = db.prepare('SELECT etag, last_modified AS lastModified FROM feeds WHERE url = ?');
const upsertFeed = db.prepare(
  'INSERT INTO feeds (url, etag, last_modified, title) VALUES (?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, title = excluded.title',
);
const upsertItem = db.prepare(`
  INSERT INTO items (feed_url, guid, link, title, author, published, summary, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (feed_url, guid) DO UPDATE SET link = excluded.link, title = excluded.title, author = excluded.author,
    published = excluded.published, summary = excluded.summary, content = excluded.content`);
const storeFeed = db.transaction((url, response, feed) => {
  upsertFeed.run(url, response.headers.get('etag'), response.headers.get('last-modified'), feed.title ?? null);
  for (const item of feed.items) {
    const guid = item.guid ?? item.id ?? item.link ?? item.title ?? '';
    const content = item['content:encoded'] ?? item.content ?? null;
    upsertItem.run(url, guid, item.link ?? null, item.title ?? null, item.creator ?? item.author ?? null, item.isoDate ?? null, item.summary ?? item.contentSnippet ?? null, content);
  }
  return feed.items.length;
});

const parser = new Parser();
const counts = { feeds: urls.length, fetched: 0, notModified: 0, failed: 0, items: 0 };

async function updateFeed(url) {
  const known = readValidators.get(url);
  const headers = {};
  if (known?.etag) headers['If-None-Match'] = known.etag;
  if (known?.lastModified) headers['If-Modified-Since'] = known.lastModified;
  const response = await fetch(url, { headers });
  if (response.status === 304) {
    counts.notModified += 1;
    return;
  }
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const feed = await parser.parseString(await response.text());
  counts.items += storeFeed(url, response, feed);
  counts.fetched += 1;
}

const started = performance.now();
let next = 0;
async function work() {
  while (next < urls.length) {
    const url = urls[next];
    next += 1;
    try {
      await updateFeed(url);
    } catch (error) {
      counts.failed += 1;
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
}
await Promise.all(Array.from({ length: concurrency }, work));
const ms = performance.now() - started;
db.close();
process.stdout.write(`${JSON.stringify({ ...counts, ms, peakBytes: readPeakRss() })}\n`);
