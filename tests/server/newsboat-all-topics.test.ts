import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { assembleSite } from '../../src/daemon/assemble-site.js';
import { renderSite } from '../../src/publish/site.js';
import type { RenderedFile } from '../../src/publish/types.js';
import { openStore } from '../../src/store/index.js';
import { runTopicwire, writeSampleConfig } from '../support/cli.js';
import { makeTempDir } from '../support/items.js';
import { NEWSBOAT, requireNewsboat, runTool } from './external-tools.js';
import { startServer, type RunningServer } from './start-server.js';

/**
 * A user subscribes to every topic at once through /topics.opml. newsboat keys
 * items by guid across all feeds of its cache, so a story filed under two
 * topics must carry a different guid in each, or it shows under one only.
 */

let running: RunningServer;
let files: ReadonlyMap<string, RenderedFile> = new Map();
const dirs: string[] = [];

beforeAll(async () => {
  await requireNewsboat();
  const dir = makeTempDir('tw-newsboat-all-');
  dirs.push(dir);
  const configFile = writeSampleConfig(dir);
  const fetched = await runTopicwire(['fetch', '--config', configFile]);
  expect(fetched.code, fetched.err).toBe(0);
  // The feeds name the address they are served from, as `server.publicUrl` does behind a proxy.
  running = await startServer({ files: () => files, health: () => ({ status: 200, body: {} }), metrics: () => '' });
  const config = await loadConfig(configFile);
  const store = openStore(config.database);
  try {
    const now = new Date();
    files = renderSite(await assembleSite(store, { ...config, server: { ...config.server, publicUrl: running.baseUrl } }, now), now);
  } finally {
    store.close();
  }
});

afterAll(async () => {
  await running?.close();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function newsboat(dir: string, args: string[]): Promise<string> {
  const logFile = join(dir, `log-${args.join('-').replace(/\W+/g, '_')}`);
  const stdout = await runTool(NEWSBOAT, ['-u', join(dir, 'urls'), '-c', join(dir, 'cache.db'), '-C', join(dir, 'config'), '-l', '3', '-d', logFile, ...args], {
    ...process.env,
    HOME: dir,
  });
  const log = await readFile(logFile, 'utf8').catch(() => '');
  expect(log).not.toMatch(/ERROR/);
  return stdout;
}

/** The titles of a topic's feed as served, in order: what a reader should show. */
function servedTitles(topicId: string): string[] {
  const file = files.get(`/topics/${topicId}.json`);
  if (file === undefined) throw new Error(`no feed for topic ${topicId}`);
  return (JSON.parse(file.body.toString('utf8')) as { items: { title: string }[] }).items.map((item) => item.title);
}

describe('newsboat subscribed to every topic through /topics.opml, one cache', () => {
  it('shows every item of every topic, the seed article under both Caucasus and NATO', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'topicwire-newsboat-opml-'));
    dirs.push(dir);
    await writeFile(join(dir, 'config'), 'reload-threads 1\n');
    await writeFile(join(dir, 'urls'), '');
    const opml = await fetch(`${running.baseUrl}/topics.opml`);
    expect(opml.status).toBe(200);
    await writeFile(join(dir, 'topics.opml'), await opml.text());
    await newsboat(dir, ['-i', join(dir, 'topics.opml')]);
    const topicIds = ['caucasus', 'nato', 'energy', 'ukraine'];
    const urls = (await readFile(join(dir, 'urls'), 'utf8')).split('\n').filter((line) => line.startsWith('http'));
    expect(urls.map((line) => line.split(/\s/)[0])).toEqual(topicIds.map((id) => `${running.baseUrl}/topics/${id}.rss`));

    await newsboat(dir, ['-x', 'reload']);
    const db = new Database(join(dir, 'cache.db'), { readonly: true });
    const shown = new Map<string, string[]>();
    try {
      for (const id of topicIds) {
        const rows = db.prepare('SELECT title FROM rss_item WHERE feedurl = ? ORDER BY pubDate DESC, id').all(`${running.baseUrl}/topics/${id}.rss`) as { title: string }[];
        shown.set(id, rows.map((row) => row.title));
      }
    } finally {
      db.close();
    }
    const counts = Object.fromEntries(topicIds.map((id) => [id, `${shown.get(id)?.length ?? 0} of ${servedTitles(id).length}`]));
    console.log(`newsboat shows per topic: ${JSON.stringify(counts)}`);
    for (const id of topicIds) {
      expect(servedTitles(id).length, id).toBeGreaterThan(0);
      expect([...(shown.get(id) ?? [])].sort(), id).toEqual([...servedTitles(id)].sort());
    }
    const seed = 'NATO will not bring stability to the Caucasus';
    for (const id of ['caucasus', 'nato']) expect((shown.get(id) ?? []).filter((title) => title.includes(seed)), id).toHaveLength(1);
  });
});
