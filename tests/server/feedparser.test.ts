import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSite } from '../../src/publish/site.js';
import { loadSiteInput } from '../fixtures/publish/load-site-input.js';
import { PYTHON, requireFeedparser, runTool } from './external-tools.js';
import type { RunningServer } from './start-server.js';
import { makeReader, startServer } from './start-server.js';

const READ_FEED = new URL('../fixtures/publish/read_feed.py', import.meta.url).pathname;
const AT_T = 'AT&T <b>bold</b>';

interface ReadEntry {
  id: string;
  title: string;
  title_type: string;
  link: string;
  content: string[];
  summary: string;
}

interface ReadFeed {
  reader: 'feedparser' | 'json';
  content_type?: string;
  bozo: number;
  bozo_exception: string;
  status: number;
  version: string;
  title: string;
  entries: ReadEntry[];
}

let running: RunningServer;

async function readServed(path: string): Promise<ReadFeed> {
  return JSON.parse(await runTool(PYTHON, [READ_FEED, running.baseUrl + path])) as ReadFeed;
}

beforeAll(async () => {
  await requireFeedparser();
  running = await startServer(makeReader(renderSite(loadSiteInput(), new Date('2024-06-01T00:00:00Z'))));
});

afterAll(async () => {
  await running?.close();
});

describe('python feedparser reading the served feeds', () => {
  it('parses RSS and Atom of every topic cleanly (bozo == 0)', async () => {
    const expectedVersion = { rss: 'rss20', atom: 'atom10' } as const;
    for (const topic of ['nato', 'caucasus', 'empty']) {
      for (const format of ['rss', 'atom'] as const) {
        const feed = await readServed(`/topics/${topic}.${format}`);
        expect(feed.reader).toBe('feedparser');
        expect(feed.bozo, `${topic}.${format}: ${feed.bozo_exception}`).toBe(0);
        expect(feed.status).toBe(200);
        expect(feed.version, `${topic}.${format}`).toBe(expectedVersion[format]);
      }
    }
  });

  it('reads the JSON Feed 1.1 of every topic over HTTP (Debian feedparser 6.0.10 has no JSON Feed support)', async () => {
    for (const topic of ['nato', 'caucasus', 'empty']) {
      const feed = await readServed(`/topics/${topic}.json`);
      expect(feed.reader).toBe('json');
      expect(feed.status).toBe(200);
      expect(feed.content_type).toBe('application/feed+json; charset=utf-8');
      expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    }
  });

  it('sees the titles and ids of the NATO topic in all three formats', async () => {
    const ids = ['tag:topicwire,2024:rt/nato-south-caucasus', 'b7f3c2a1', 'tag:topicwire,2024:mirror/xss', 'tag:topicwire,2024:rt/control'].map(
      (id) => `urn:topicwire:topic:nato:${id}`,
    );
    const rss = await readServed('/topics/nato.rss');
    const atom = await readServed('/topics/nato.atom');
    const json = await readServed('/topics/nato.json');
    for (const feed of [rss, atom, json]) {
      expect(feed.title).toBe('NATO');
      expect(feed.entries[0]?.title).toBe("NATO's ambitions in the South Caucasus");
      expect(feed.entries[3]?.title).toBe('Control chars here ]]> and ]]> again');
    }
    expect(rss.entries.map((e) => e.id)).toEqual(ids);
    expect(json.entries.map((e) => e.id)).toEqual(ids);
    expect(atom.entries.map((e) => e.id)).toEqual(ids);
  });

  it('reads "AT&T <b>bold</b>" literally as plain text from Atom and JSON Feed', async () => {
    const atom = (await readServed('/topics/nato.atom')).entries[1];
    const json = (await readServed('/topics/nato.json')).entries[1];
    expect(atom?.title).toBe(AT_T);
    expect(atom?.title_type).toBe('text/plain');
    expect(json?.title).toBe(AT_T);
  });

  it('decodes the RSS title to the literal text (feedparser then guesses HTML from the "<b>", as it does for any RSS title)', async () => {
    const rss = (await readServed('/topics/nato.rss')).entries[1];
    // feedparser re-serialises what it takes for HTML: "&" comes back as "&amp;", the tags stay.
    expect(rss?.title_type).toBe('text/html');
    expect(rss?.title).toBe('AT&amp;T <b>bold</b>');
  });

  it('finds no script in the content feedparser hands to a reader', async () => {
    for (const format of ['rss', 'atom', 'json']) {
      const feed = await readServed(`/topics/nato.${format}`);
      // JSON Feed's summary is plain text by definition, so only its content_html is markup.
      const html = feed.entries.flatMap((e) => (format === 'json' ? e.content : [...e.content, e.summary])).join('\n');
      expect(html, format).not.toMatch(/<script|javascript:|onerror|<iframe/i);
    }
  });
});
