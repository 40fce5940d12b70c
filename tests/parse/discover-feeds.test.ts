import { describe, expect, it } from 'vitest';
import { discoverFeeds } from '../../src/parse/discover-feeds.js';
import { readRepoFile } from '../support/cli.js';

const page = (name: string) => readRepoFile(`tests/fixtures/discover/${name}`);

describe('discoverFeeds: the feeds a web page names', () => {
  it("finds a news site's feed and comments feed, and nothing in scripts, comments or REST API links", () => {
    expect(discoverFeeds(page('news-site-home.html'), 'https://news.example/')).toEqual([
      { url: 'https://news.example/feed/', format: 'rss', title: 'Civil Georgia » Feed' },
      { url: 'https://news.example/comments/feed/', format: 'rss', title: 'Civil Georgia » Comments Feed' },
    ]);
  });

  it('reads rel and type as the HTML standard does and resolves hrefs against <base>', () => {
    expect(discoverFeeds(page('section-with-base.html'), 'https://news.example/sections/world.html')).toEqual([
      { url: 'https://news.example/world/atom.xml', format: 'atom', title: 'World news' },
      { url: 'https://news.example/world/feed.json', format: 'json' },
      { url: 'https://news.example/world/rss?lang=en&format=full', format: 'rss' },
    ]);
  });

  it('never leads from a page on the web to a file on this machine', () => {
    const html = '<link rel=alternate type=application/rss+xml href=file:///etc/passwd><link rel=alternate type=application/rss+xml href=javascript:alert(1)><link rel=alternate type=application/rss+xml href=feed.xml>';
    expect(discoverFeeds(html, 'https://news.example/').map((f) => f.url)).toEqual(['https://news.example/feed.xml']);
    expect(discoverFeeds(`<base href="file:///etc/">${html}`, 'https://news.example/')).toEqual([]);
    expect(discoverFeeds(html, 'file:///srv/site/index.html').map((f) => f.url)).toEqual(['file:///etc/passwd', 'file:///srv/site/feed.xml']);
  });

  it('resolves against the page itself without a <base>, and finds nothing on a page without feeds', () => {
    const html = '<html><head><link rel=alternate type=application/rss+xml href=../feed.xml></head></html>';
    expect(discoverFeeds(html, 'https://news.example/a/b/page.html')).toEqual([{ url: 'https://news.example/a/feed.xml', format: 'rss' }]);
    expect(discoverFeeds(page('../parse/html-page.html'), 'https://news.example/')).toEqual([]);
  });
});
