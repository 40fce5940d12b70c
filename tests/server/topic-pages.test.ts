import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runTopicwire, writeSampleConfig } from '../support/cli.js';
import { startTopicwire, type DaemonProcess } from '../support/daemon.js';
import { makeTempDir } from '../support/items.js';

/**
 * Per-topic "items" and "maxAgeDays", output.indexItems, and each topic's own
 * page, /topics/ID.html, built by `build` and served by `serve`, then looked
 * at in a real browser (Debian's chromium) at a desktop's and a phone's width.
 */

const CHROMIUM = '/usr/bin/chromium';
const BUILD_NOW = new Date('2024-03-25T12:30:00Z');

let dir: string;
let config: string;
let agedConfig: string;
let served: DaemonProcess | undefined;
let baseUrl = '';
let browser: BrowserContext | undefined;

interface SampleTopic {
  id: string;
  items?: number;
  maxAgeDays?: number;
}

async function requireChromium(): Promise<void> {
  try {
    await promisify(execFile)(CHROMIUM, ['--version']);
  } catch (error) {
    throw new Error(`${CHROMIUM} is required for this test: apt-get install -y chromium (scripts/install-test-packages.sh does)`, { cause: error });
  }
}

beforeAll(async () => {
  await requireChromium();
  dir = makeTempDir('tw-pages-');
  config = writeSampleConfig(dir, (c) => {
    c.output = { ...(c.output as object), indexItems: 8 };
    const topics = c.topics as SampleTopic[];
    topics.find((t) => t.id === 'nato')!.items = 4;
    const sources = c.sources as { id: string; title?: string; url: string }[];
    sources.push({ id: 'langwort', title: 'Langwort-Rundschau', url: path.join(repoRoot, 'tests/fixtures/publish/long-words.xml') });
    // A source that fails with a long error: the index page's table must wrap it too.
    sources.push({ id: 'missing', url: path.join(dir, 'no-such-folder', 'x'.repeat(120), 'feed.xml') });
  });
  const raw = JSON.parse(readFileSync(config, 'utf8')) as { topics: SampleTopic[] };
  raw.topics.find((t) => t.id === 'caucasus')!.maxAgeDays = 3;
  agedConfig = path.join(dir, 'aged.json');
  writeFileSync(agedConfig, JSON.stringify(raw, null, 2));
  const fetched = await runTopicwire(['fetch', '--config', config]);
  expect(fetched.code, fetched.err).toBe(0);

  served = startTopicwire(['serve', '--config', config]);
  const { port } = await served.waitFor((e) => e.event === 'listen', 'serve listening');
  baseUrl = `http://127.0.0.1:${String(port)}`;
  browser = await chromium.launchPersistentContext(makeTempDir('tw-chromium-'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  served?.proc.kill('SIGTERM');
  await served?.exited;
});

const itemsOf = (html: string): number => html.split('<li><article>').length - 1;
const datesOf = (html: string): string[] => [...html.matchAll(/<time datetime="([^"]+)"/g)].map((m) => m[1] ?? '');

describe('per-topic limits, built', () => {
  it('shows a topic\'s own "items", leaves out what is older than "maxAgeDays", and indexItems per topic on the index', async () => {
    const out = path.join(dir, 'built');
    const built = await runTopicwire(['build', '--config', agedConfig, '--out', out], { now: BUILD_NOW });
    expect(built.code, built.err).toBe(0);
    const read = (file: string): string => readFileSync(path.join(out, file), 'utf8');

    const nato = read('topics/nato.html');
    expect(itemsOf(nato)).toBe(4);
    expect((read('topics/nato.rss').match(/<item>/g) ?? []).length).toBe(4);
    expect((JSON.parse(read('topics/nato.json')) as { items: unknown[] }).items).toHaveLength(4);

    // Three days back from the hour of the build: 2024-03-22 12:00 UTC.
    const caucasusDates = datesOf(read('topics/caucasus.html'));
    expect(caucasusDates.length).toBeGreaterThan(0);
    for (const date of caucasusDates) expect(date >= '2024-03-22T12:00:00.000Z', date).toBe(true);
    const fresh = datesOf(read('topics/energy.html'));
    expect(fresh.some((date) => date < '2024-03-22T12:00:00.000Z')).toBe(true);
    expect((read('topics/caucasus.atom').match(/<entry>/g) ?? []).length).toBe(caucasusDates.length);

    const index = read('index.html');
    const section = (id: string): string => index.slice(index.indexOf(`<section id="topic-${id}">`), index.indexOf('</section>', index.indexOf(`<section id="topic-${id}">`)));
    const energyItems = itemsOf(read('topics/energy.html'));
    expect(energyItems).toBeGreaterThan(8);
    expect(section('energy').match(/<li>/g)).toHaveLength(8);
    expect(section('energy')).toContain(`<a href="http://localhost:8080/topics/energy.html">All ${energyItems} items of Energy</a>`);
    expect(section('nato').match(/<li>/g)).toHaveLength(4);
    expect(section('nato')).not.toContain('All ');
  });
});

async function openAt(url: string, width: number): Promise<Page> {
  const page = await browser!.newPage();
  await page.setViewportSize({ width, height: 800 });
  const response = await page.goto(url);
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-type']).toBe('text/html; charset=utf-8');
  return page;
}

/** The little of the DOM the layout check reads in the page (the tests compile without the DOM library). */
interface PageDocument {
  documentElement: { scrollWidth: number; clientWidth: number };
  querySelectorAll(selector: string): Iterable<{ getClientRects(): { length: number }; textContent: string | null }>;
}

/** What a reader would see go wrong: a page wider than the screen, a date broken over two lines. */
async function inspectLayout(page: Page): Promise<{ overflow: number; dates: number; brokenDates: string[] }> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as { document: PageDocument };
    const root = document.documentElement;
    const times = [...document.querySelectorAll('time')];
    return {
      overflow: root.scrollWidth - root.clientWidth,
      dates: times.length,
      brokenDates: times.filter((time) => time.getClientRects().length !== 1).map((time) => time.textContent ?? ''),
    };
  });
}

