import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSite } from '../../src/publish/site.js';
import { stripForbiddenChars } from '../../src/text/index.js';
import { loadSiteInput } from '../fixtures/publish/load-site-input.js';
import { NEWSBOAT, requireNewsboat, runTool } from './external-tools.js';
import type { RunningServer } from './start-server.js';
import { makeReader, startServer } from './start-server.js';

interface CachedItem {
  guid: string;
  title: string;
  url: string;
}

let running: RunningServer;
const dirs: string[] = [];
const input = loadSiteInput();
const natoTitles = (input.topics[0]?.entries ?? []).map((e) => stripForbiddenChars(e.title));

beforeAll(async () => {
  await requireNewsboat();
  running = await startServer(makeReader(renderSite(input, new Date('2024-06-01T00:00:00Z'))));
});

afterAll(async () => {
  await running?.close();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function makeNewsboatHome(feedUrl: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'topicwire-newsboat-'));
  dirs.push(dir);
  await writeFile(join(dir, 'urls'), `${feedUrl}\n`);
  await writeFile(join(dir, 'config'), 'reload-threads 1\n');
  return dir;
}

/**
 * newsboat exits 0 even when a fetch failed, so the run also writes an error-level log
 * (-l 3) and the caller checks it is free of errors.
 */
async function runNewsboat(dir: string, run: string, commands: string[]): Promise<{ stdout: string; log: string }> {
  const logFile = join(dir, `log-${run}`);
  const args = ['-u', join(dir, 'urls'), '-c', join(dir, 'cache.db'), '-C', join(dir, 'config'), '-l', '3', '-d', logFile, '-x', ...commands];
  const stdout = await runTool(NEWSBOAT, args, { ...process.env, HOME: dir });
  const log = await readFile(logFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  return { stdout, log };
}

function readCache(dir: string, feedUrl: string): CachedItem[] {
  const db = new Database(join(dir, 'cache.db'), { readonly: true });
  try {
    return db.prepare('SELECT guid, title, url FROM rss_item WHERE feedurl = ? ORDER BY pubDate DESC').all(feedUrl) as CachedItem[];
  } finally {
    db.close();
  }
}

describe.each(['rss', 'atom'])('newsboat subscribed to /topics/nato.%s', (format) => {
  it('lists each entry once, and again once after a conditional re-fetch answered 304', async () => {
    const path = `/topics/nato.${format}`;
    const feedUrl = running.baseUrl + path;
    const dir = await makeNewsboatHome(feedUrl);

    const first = await runNewsboat(dir, 'first', ['reload', 'print-unread']);
    expect(first.log).not.toMatch(/ERROR/);
    expect(first.stdout.trim()).toBe(`${natoTitles.length} unread articles`);
    const items = readCache(dir, feedUrl);
    expect(items.map((i) => i.title)).toEqual(natoTitles);
    expect(new Set(items.map((i) => i.guid)).size).toBe(natoTitles.length);

    // newsboat 2.21 stores a new feed's validators only once the feed row exists, i.e.
    // from the second fetch on; the third fetch is the first conditional one.
    const before304 = running.responses.filter((r) => r.path === path && r.status === 304).length;
    const second = await runNewsboat(dir, 'second', ['reload', 'reload', 'print-unread']);
    expect(second.log).not.toMatch(/ERROR/);
    expect(second.stdout.trim()).toBe(`${natoTitles.length} unread articles`);
    expect(readCache(dir, feedUrl)).toEqual(items);
    const after304 = running.responses.filter((r) => r.path === path && r.status === 304).length;
    expect(after304 - before304).toBeGreaterThanOrEqual(1);
  });
});
