import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';
import { compileTopics } from '../../src/update/match-topics.js';
import { createWorkerReader, readOnThisThread, type FeedReader } from '../../src/update/feed-readers.js';
import type { ReadJob } from '../../src/update/read-feed.js';
import { ParseError } from '../../src/errors.js';
import { readRepoFile, repoRoot } from '../support/cli.js';

// The worker runs compiled code: dist/ is built by `npm test` before vitest starts.
const workerUrl = new URL(`file://${path.join(repoRoot, 'dist/update/read-worker.js')}`);
const config = parseConfig(readRepoFile('config.json'), path.join(repoRoot, 'config.json'));
const topics = compileTopics(config);
const sample = (file: string): string => readFileSync(path.join(repoRoot, 'data/samples', file), 'utf8');

const job = (text: string, sourceId = 'rt'): ReadJob => ({
  sourceId,
  sourceTitle: 'RT',
  text,
  finalUrl: `https://example.com/${sourceId}.xml`,
  now: new Date('2024-03-21T12:00:00Z'),
  topics,
  nearDuplicates: true,
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
  it('reads a feed on worker threads exactly as this thread does: items, topics and index keys', async () => {
    reader = createWorkerReader({ threads: 2, workerUrl });
    const bodies = [sample('rt-news.xml'), sample('eurasia-monitor.xml'), sample('morning-wire.json')];
    const onWorkers = await Promise.all(bodies.map((body) => reader!.read(job(body))));
    const here = await Promise.all(bodies.map((body) => readOnThisThread.read(job(body))));
    expect(onWorkers).toEqual(here);
    const seed = onWorkers[0]!.items.findIndex((item) => /NATO will not bring stability to the Caucasus/.test(item.title));
    expect(seed).toBeGreaterThanOrEqual(0);
    expect(onWorkers[0]!.topics?.[seed]).toEqual(expect.arrayContaining(['caucasus', 'nato']));
    expect(onWorkers[0]!.indexed?.[seed]?.keys.length).toBeGreaterThan(0);
  });

  it('turns an unreadable body into a ParseError for that source, and keeps reading others', async () => {
    reader = createWorkerReader({ threads: 1, workerUrl });
    const failed = reader.read(job('<html><body>Not found</body></html>', 'broken'));
    const fine = reader.read(job(sample('rt-news.xml')));
    await expect(failed).rejects.toThrow(ParseError);
    await expect(failed).rejects.toThrow(/looks like an HTML page/);
    expect((await fine).items.length).toBeGreaterThan(0);
  });

  it('fails only the feed whose reading kills its worker, and starts another for the rest', async () => {
    const exiting = new URL('../fixtures/update/exiting-worker.mjs', import.meta.url);
    reader = createWorkerReader({ threads: 1, workerUrl: exiting });
    const killed = reader.read(job('', 'crash'));
    const after = reader.read(job('', 'next'));
    await expect(killed).rejects.toBeInstanceOf(ParseError);
    await expect(killed).rejects.toThrow(/worker thread: exited with code 3/);
    expect((await after).warnings).toEqual(['read next and matched']);
  });

  it('reads waiting jobs lowest order first, as the cycle will store them', async () => {
    reader = createWorkerReader({ threads: 1, workerUrl: new URL('../fixtures/update/exiting-worker.mjs', import.meta.url) });
    const done: string[] = [];
    const read = (sourceId: string, order: number) => reader!.read(job('', sourceId), order).then(() => done.push(sourceId));
    // The first goes to the idle worker at once; the other two wait for it.
    await Promise.all([read('first', 5), read('late', 9), read('early', 1)]);
    expect(done).toEqual(['first', 'early', 'late']);
  });

  it('leaves topic matching to the caller while other jobs wait for a thread', async () => {
    reader = createWorkerReader({ threads: 1, workerUrl: new URL('../fixtures/update/exiting-worker.mjs', import.meta.url) });
    const feeds = await Promise.all(['a', 'b', 'c'].map((id, order) => reader!.read(job('', id), order)));
    // a: the thread was idle; b: c was still waiting; c: nothing was left waiting.
    expect(feeds.map((feed) => feed.warnings[0])).toEqual(['read a and matched', 'read b', 'read c and matched']);
  });

  it('refuses reads still waiting when closed', async () => {
    reader = createWorkerReader({ threads: 1, workerUrl });
    const first = reader.read(job(sample('rt-news.xml')));
    const waiting = reader.read(job(sample('rt-russia.xml')));
    const refused = Promise.all([expect(first).rejects.toThrow(/closed/), expect(waiting).rejects.toThrow(/closed/)]);
    await reader.close();
    await refused;
  });
});
