import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { toTopicEntryId } from '../../src/publish/links.js';
import { renderSite } from '../../src/publish/site.js';
import { loadSiteInput } from '../fixtures/publish/load-site-input.js';
import { collectStrings, findActiveContent, FORBIDDEN_XML_CHAR, NOW, textAt } from './render-helpers.js';

interface XmlNode {
  _?: string;
  $?: Record<string, string>;
  [key: string]: unknown;
}

/** Fields rss-parser sets on Atom entries or through customFields, missing from its Item type. */
interface CustomItem {
  source?: XmlNode[];
  updated?: string;
  creator?: string;
  id?: string;
  author?: string;
  'content:encoded'?: string;
}

const parser = new Parser<Record<string, unknown>, CustomItem>({
  customFields: { item: [['source', 'source', { keepArray: true }], 'updated'] },
});

const input = loadSiteInput();
const files = renderSite(input, NOW);
const AT_T = 'AT&T <b>bold</b>';

interface JsonItem {
  id: string;
  url?: string;
  title?: string;
  content_html?: string;
  content_text?: string;
  summary?: string;
  date_published?: string;
  date_modified?: string;
  authors?: { name?: string }[];
  author?: unknown;
  tags?: string[];
  _topicwire?: { source: { id: string; title: string }; also_reported_by: { source: { id: string }; url?: string }[] };
}

interface JsonFeedDoc {
  version: string;
  title: string;
  home_page_url?: string;
  feed_url?: string;
  items: JsonItem[];
  author?: unknown;
}

function readJson(path: string): JsonFeedDoc {
  return JSON.parse(textAt(files, path)) as JsonFeedDoc;
}

/**
 * Each topic's entry id is the topic's and the story's: the same in RSS, Atom and
 * JSON Feed, and never the same in two topics (readers key items by guid across
 * feeds). These strings are a contract: a changed derivation shows every reader
 * every entry again.
 */
const NATO_IDS = [
  'urn:topicwire:topic:nato:tag:topicwire,2024:rt/nato-south-caucasus',
  'urn:topicwire:topic:nato:b7f3c2a1',
  'urn:topicwire:topic:nato:tag:topicwire,2024:mirror/xss',
  'urn:topicwire:topic:nato:tag:topicwire,2024:rt/control',
];

describe('entry ids', () => {
  it('differ between topics for one story, and are the same in all three formats', async () => {
    const shared = 'tag:topicwire,2024:rt/nato-south-caucasus';
    expect(input.topics[1]?.entries.some((e) => e.id === shared)).toBe(true);
    const caucasus = await parser.parseString(textAt(files, '/topics/caucasus.rss'));
    expect(caucasus.items.map((i) => i.guid)).toContain(`urn:topicwire:topic:caucasus:${shared}`);
    expect(caucasus.items.map((i) => i.guid)).not.toContain(NATO_IDS[0]);
    const atom = await parser.parseString(textAt(files, '/topics/caucasus.atom'));
    expect(atom.items.map((i) => i.id)).toEqual(caucasus.items.map((i) => i.guid));
    expect(readJson('/topics/caucasus.json').items.map((i) => i.id)).toEqual(caucasus.items.map((i) => i.guid));
  });

  it("derive from a topicwire story id by the topic's id alone", () => {
    expect(toTopicEntryId('caucasus', 'urn:topicwire:story:0123456789abcdef0123456789abcdef')).toBe('urn:topicwire:topic:caucasus:story:0123456789abcdef0123456789abcdef');
    expect(toTopicEntryId('nato', 'a b<c>')).toBe('urn:topicwire:topic:nato:a%20b%3Cc%3E');
  });
});