describe.each([
  ['desktop', 1280],
  ['phone', 375],
])('the pages in chromium at a %s width (%d px)', (_name, width) => {
  it.each(['/', '/topics/nato.html', '/topics/caucasus.html', '/topics/energy.html'])('%s: no horizontal scroll, every date on one line', async (route) => {
    const page = await openAt(baseUrl + route, width);
    try {
      const layout = await inspectLayout(page);
      expect(layout.dates).toBeGreaterThan(0);
      expect(layout.overflow).toBe(0);
      expect(layout.brokenDates).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('a topic page, served', () => {
  it('lists the topic\'s stories with the outlets that also reported them, and names its feeds for autodiscovery', async () => {
    const page = await openAt(`${baseUrl}/topics/nato.html`, 1280);
    try {
      expect(await page.title()).toBe('NATO — topicwire');
      const feeds = await page.$$eval('link[rel="alternate"]', (links) => links.map((l) => [l.getAttribute('type'), l.getAttribute('href')]));
      expect(feeds).toEqual([
        ['application/rss+xml', 'http://localhost:8080/topics/nato.rss'],
        ['application/atom+xml', 'http://localhost:8080/topics/nato.atom'],
        ['application/feed+json', 'http://localhost:8080/topics/nato.json'],
      ]);
      const items = await page.$$eval('ol.items > li', (lis) => lis.map((li) => ({ title: li.querySelector('h2')?.textContent ?? '', also: [...li.querySelectorAll('p.meta a')].map((a) => a.textContent) })));
      expect(items).toHaveLength(4);
      const seed = items.find((item) => item.title === 'NATO will not bring stability to the Caucasus – Kremlin');
      expect(seed?.also).toEqual(['RT - Russia & Former Soviet Union', 'Morning Wire Digest', 'Eurasia Monitor']);
      expect(await page.locator('a', { hasText: 'topicwire' }).first().getAttribute('href')).toBe('http://localhost:8080/');
    } finally {
      await page.close();
    }
  });
});
