import { describe, expect, it } from 'vitest';
import { readCorpusFeed } from './read-corpus.js';

/** Other parsers' public test corpora (tests/fixtures/parse/corpus, derived/), read as a reader would see them. */
describe('namespaces by URI, not by prefix', () => {
  it('reads an Atom feed whose elements all carry an atom: prefix (W3C validator prefixed-namespace)', async () => {
    const { feed, items } = await readCorpusFeed('corpus/feedvalidator/prefixed-namespace.xml');
    expect(feed).toMatchObject({ format: 'atom', title: 'Example Feed', link: 'http://example.org/' });
    expect(items).toMatchObject([{ title: 'Atom-Powered Robots Run Amok', link: 'http://example.org/2003/12/13/atom03', summary: 'Some text.', publishedAt: '2003-12-13T18:30:02.000Z' }]);
  });

  it('reads RSS 1.0 with every element prefixed and no default namespace (feedparser)', async () => {
    const { feed, items } = await readCorpusFeed('corpus/feedparser/namespace/rss1.0withModulesNoDefNS.xml');
    expect(feed.title).toBe('RSS Tests - RSS 1.0 no Default NS');
    expect(items).toMatchObject([{
      title: 'Test Item - RSS 1.0 no Default NS',
      link: 'http://www.pocketsoap.com/weblog/rssTests/rss1.0withModulesNoDefNS.xml#1',
      publishedAt: '2002-09-28T20:01:19.000Z',
    }]);
    expect(items[0]?.summary).toMatch(/^This is a fairly standard RSS 1\.0 feed/);
  });

  it('keeps another namespace’s <description> out of the item (feedparser LocalNameClash)', async () => {
    const { items } = await readCorpusFeed('corpus/feedparser/namespace/rss1.0withModulesNoDefNSLocalNameClash.xml');
    expect(items.map((item) => item.summary)).toEqual(['correct description']);
  });

  it('reads <r:rss> in the RSS 2.0 namespace under a prefix (feedparser rss2.0NSwithModulesNoDefNS)', async () => {
    const { feed, items } = await readCorpusFeed('corpus/feedparser/namespace/rss2.0NSwithModulesNoDefNS.xml');
    expect(feed).toMatchObject({ format: 'rss', title: 'RSS Tests - RSS2.0 w/ NS no default NS', lang: 'en-gb' });
    expect(items.map((item) => [item.title, item.link])).toEqual([
      ['Test Item - - RSS2.0 w/ NS no default NS', 'http://www.pocketsoap.com/weblog/rssTests/rss2.0withModulesNoDefNS.xml#1'],
    ]);
  });

  it('reads iTunes elements under the DTDs spelling of their namespace (feedparser itunes_item_summary)', async () => {
    const { items } = await readCorpusFeed('corpus/feedparser/itunes/itunes_item_summary.xml');
    expect(items.map((item) => item.summary)).toEqual(['Example summary']);
  });

  it('reads a YouTube feed’s media:description as the summary, under any prefix', async () => {
    for (const name of ['corpus/capyreader/atom-feed-youtube.xml', 'derived/youtube-other-prefixes.xml']) {
      const { feed, items } = await readCorpusFeed(name);
      expect(feed.title).toBe('Digital Foundry');
      expect(items.map((item) => item.title)).toEqual([
        'Digital Foundry Games of 2024: The Oliver Mackenzie Collection!',
        'Call of Duty: Black Ops 6 PS5 Pro Upgrades Tested + Tech Deep Dive!',
      ]);
      expect(items[0]?.link).toBe('https://www.youtube.com/watch?v=W_S7iKZZdHw');
      expect(items[0]?.summary).toMatch(/^As the holiday period begins to unwind/);
      expect(items[1]?.text).toMatch(/PS5 Pro upgrade for Black Ops 6/);
    }
  });

  it('reads Dublin Core and content:encoded under prefixes of the publisher’s choosing', async () => {
    const { items } = await readCorpusFeed('derived/other-prefixes-rss.xml');
    expect(items[0]).toMatchObject({ title: 'Namespaces, winding down', author: 'Dave Winer', publishedAt: '2002-09-30T01:56:02.000Z' });
    expect(items[0]?.contentHtml).toBe('<p>With any luck we should have one or two more days of namespaces stuff here.</p>');
  });
});