describe('RSS 2.0 output', () => {
  it('reads back with rss-parser: channel, items newest first, guids, dates, categories, author, source', async () => {
    const feed = await parser.parseString(textAt(files, '/topics/nato.rss'));
    expect(feed.title).toBe('NATO');
    expect(feed.description).toBe('Everything about the alliance & its neighbours');
    expect(feed.link).toBe('http://localhost:8080/');
    expect(feed.feedUrl).toBe('http://localhost:8080/topics/nato.rss');
    expect(feed['generator']).toBe('topicwire');
    expect(feed['lastBuildDate']).toBe('Thu, 02 May 2024 09:30:00 GMT');
    expect(feed.items.map((i) => i.guid)).toEqual(NATO_IDS);
    const [first, second] = feed.items;
    expect(first?.title).toBe("NATO's ambitions in the South Caucasus");
    expect(first?.link).toBe('https://www.rt.com/news/596845-nato-south-caucasus/?utm_source=rss&a=1');
    expect(first?.isoDate).toBe('2024-05-02T09:00:00.000Z');
    expect(first?.categories).toEqual(['World News', 'NATO']);
    expect(first?.creator).toBe('RT');
    expect(first?.source).toEqual([{ _: 'RT', $: { url: 'https://www.rt.com/rss/news/' } }]);
    expect(second?.categories).toEqual(['Business & Tech']);
    // A source read from a file has no URL of its own; the required url points home.
    expect(second?.source).toEqual([{ _: 'Global <Mirror> & Co', $: { url: 'http://localhost:8080/' } }]);
  });

  it('marks guids as not permalinks', () => {
    expect(textAt(files, '/topics/nato.rss')).toContain('<guid isPermaLink="false">urn:topicwire:topic:nato:b7f3c2a1</guid>');
  });

  it('gives the literal title "AT&T <b>bold</b>" as plain text', async () => {
    const feed = await parser.parseString(textAt(files, '/topics/nato.rss'));
    expect(feed.items[1]?.title).toBe(AT_T);
  });
});

describe('Atom 1.0 output', () => {
  it('reads back with rss-parser: ids as IRIs, links, dates, authors, atom:source', async () => {
    const text = textAt(files, '/topics/nato.atom');
    const feed = await parser.parseString(text);
    expect(feed.title).toBe('NATO');
    expect(feed.link).toBe('http://localhost:8080/');
    expect(feed.feedUrl).toBe('http://localhost:8080/topics/nato.atom');
    expect(feed['lastBuildDate']).toBe('2024-05-02T09:30:00.000Z');
    expect(feed.items.map((i) => i.id)).toEqual(NATO_IDS);
    const [first, second] = feed.items;
    expect(first?.link).toBe('https://www.rt.com/news/596845-nato-south-caucasus/?utm_source=rss&a=1');
    expect(first?.pubDate).toBe('2024-05-02T09:00:00.000Z');
    expect(first?.updated).toBe('2024-05-02T09:30:00.000Z');
    expect(first?.author).toBe('RT');
    // No author of its own: the source's name stands in, as RFC 4287 §4.1.2 requires one.
    expect(second?.author).toBe('Global <Mirror> & Co');
    expect(first?.source?.[0]?.['title']).toEqual(['RT']);
    expect(first?.source?.[0]?.['link']).toEqual([{ $: { rel: 'self', href: 'https://www.rt.com/rss/news/' } }, { $: { rel: 'alternate', href: 'https://www.rt.com/' } }]);
    expect(second?.source?.[0]?.['id']).toEqual(['urn:topicwire:source:mirror']);
    expect(text).toContain('<category term="Business &amp; Tech"/>');
  });

  it('writes titles as type="text" so "AT&T <b>bold</b>" reads back literally (feed 6.0 writes unescaped type="html")', async () => {
    const text = textAt(files, '/topics/nato.atom');
    expect(text).toContain('<title type="text">AT&amp;T &lt;b&gt;bold&lt;/b&gt;</title>');
    expect(text).not.toContain('type="html"><![CDATA[AT&T');
    const feed = await parser.parseString(text);
    expect(feed.items[1]?.title).toBe(AT_T);
  });
});

