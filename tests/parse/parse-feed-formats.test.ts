import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/parse/index.js';
import { readFixture } from './read-fixture.js';

const FEED_URL = 'https://feeds.example.com/feed.xml';

describe('parseFeed: RSS 2.0', () => {
  it('reads content:encoded, dc:creator, categories and the channel', async () => {
    const feed = await parseFeed(readFixture('rss2-content.xml'), 'https://www.rt.com/rss/news/');
    expect(feed).toMatchObject({ format: 'rss', title: 'RT - Daily news', link: 'https://www.rt.com/', description: 'RT Russia News', lang: 'en', warnings: [] });
    expect(feed.items).toHaveLength(2);
    const [first, second] = feed.items;
    expect(first).toMatchObject({
      guid: 'https://www.rt.com/russia/593457-nato-caucasus-stability-kremlin/',
      title: 'NATO will not bring stability to the Caucasus – Kremlin',
      summaryHtml: 'The bloc’s desire to gain a foothold in the region is no secret, spokesman Dmitry Peskov said',
      author: 'RT',
      categories: ['Russia', 'NATO', 'NATO', 'Caucasus'],
      published: 'Tue, 19 Mar 2024 14:27:00 GMT',
    });
    expect(first?.contentHtml).toContain('<a href="/tags/azerbaijan/">Azerbaijan</a>');
    expect(first?.baseUrl).toBeUndefined();
    // "email (Name)" is reduced to the name; a permalink guid does not replace <link>.
    expect(second).toMatchObject({ author: 'RT Business Desk', link: '/business/593460-moscow-beijing-energy/' });
    expect(second?.summaryHtml).toBe('<p>Gas supplies <b>will grow</b>, officials said.</p>');
    expect(second?.contentHtml).toBeUndefined();
  });

  it('accepts an <rss> without a version attribute', async () => {
    const feed = await parseFeed(readFixture('rss-no-version.xml'), FEED_URL);
    expect(feed.format).toBe('rss');
    expect(feed.title).toBe('Versionless');
    expect(feed.items.map((item) => item.title)).toEqual(['Still a feed']);
  });

  it('takes a permalink guid as the link when there is no <link>', async () => {
    const xml = '<rss version="2.0"><channel><item><guid>https://x.example/p/1</guid></item><item><guid isPermaLink="false">https://x.example/p/2</guid></item></channel></rss>';
    const feed = await parseFeed(xml, FEED_URL);
    expect(feed.items.map((item) => item.link)).toEqual(['https://x.example/p/1', undefined]);
  });
});

describe('parseFeed: Atom 1.0', () => {
  it('resolves feed-level and entry-level xml:base (RFC 4287 §2)', async () => {
    const feed = await parseFeed(readFixture('atom-xml-base.xml'), FEED_URL);
    expect(feed).toMatchObject({ format: 'atom', title: 'Example Blog', description: 'News & notes', lang: 'en-GB', link: 'https://example.org/blog/' });
    expect(feed.items.map((item) => item.baseUrl)).toEqual([
      'https://example.org/blog/',
      'https://cdn.example.net/archive/2024/',
      'https://example.org/blog/sub/',
    ]);
    expect(feed.items.map((item) => item.link)).toEqual(['2024/03/first-post', 'second.html', 'third']);
  });

  it('reads text constructs by type, authors, categories and dates', async () => {
    const feed = await parseFeed(readFixture('atom-xml-base.xml'), FEED_URL);
    const [first, second, third] = feed.items;
    expect(first).toMatchObject({
      guid: 'tag:example.org,2024:first',
      summaryHtml: 'A &lt;short&gt; summary &amp; more.',
      author: 'Jane Example',
      categories: ['notes'],
      published: '2024-03-19T08:00:00+01:00',
      updated: '2024-03-19T09:30:00+01:00',
    });
    expect(second).toMatchObject({ title: 'Entry-level <em>base</em>', author: 'Guest Writer' });
    expect(second?.contentHtml).toBe('<p>Photo: <img src="photo.jpg"/> by <a href="../people/ann">Ann</a>, and <b>bold</b> text.</p>');
    expect(third).toMatchObject({ contentHtml: 'Less &lt;than&gt; three', author: 'Jane Example' });
  });

  it('uses the document URL as the base when there is no xml:base', async () => {
    const feed = await parseFeed(readFixture('republished-atom.xml'), FEED_URL);
    expect(feed.items[0]?.baseUrl).toBe(FEED_URL);
  });

  it('survives what rss-parser would throw on: a bad <published>, a <link> without attributes', async () => {
    const feed = await parseFeed(readFixture('atom-rss-parser-traps.xml'), FEED_URL);
    expect(feed.link).toBe('https://traps.example.com/');
    expect(feed.items.map((item) => [item.published, item.updated, item.link])).toEqual([
      ['yesterday-ish', '2024-03-19T10:00:00Z', 'https://traps.example.com/1'],
      [undefined, '2024-03-19T11:00:00Z', 'https://traps.example.com/2'],
    ]);
  });
});

