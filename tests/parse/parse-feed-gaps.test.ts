import { describe, expect, it } from 'vitest';
import { ParseError } from '../../src/errors.js';
import { htmlToText, parseFeed } from '../../src/parse/index.js';
import { readFixture } from './read-fixture.js';

const FEED_URL = 'https://feeds.example.com/feed.xml';

describe('parseFeed: titles holding markup come back as strings', () => {
  it('unwraps an Atom xhtml title in document order, ignoring <source>’s title', async () => {
    const feed = await parseFeed(readFixture('markup-titles.xml'), FEED_URL);
    expect(feed.title).toBe('The Markup Feed');
    const title = feed.items[0]?.title;
    expect(typeof title).toBe('string');
    expect(title).toBe('Hello <b>bold</b> world &amp; <i>more</i> text');
    expect(htmlToText(title ?? '')).toBe('Hello bold world & more text');
  });

  it('keeps the markup of an RSS title with child elements', async () => {
    const feed = await parseFeed(readFixture('rss-markup-title.xml'), FEED_URL);
    expect(feed.items[0]?.title).toBe('Breaking: <b>NATO</b> summit <i>opens</i> today');
  });
});

describe('parseFeed: base64 Atom content (RFC 4287 §4.1.3.3)', () => {
  it('decodes mode="base64" and non-text media types, drops binary with a warning', async () => {
    const feed = await parseFeed(readFixture('atom-base64.xml'), FEED_URL);
    expect(feed.items.map((item) => item.contentHtml)).toEqual([
      '<p>Decoded <b>HTML</b> from Baku</p>',
      'Plain words &amp; symbols &lt;ok&gt;',
      undefined,
    ]);
    expect(feed.warnings).toEqual(['entry 3: dropped <content> of binary type image/png']);
  });
});

describe('parseFeed: empty feeds', () => {
  it('returns no items for an empty channel', async () => {
    const feed = await parseFeed(readFixture('empty-channel.xml'), FEED_URL);
    expect(feed).toEqual({ format: 'rss', items: [], warnings: [] });
  });

  it.each([
    ['<rss/>', readFixture('empty-rss.xml'), 'rss'],
    ['<rss> without a channel', '<rss version="2.0"><other/></rss>', 'rss'],
    ['<rdf:RDF/>', '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>', 'rdf'],
    ['<feed/>', '<feed xmlns="http://www.w3.org/2005/Atom"/>', 'atom'],
  ])('returns no items for %s instead of rss-parser’s TypeError', async (_name, xml, format) => {
    const feed = await parseFeed(xml, FEED_URL);
    expect(feed.format).toBe(format);
    expect(feed.items).toEqual([]);
  });
});

describe('parseFeed: entities', () => {
  it('strips a DOCTYPE with entity declarations without expanding them', async () => {
    const feed = await parseFeed(readFixture('doctype-entities.xml'), FEED_URL);
    expect(feed.title).toBe('Entity bomb');
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]?.title).toBe('&lol9;');
    expect(feed.items[0]?.summaryHtml).toBe('&xxe;');
    expect(feed.warnings).toContain('stripped the <!DOCTYPE> declaration; its entities were not expanded');
  });

  it('maps HTML named entities and keeps CDATA as written', async () => {
    const feed = await parseFeed(readFixture('stray-ampersand.xml'), FEED_URL);
    expect(feed.items[0]?.summaryHtml).toBe('Caé \u00a0au lait — © AT&T “quoted” &unknown; <p>inside CDATA: a & b</p>');
    expect(feed.warnings).toContain('mapped 4 HTML named entities to character references');
  });

  it('drops character references to characters XML forbids instead of failing', async () => {
    const feed = await parseFeed('<rss version="2.0"><channel><item><title>a&#1;b&#x110000;c&#65;</title></item></channel></rss>', FEED_URL);
    expect(feed.items[0]?.title).toBe('abcA');
    expect(feed.warnings).toEqual(['dropped 2 character references to characters XML does not allow']);
  });

  it('does not take a DOCTYPE inside CDATA content for the document’s', async () => {
    const xml = '<rss version="2.0"><channel><item><description><![CDATA[<!DOCTYPE html><p>x</p>]]></description></item></channel></rss>';
    const feed = await parseFeed(xml, FEED_URL);
    expect(feed.items[0]?.summaryHtml).toBe('<!DOCTYPE html><p>x</p>');
    expect(feed.warnings).toEqual([]);
  });
});

describe('parseFeed: what is not a feed', () => {
  it.each([
    ['an HTML page', readFixture('html-page.html'), 'not a feed: looks like an HTML page'],
    ['an HTML page without a doctype', '<html><body>hi</body></html>', 'not a feed: looks like an HTML page'],
    ['an empty body', '', 'not a feed: the body is empty'],
    ['a body of whitespace and a BOM', '\uFEFF  \n\t', 'not a feed: the body is empty'],
    ['plain text', 'Service Unavailable', 'not a feed: the body is neither XML nor JSON (it starts with "Service Unavailable")'],
    ['another XML vocabulary', '<?xml version="1.0"?><opml version="2.0"><body/></opml>', 'not a feed: root element <opml> is not <rss>, <rdf:RDF> or <feed>'],
  ])('rejects %s with a ParseError', async (_name, body, message) => {
    const error: unknown = await parseFeed(body, FEED_URL).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).message).toBe(message);
  });
});