describe('JSON Feed output', () => {
  it('is version 1.1 with the required fields and "authors" arrays, never the deprecated "author"', () => {
    const doc = readJson('/topics/nato.json');
    expect(doc.version).toBe('https://jsonfeed.org/version/1.1');
    expect(doc.title).toBe('NATO');
    expect(doc.home_page_url).toBe('http://localhost:8080/');
    expect(doc.feed_url).toBe('http://localhost:8080/topics/nato.json');
    expect(doc.author).toBeUndefined();
    expect(doc.items.map((i) => i.id)).toEqual(NATO_IDS);
    for (const item of doc.items) {
      expect(typeof (item.content_html ?? item.content_text)).toBe('string');
      expect(item.author).toBeUndefined();
      expect(item.authors?.length).toBe(1);
    }
    const [first, second] = doc.items;
    expect(first?.authors).toEqual([{ name: 'RT' }]);
    expect(first?.date_published).toBe('2024-05-02T09:00:00.000Z');
    expect(first?.date_modified).toBe('2024-05-02T09:30:00.000Z');
    expect(first?.tags).toEqual(['World News', 'NATO']);
    expect(first?.summary).toBe('The alliance is looking at Baku, Yerevan and Tbilisi.');
    expect(second?.title).toBe(AT_T);
  });

  it('carries the source and the other sources in a _topicwire extension', () => {
    const [first, , xss] = readJson('/topics/nato.json').items;
    expect(first?._topicwire?.source).toEqual({ id: 'rt', title: 'RT', feed_url: 'https://www.rt.com/rss/news/', home_page_url: 'https://www.rt.com/' });
    expect(first?._topicwire?.also_reported_by.map((o) => [o.source.id, o.url])).toEqual([
      ['mirror', 'https://mirror.example/2024/05/nato-caucasus?x=1&y=2'],
      ['civil', 'https://civil.ge/archives/600001'],
    ]);
    // A javascript: link from another source is not republished.
    expect(xss?._topicwire?.also_reported_by).toEqual([{ source: { id: 'rt', title: 'RT', feed_url: 'https://www.rt.com/rss/news/' }, date_published: '2024-04-30T08:00:00.000Z' }]);
  });
});

