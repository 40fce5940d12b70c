import { describe, expect, it } from 'vitest';
import type { ParsedFeed, ParsedItem } from '../../src/model.js';
import { normalizeItems, parseFeed } from '../../src/parse/index.js';
import { readFixture } from './read-fixture.js';

const NOW = new Date('2024-03-21T00:00:00Z');
const context = (feedUrl = 'https://feeds.example.com/feed.xml') => ({ sourceId: 'src', feedUrl, now: NOW });
const feedOf = (items: ParsedItem[], extra: Partial<ParsedFeed> = {}): ParsedFeed => ({ format: 'rss', items, warnings: [], ...extra });

describe('normalizeItems on real feeds', () => {
  it('normalises an RSS 2.0 item', async () => {
    const feed = await parseFeed(readFixture('rss2-content.xml'), 'https://www.rt.com/rss/news/');
    const [first, second] = normalizeItems(feed, context('https://www.rt.com/rss/news/'));
    expect(first).toMatchObject({
      sourceId: 'src',
      guid: 'https://www.rt.com/russia/593457-nato-caucasus-stability-kremlin/',
      identityKey: 'guid:https://www.rt.com/russia/593457-nato-caucasus-stability-kremlin/',
      identityFrom: 'guid',
      link: 'https://www.rt.com/russia/593457-nato-caucasus-stability-kremlin/?utm_source=rss&utm_medium=rss&utm_campaign=RSS',
      canonicalLink: 'https://www.rt.com/russia/593457-nato-caucasus-stability-kremlin/',
      title: 'NATO will not bring stability to the Caucasus – Kremlin',
      summary: 'The bloc’s desire to gain a foothold in the region is no secret, spokesman Dmitry Peskov said',
      author: 'RT',
      categories: ['Russia', 'NATO', 'Caucasus'],
      publishedAt: '2024-03-19T14:27:00.000Z',
      updatedAt: null,
      lang: 'en',
    });
    expect(first?.contentHtml).toContain('<img src="https://www.rt.com/static/peskov.jpg" alt="Dmitry Peskov">');
    expect(first?.contentHtml).toContain('<a href="https://www.rt.com/tags/azerbaijan/">Azerbaijan</a>');
    expect(first?.text).toMatch(/^The bloc’s desire .* Peskov said Russia is well aware of NATO’s attempts/);
    expect(first?.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(first?.contentHash).toMatch(/^[0-9a-f]{64}$/);
    // Relative <link> resolved against the channel's link; the double-escaped title decoded once.
    expect(second).toMatchObject({
      link: 'https://www.rt.com/business/593460-moscow-beijing-energy/',
      title: 'Moscow & Beijing sign energy deal',
      summary: 'Gas supplies will grow, officials said.',
      contentHtml: '<p>Gas supplies <b>will grow</b>, officials said.</p>',
      publishedAt: '2024-03-19T15:05:00.000Z',
    });
  });

  it('resolves Atom links and content URLs against xml:base', async () => {
    const feed = await parseFeed(readFixture('atom-xml-base.xml'), 'https://example.org/blog/feed.atom');
    const items = normalizeItems(feed, context('https://example.org/blog/feed.atom'));
    expect(items.map((item) => item.link)).toEqual([
      'https://example.org/blog/2024/03/first-post',
      'https://cdn.example.net/archive/2024/second.html',
      'https://example.org/blog/sub/third',
    ]);
    expect(items[0]?.contentHtml).toBe(
      '<p>See <a href="https://example.org/blog/images/chart.png">the chart</a> and <img src="https://example.org/static/logo.png" srcset="https://example.org/blog/a.png 1x, https://example.org/blog/b.png 2x">.</p>',
    );
    expect(items[1]?.contentHtml).toBe(
      '<p>Photo: <img src="https://cdn.example.net/archive/2024/photo.jpg"/> by <a href="https://cdn.example.net/archive/people/ann">Ann</a>, and <b>bold</b> text.</p>',
    );
    expect(items[1]).toMatchObject({ title: 'Entry-level base', summary: 'Photo: by Ann, and bold text.', lang: 'en-GB', publishedAt: '2024-03-20T07:15:00.000Z' });
    expect(items[2]?.summary).toBe('Less <than> three');
  });

  it('resolves JSON Feed relative URLs against the home page', async () => {
    const feed = await parseFeed(readFixture('jsonfeed-1.0.json'), 'https://old.example.com/feed.json');
    expect(normalizeItems(feed, context('https://old.example.com/feed.json'))[0]?.link).toBe('https://old.example.com/posts/42');
  });
});

describe('normalizeItems: links', () => {
  it('keeps no link that is not http(s), and resolves against feed link, then feed URL', () => {
    const items = normalizeItems(
      feedOf([
        { link: 'javascript:alert(1)', guid: 'a', categories: [] },
        { link: 'mailto:x@example.com', guid: 'b', categories: [] },
        { link: '/p/3', guid: 'c', categories: [] },
        { link: 'p/4', guid: 'd', categories: [], baseUrl: 'https://base.example.net/dir/' },
      ], { link: 'https://site.example.com/home/' }),
      context(),
    );
    expect(items.map((item) => [item.link, item.canonicalLink])).toEqual([
      [null, null],
      [null, null],
      ['https://site.example.com/p/3', 'https://site.example.com/p/3'],
      ['https://base.example.net/dir/p/4', 'https://base.example.net/dir/p/4'],
    ]);
    const fromFeedUrl = normalizeItems(feedOf([{ link: 'p/5', categories: [] }]), context('https://feeds.example.com/a/feed.xml'));
    expect(fromFeedUrl[0]?.link).toBe('https://feeds.example.com/a/p/5');
  });

  it('leaves a relative link null when the feed was read from a plain file path', () => {
    const items = normalizeItems(feedOf([{ link: 'p/1', title: 'x', categories: [] }]), context('data/samples/feed.xml'));
    expect(items[0]?.link).toBeNull();
  });
});

describe('normalizeItems: text', () => {
  it('makes every text field plain, without forbidden characters or lone surrogates', () => {
    const [item] = normalizeItems(
      feedOf([
        {
          guid: 'g\u0001',
          title: '  <b>Bold</b>\u0007 &amp; \uD83D title\u000B ',
          summaryHtml: '<p>Sum\u0000mary \uDE00text</p>',
          contentHtml: '<p>Body\u0002 <img src="/i\u0003.png"></p>',
          author: ' <i>Ann</i>\u0008 ',
          categories: [' World ', 'World', '', '<b>Tech</b>\u0001'],
          lang: ' en ',
        },
      ]),
      context(),
    );
    expect(item).toMatchObject({
      guid: 'g',
      title: 'Bold & title',
      summary: 'Summary text',
      text: 'Summary text Body',
      contentHtml: '<p>Body <img src="https://feeds.example.com/i.png"></p>',
      author: 'Ann',
      categories: ['World', 'Tech'],
      lang: 'en',
    });
  });

  it('makes a summary from the first 500 characters of content when there is none', () => {
    const words = Array.from({ length: 200 }, (_, index) => `word${index}`).join(' ');
    const [item] = normalizeItems(feedOf([{ guid: 'x', contentHtml: `<p>${words}</p>`, categories: [] }]), context());
    expect(item?.summary.length).toBeLessThanOrEqual(501);
    expect(item?.summary.endsWith('…')).toBe(true);
    expect(words.startsWith(item?.summary.slice(0, -1) ?? '-')).toBe(true);
    expect(item?.text).toBe(words);
    expect(item?.contentHtml).toBe(`<p>${words}</p>`);
  });

  it('falls back to the feed language and uses the updated date when there is no published one', () => {
    const [item] = normalizeItems(feedOf([{ guid: 'x', updated: '2024-03-19T10:00:00Z', categories: [] }], { lang: 'fr' }), context());
    expect(item).toMatchObject({ lang: 'fr', publishedAt: '2024-03-19T10:00:00.000Z', updatedAt: '2024-03-19T10:00:00.000Z' });
  });

  it('drops invalid and far-future dates', () => {
    const items = normalizeItems(
      feedOf([
        { guid: 'a', published: 'not a date', categories: [] },
        { guid: 'b', published: 'Sat, 01 Jan 2050 00:00:00 GMT', categories: [] },
      ]),
      context(),
    );
    expect(items.map((item) => item.publishedAt)).toEqual([null, null]);
  });

  it('changes contentHash when title, content or summary changes, and only then', () => {
    const base: ParsedItem = { guid: 'x', title: 'T', summaryHtml: 'S', contentHtml: '<p>C</p>', categories: [], published: '2024-03-19T10:00:00Z' };
    const hashOf = (item: ParsedItem): string => normalizeItems(feedOf([item]), context())[0]?.contentHash ?? '';
    expect(hashOf({ ...base, categories: ['new'] })).toBe(hashOf(base));
    expect(hashOf({ ...base, title: 'T2' })).not.toBe(hashOf(base));
    expect(hashOf({ ...base, contentHtml: '<p>C2</p>' })).not.toBe(hashOf(base));
    expect(hashOf({ ...base, summaryHtml: 'S2' })).not.toBe(hashOf(base));
  });
});