describe('fallback fields', () => {
  it.each([
    ['item_dc_title.xml', { title: 'Example title' }],
    ['item_dc_description.xml', { summary: 'Example description' }],
    ['item_dcterms_created.xml', { publishedAt: '2003-12-31T10:14:55.000Z' }],
    ['item_dcterms_issued.xml', { publishedAt: '2003-12-31T10:14:55.000Z' }],
    ['item_dcterms_modified.xml', { updatedAt: '2003-12-31T10:14:55.000Z', publishedAt: '2003-12-31T10:14:55.000Z' }],
    ['item_xhtml_body.xml', { contentHtml: '<p>Example content</p>', summary: 'Example content' }],
  ])('reads feedparser’s %s', async (name, expected) => {
    const { items } = await readCorpusFeed(`corpus/feedparser/rss/${name}`);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject(expected);
  });

  it('takes itunes:title, atom:published/updated and <body> when the RSS elements are missing', async () => {
    const { items } = await readCorpusFeed('derived/fallback-fields-rss.xml');
    expect(items[0]).toMatchObject({ title: 'Namespaces, winding down', publishedAt: '2002-09-30T01:56:02.000Z', updatedAt: '2002-09-30T03:00:00.000Z' });
    expect(items[1]?.contentHtml).toBe('<p>Joshua Allen: <a href="http://www.netcrucible.com/blog/2002/09/29.html#a243">Who loves namespaces?</a></p>');
    expect(items[1]?.summary).toBe('Joshua Allen: Who loves namespaces?');
  });
});

describe('lenient where readers are', () => {
  it('reads a JSON Feed whose version is "1.0", not the URL (gofeed sample.json)', async () => {
    const { feed, items } = await readCorpusFeed('corpus/gofeed/sample.json');
    expect(feed).toMatchObject({ format: 'json', title: 'title', link: 'https://sample-json-feed.com' });
    expect(items).toMatchObject([{ guid: 'id', title: 'title', link: 'https://sample-json-feed.com/id', author: 'author_name' }]);
  });

  it('reads an Atom entry document as a feed of one entry (W3C validator brief-entry-noerror)', async () => {
    const { feed, items } = await readCorpusFeed('corpus/feedvalidator/brief-entry-noerror.xml');
    expect(feed.format).toBe('atom');
    expect(items).toMatchObject([{ title: 'Atom-Powered Robots Run Amok', link: 'http://example.org/2003/12/13/atom03', author: 'John Doe', summary: 'Some text.' }]);
  });

  it('reads RSS after an XHTML DOCTYPE instead of calling it an HTML page', async () => {
    const { feed, items } = await readCorpusFeed('derived/xhtml-doctype-rss.xml');
    expect(feed.title).toBe('Scripting News');
    expect(items).toHaveLength(8);
  });

  it('skips empty <item>s with a warning and keeps the others', async () => {
    const { feed, items } = await readCorpusFeed('derived/empty-item.xml');
    expect(items).toHaveLength(8);
    expect(items.map((item) => item.title)).toContain('Law and Order');
    expect(feed.warnings).toEqual(['skipped 2 empty entries']);
  });

  it('skips an empty <entry> with a warning, never calling the document not well-formed', async () => {
    const { feed, items } = await readCorpusFeed('derived/empty-entry.xml');
    expect(items.map((item) => item.guid)).toEqual(['yt:video:W_S7iKZZdHw', 'yt:video:U-AfiD2NgYg']);
    expect(feed.warnings).toEqual(['skipped 1 empty entry']);
  });

  it('takes rel="alternate" in its IANA IRI form, never an enclosure or replies link', async () => {
    const { feed, items } = await readCorpusFeed('derived/atom-entry-link-rels.xml');
    expect(feed.link).toBe('http://example.com/');
    expect(items.map((item) => item.link)).toEqual(['http://example.com/12']);
  });
});

describe('links resolved once', () => {
  it('resolves relative hrefs holding &amp;, &#38; and &#x26; to one URL each, escaped once', async () => {
    const { items } = await readCorpusFeed('derived/relative-ampersands.xml', 'http://www.nbc.com/feeds/shows.xml');
    expect(items).toHaveLength(3);
    items.forEach((item, index) => {
      expect(item.contentHtml).toContain(`<a href="http://www.nbc.com/shows/Law_&amp;_Order/index.html?page=1&amp;part=${index + 1}">`);
      expect(item.contentHtml).not.toMatch(/&amp;#|&amp;amp;/);
    });
  });
});

describe('the full HTML5 list of named references', () => {
  it('decodes names HTML 4 did not have, in the XML and in escaped HTML', async () => {
    const { feed, items } = await readCorpusFeed('derived/html5-entities.xml');
    expect(feed.title).toBe('Scripting News — namespaces… ✓');
    expect(items[0]?.title).toBe('Options [1] ‐ Λ ≂̸ …');
    expect(items[1]?.summary).toBe('Joshua Allen: [quote] “Who” Who loves namespaces?');
  });
});