describe('content of every format', () => {
  async function contents(): Promise<Record<string, string[]>> {
    const rss = await parser.parseString(textAt(files, '/topics/nato.rss'));
    const atom = await parser.parseString(textAt(files, '/topics/nato.atom'));
    const json = readJson('/topics/nato.json');
    return {
      rss: rss.items.flatMap((i) => [i['content:encoded'] ?? '', i.content ?? '']),
      atom: atom.items.flatMap((i) => [i.content ?? '', i.summary ?? '']),
      json: json.items.map((i) => i.content_html ?? ''),
    };
  }

  it('leaves XSS payloads inert', async () => {
    for (const [format, htmls] of Object.entries(await contents())) {
      for (const html of htmls) expect(findActiveContent(html), `${format}: ${html}`).toEqual([]);
      expect(htmls.join(''), format).not.toMatch(/alert\('(xss|img|href|tab|svg|svg-script|also)'\)/);
    }
  });

  it('says how many outlets reported the story, which first, and lists the others with links and dates, escaped', async () => {
    const mirror = '<a href="https://mirror.example/2024/05/nato-caucasus?x=1&amp;y=2">Global &lt;Mirror&gt; &amp; Co</a>';
    for (const [format, htmls] of Object.entries(await contents())) {
      const first = htmls[0] ?? '';
      expect(first, format).toContain(`<p>Reported by 3 outlets; first by ${mirror}, 2024-05-01 09:30 UTC.</p>`);
      expect(first, format).toContain(
        `<p>Also reported by:</p><ul><li>${mirror}, 2024-05-01 09:30 UTC</li><li><a href="https://civil.ge/archives/600001">Civil.ge</a>, 2024-05-01 11:05 UTC</li></ul>`,
      );
      // A story one outlet reported says nothing of coverage.
      expect(htmls[1] ?? '', format).not.toContain('Reported by');
    }
  });

  it('gives JSON Feed readers the coverage as data: outlets, the first report, every other with its date', async () => {
    const feed = JSON.parse(textAt(files, '/topics/nato.json')) as { items: { _topicwire: Record<string, unknown> }[] };
    const ext = feed.items[0]?._topicwire;
    expect(ext?.['outlets']).toBe(3);
    expect(ext?.['first_reported_by']).toMatchObject({ source: { id: 'mirror' }, url: 'https://mirror.example/2024/05/nato-caucasus?x=1&y=2', date_published: '2024-05-01T09:30:00.000Z' });
    expect(ext?.['also_reported_by']).toEqual([
      expect.objectContaining({ source: expect.objectContaining({ id: 'mirror' }), date_published: '2024-05-01T09:30:00.000Z' }),
      expect.objectContaining({ source: expect.objectContaining({ id: 'civil' }), url: 'https://civil.ge/archives/600001', date_published: '2024-05-01T11:05:00.000Z' }),
    ]);
  });

  it('makes relative URLs absolute against the item link', async () => {
    const rss = (await contents())['rss']?.[0];
    expect(rss).toContain('<a href="https://www.rt.com/tags/baku">Baku</a>');
    expect(rss).toContain('<img src="https://www.rt.com/news/596845-nato-south-caucasus/images/map.png" alt="map" />');
  });

  it('keeps "]]>" in content and titles intact', async () => {
    const rss = await parser.parseString(textAt(files, '/topics/nato.rss'));
    const atom = await parser.parseString(textAt(files, '/topics/nato.atom'));
    expect(rss.items[3]?.title).toBe('Control chars here ]]> and ]]> again');
    expect(atom.items[3]?.title).toBe('Control chars here ]]> and ]]> again');
    expect(atom.items[3]?.content).toBe('<p>formfeed  and CDATA end ]]&gt; twice ]]&gt;</p>');
  });

  it('contains no character XML 1.0 forbids, in any file or JSON string', () => {
    for (const [path, file] of files) {
      expect(FORBIDDEN_XML_CHAR.test(file.body.toString('utf8')), path).toBe(false);
      if (path.endsWith('.json')) {
        const bad = collectStrings(JSON.parse(file.body.toString('utf8'))).filter((s) => FORBIDDEN_XML_CHAR.test(s));
        expect(bad, path).toEqual([]);
      }
    }
    expect(textAt(files, '/topics/nato.rss')).toContain('<category>category</category>');
  });

  it('keeps non-Latin text and astral characters', async () => {
    const feed = await parser.parseString(textAt(files, '/topics/caucasus.atom'));
    expect(feed.items[1]?.title).toBe('Тбилиси: протесты продолжаются');
    expect(feed.items[1]?.content).toContain('😀');
  });
});

describe('stability', () => {
  it('renders byte-identical files, ETags and dates when only the clock differs (but for a topic with no entries)', () => {
    const later = renderSite(loadSiteInput(), new Date('2030-01-01T00:00:00Z'));
    expect([...later.keys()]).toEqual([...files.keys()]);
    for (const [path, file] of files) {
      // An empty topic has no date but its build's.
      if (path.startsWith('/topics/empty.')) continue;
      const again = later.get(path);
      expect(again?.body.equals(file.body), path).toBe(true);
      expect(again?.etag, path).toBe(file.etag);
      expect(again?.lastModified.getTime(), path).toBe(file.lastModified.getTime());
    }
  });

  it('uses the newest entry\'s update as the feed date, the build time for an empty topic', () => {
    expect(textAt(files, '/topics/caucasus.atom')).toContain('<updated>2024-05-02T09:30:00.000Z</updated>');
    expect(textAt(files, '/topics/empty.atom')).toContain(`<updated>${NOW.toISOString()}</updated>`);
    expect(textAt(files, '/topics/empty.rss')).toContain(`<lastBuildDate>${NOW.toUTCString()}</lastBuildDate>`);
  });
});
