import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';
import { findEquivalences } from '../../src/topics/index.js';
import { compileTopics } from '../../src/update/match-topics.js';
import { eventMatcherOf } from '../../src/update/update-sources.js';
import { createLocalReader, createWorkerReader, type FeedReader } from '../../src/update/feed-readers.js';
import type { ReadJob } from '../../src/update/read-feed.js';
import { ParseError } from '../../src/errors.js';
import { readRepoFile, repoRoot } from '../support/cli.js';

// The worker runs compiled code: dist/ is built by `npm test` before vitest starts.
const workerUrl = new URL(`file://${path.join(repoRoot, 'dist/update/read-worker.js')}`);
const config = parseConfig(readRepoFile('config.json'), path.join(repoRoot, 'config.json'));
const topics = compileTopics(config);
const setup = { topics, equivalences: findEquivalences(config.define) };
const sample = (file: string): Uint8Array => readFileSync(path.join(repoRoot, 'data/samples', file));

const job = (body: Uint8Array | string, sourceId = 'rt'): ReadJob => ({
  sourceId,
  sourceTitle: 'RT',
  body: typeof body === 'string' ? new TextEncoder().encode(body) : body,
  contentType: undefined,
  finalUrl: `https://example.com/${sourceId}.xml`,
  now: new Date('2024-03-21T12:00:00Z'),
  matchTopics: true,
  nearDuplicates: true,
  events: true,
});

let reader: FeedReader | undefined;
afterEach(async () => {
  await reader?.close();
  reader = undefined;
});
beforeAll(() => {
  if (!existsSync(workerUrl)) throw new Error(`${workerUrl.pathname} is missing: run "npm run build" first (npm test does)`);
});

describe('createWorkerReader', () => {
  it('reads a feed on worker threads exactly as this thread does: items, topics, index keys and event evidence', async () => {
    reader = createWorkerReader({ threads: 2, workerUrl, setup });
    const files = ['rt-news.xml', 'eurasia-monitor.xml', 'morning-wire.json'];
    const onWorkers = await Promise.all(files.map((file) => reader!.read(job(sample(file)))));
    const here = await Promise.all(files.map((file) => createLocalReader(setup).read(job(sample(file)))));
    expect(onWorkers).toEqual(here);
    const seed = onWorkers[0]!.items.findIndex((item) => /NATO will not bring stability to the Caucasus/.test(item.title));
    expect(seed).toBeGreaterThanOrEqual(0);
    expect(onWorkers[0]!.topics?.[seed]).toEqual(expect.arrayContaining(['caucasus', 'nato']));
    expect(onWorkers[0]!.indexed?.[seed]?.keys.length).toBeGreaterThan(0);
    // The evidence the store's thread would otherwise work out itself when it ingests the item.
    const item = onWorkers[0]!.items[seed]!;
    expect(onWorkers[0]!.events?.[seed]).toEqual(eventMatcherOf(config)!.prepare({ ...item, publishedAt: item.publishedAt! }));
    expect(onWorkers[0]!.events?.[seed]?.keys.length).toBeGreaterThan(0);
  });

  it('turns an unreadable body into a ParseError for that source, and keeps reading others', async () => {
    reader = createWorkerReader({ threads: 1, workerUrl, setup });
    const failed = reader.read(job('<html><body>Not found</body></html>', 'broken'));
    const fine = reader.read(job(sample('rt-news.xml')));
    await expect(failed).rejects.toThrow(ParseError);
    await expect(failed).rejects.toThrow(/looks like an HTML page/);
    expect((await fine).items.length).toBeGreaterThan(0);
  });

  it('fails only the feed whose reading kills its worker, and starts another for the rest', async () => {
    const exiting = new URL('../fixtures/update/exiting-worker.mjs', import.meta.url);
    reader = createWorkerReader({ threads: 1, workerUrl: exiting, setup });
    const killed = reader.read(job('', 'crash'));
    const after = reader.read(job('', 'next'));
    await expect(killed).rejects.toBeInstanceOf(ParseError);
    await expect(killed).rejects.toThrow(/worker thread: exited with code 3/);
    expect((await after).warnings).toEqual([`read next and matched ${topics.length} topics`]);
  });

  it('stops a worker that reads one body past the deadline, fails that source, and reads the rest on a new one', async () => {
    reader = createWorkerReader({ threads: 1, workerUrl: new URL('../fixtures/update/exiting-worker.mjs', import.meta.url), setup, deadlineMs: 2000 });
    const stalled = reader.read(job('', 'stall'));
    const after = reader.read(job('', 'next'));
    await expect(stalled).rejects.toBeInstanceOf(ParseError);
    await expect(stalled).rejects.toThrow('reading the body took longer than 2 s; its worker thread was stopped');
    expect((await after).warnings).toEqual([`read next and matched ${topics.length} topics`]);
  });

  it('reads waiting jobs lowest order first, as the cycle will store them', async () => {
    reader = createWorkerReader({ threads: 1, workerUrl: new URL('../fixtures/update/exiting-worker.mjs', import.meta.url), setup });
    const done: string[] = [];
    const read = (sourceId: string, order: number) => reader!.read(job('', sourceId), order).then(() => done.push(sourceId));
    // The first goes to the idle worker at once; the other two wait for it.
    await Promise.all([read('first', 5), read('late', 9), read('early', 1)]);
    expect(done).toEqual(['first', 'early', 'late']);
  });

  it('matches topics on the worker for every job, with the topics it was given once, even while others wait', async () => {
    reader = createWorkerReader({ threads: 1, workerUrl: new URL('../fixtures/update/exiting-worker.mjs', import.meta.url), setup });
    const feeds = await Promise.all(['a', 'b', 'c'].map((id, order) => reader!.read(job('', id), order)));
    expect(feeds.map((feed) => feed.warnings[0])).toEqual(['a', 'b', 'c'].map((id) => `read ${id} and matched ${topics.length} topics`));
    expect(topics.length).toBeGreaterThan(0);
  });

  it('moves a body that owns its buffer to the worker instead of copying it, and copies one that shares a buffer', async () => {
    reader = createWorkerReader({ threads: 1, workerUrl, setup });
    const own = job(new Uint8Array(sample('rt-news.xml')));
    const shared = Buffer.concat([Buffer.from('padding'), sample('rt-news.xml')]).subarray(7);
    const pooled = job(shared);
    const [moved, copied] = await Promise.all([reader.read(own), reader.read(pooled)]);
    expect(own.body.byteLength).toBe(0);
    expect(pooled.body.byteLength).toBe(shared.byteLength);
    expect(copied).toEqual(moved);
  });

  it('decodes the body by its Content-Type charset where it is read', async () => {
    const text = '<?xml version="1.0"?><rss version="2.0"><channel><title>Кавказ</title><item><title>НАТО и Кавказ</title><guid>a</guid></item></channel></rss>';
    reader = createWorkerReader({ threads: 1, workerUrl, setup });
    const feed = await reader.read({ ...job(iconv.encode(text, 'windows-1251')), contentType: 'application/rss+xml; charset=windows-1251' });
    expect(feed.items.map((item) => item.title)).toEqual(['НАТО и Кавказ']);
  });

  it('refuses reads still waiting when closed', async () => {
    reader = createWorkerReader({ threads: 1, workerUrl, setup });
    const first = reader.read(job(sample('rt-news.xml')));
    const waiting = reader.read(job(sample('rt-russia.xml')));
    const refused = Promise.all([expect(first).rejects.toThrow(/closed/), expect(waiting).rejects.toThrow(/closed/)]);
    await reader.close();
    await refused;
  });
});
