import { describe, expect, it } from 'vitest';
import { ParseError } from '../../src/errors.js';
import { parseFeed } from '../../src/parse/index.js';
import { readFixture } from './read-fixture.js';

const FEED_URL = 'https://feeds.example.com/feed.xml';

describe('parseFeed: stray ampersands', () => {
  it('escapes each & that starts no valid reference and reads the whole feed', async () => {
    const feed = await parseFeed(readFixture('stray-ampersand.xml'), FEED_URL);
    expect(feed.title).toBe('Q&A Weekly');
    expect(feed.link).toBe('https://qa.example.com/?a=1&b=2');
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]).toMatchObject({
      title: 'Armenia & Azerbaijan: the talks & the map',
      link: 'https://qa.example.com/story?id=7&ref=rss',
    });
    expect(feed.warnings).toContain('escaped 6 stray ampersands');
  });
});

describe('parseFeed: text before the root element', () => {
  it('drops a PHP warning printed ahead of the XML', async () => {
    const body = '<br />\n<b>Warning</b>:  Undefined variable $x in <b>/var/www/feed.php</b> on line <b>3</b><br />\n<?xml version="1.0"?><rss version="2.0"><channel><title>After junk</title><item><title>Kept</title></item></channel></rss>';
    const feed = await parseFeed(body, FEED_URL);
    expect(feed.title).toBe('After junk');
    expect(feed.items.map((item) => item.title)).toEqual(['Kept']);
    expect(feed.warnings).toEqual([`skipped ${body.indexOf('<rss')} characters of text before the feed's root element`]);
  });
});

describe('parseFeed: entries that are not well-formed', () => {
  it('keeps the sound entries and says how many were skipped', async () => {
    const feed = await parseFeed(readFixture('mismatched-tag.xml'), FEED_URL);
    expect(feed.title).toBe('Broken but useful');
    expect(feed.link).toBe('https://broken.example.com/');
    expect(feed.items.map((item) => item.link)).toEqual([
      'https://broken.example.com/1',
      'https://broken.example.com/3',
      'https://broken.example.com/5',
    ]);
    expect(feed.items[0]?.author).toBe('Alice');
    expect(feed.items[1]?.title).toBe('Third sound item with </item> inside CDATA');
    expect(feed.warnings).toEqual([
      'the document is not well-formed XML (Unexpected close tag at line 12, column 35); its entries were read one by one',
      'skipped 2 of 5 entries that were not well-formed XML',
    ]);
  });

  it('recovers Atom entries in the root’s namespace and xml:base', async () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example.com/news/">
      <title>Atom</title>
      <entry><title>Good</title><id>1</id><link href="good"/></entry>
      <entry><title>Bad</i></title><id>2</id></entry>
    </feed>`;
    const feed = await parseFeed(xml, FEED_URL);
    expect(feed.items).toEqual([{ guid: '1', title: 'Good', link: 'good', categories: [], baseUrl: 'https://atom.example.com/news/' }]);
    expect(feed.warnings.at(-1)).toBe('skipped 1 of 2 entries that were not well-formed XML');
  });

  it('recovers RDF items', async () => {
    const xml = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
      <channel rdf:about="https://r.example/"><title>R</title><link>https://r.example/</link></channel>
      <item rdf:about="https://r.example/1"><title>One</title><link>https://r.example/1</link></item>
      <item rdf:about="https://r.example/2"><title>Two</b></title></item>
    </rdf:RDF>`;
    const feed = await parseFeed(xml, FEED_URL);
    expect(feed.format).toBe('rdf');
    expect(feed.title).toBe('R');
    expect(feed.items.map((item) => item.guid)).toEqual(['https://r.example/1']);
  });

  it('fails with a ParseError when no entry is sound', async () => {
    const xml = '<rss version="2.0"><channel><title>x</title><item><title>a</b></title></item></channel></rss>';
    await expect(parseFeed(xml, FEED_URL)).rejects.toThrow(ParseError);
    await expect(parseFeed(xml, FEED_URL)).rejects.toThrow(/no entry could be read on its own/);
  });

  it('fails with a ParseError on a broken document without entries', async () => {
    await expect(parseFeed('<rss version="2.0"><channel><title>x</channel></rss>', FEED_URL)).rejects.toThrow(
      /^not well-formed XML: Unexpected close tag/,
    );
  });
});