describe('parseFeed: RSS 1.0 (RDF)', () => {
  it('reads items beside the channel, rdf:about as guid, dc: fields', async () => {
    const feed = await parseFeed(readFixture('rss1-rdf.xml'), FEED_URL);
    expect(feed).toMatchObject({ format: 'rdf', title: 'Example Japan News', link: 'https://news.example.jp/', lang: 'ja' });
    expect(feed.items).toEqual([
      {
        guid: 'https://news.example.jp/a/1',
        link: 'https://news.example.jp/a/1',
        title: 'Tbilisi talks resume',
        summaryHtml: 'Talks in Tbilisi resumed on Monday.',
        author: 'Sato Hanako',
        categories: ['Georgia'],
        published: '2024-03-18T09:00:00+09:00',
      },
      { guid: 'https://news.example.jp/a/2', link: 'https://news.example.jp/a/2', title: 'Second item', categories: [], published: '2024-03-18T10:00:00+09:00' },
    ]);
  });
});

describe('parseFeed: JSON Feed', () => {
  it('reads version 1.1', async () => {
    const feed = await parseFeed(readFixture('jsonfeed-1.1.json'), FEED_URL);
    expect(feed).toMatchObject({ format: 'json', title: 'Example JSON Feed', link: 'https://json.example.com/', lang: 'de' });
    expect(feed.items).toHaveLength(2);
    expect(feed.warnings).toEqual(['skipped item 3: not a JSON object']);
    expect(feed.items[0]).toMatchObject({
      guid: '2024-03-19-kaukasus',
      link: 'https://json.example.com/posts/kaukasus',
      title: 'Stoltenberg im Südkaukasus',
      summaryHtml: 'Reise nach Baku &amp; Eriwan',
      author: 'Anna Schmidt',
      categories: ['NATO', 'Kaukasus', 'NATO'],
      published: '2024-03-19T12:00:00+01:00',
      updated: '2024-03-19T13:00:00+01:00',
    });
    // content_text is plain text: escaped so it stays text when read as HTML.
    expect(feed.items[1]).toMatchObject({ contentHtml: 'Plain text with &lt;angle&gt; brackets &amp; ampersands.', author: 'Feed Author', lang: 'en' });
  });

  it('reads version 1.0: numeric id, single author', async () => {
    const feed = await parseFeed(readFixture('jsonfeed-1.0.json'), FEED_URL);
    expect(feed.items).toEqual([
      { guid: '42', link: '/posts/42', title: 'Numbered id', contentHtml: 'Hello from JSON Feed 1.0.', author: 'Old Author', categories: [], published: '2024-03-01T00:00:00Z' },
    ]);
  });

  it('rejects JSON that is not a JSON Feed, and broken JSON', async () => {
    await expect(parseFeed('{"version": "2.0", "items": []}', FEED_URL)).rejects.toThrow(/JSON without a JSON Feed "version"/);
    await expect(parseFeed('{"version": ', FEED_URL)).rejects.toThrow(/invalid JSON/);
  });
});
