import { Parser } from 'htmlparser2';
import type { FeedFormat } from '../model.js';

/** A feed a web page names. */
export interface DiscoveredFeed {
  url: string;
  format: Exclude<FeedFormat, 'rdf'>;
  /** The link's title attribute ("Comments feed"), when it has one. */
  title?: string;
}

/**
 * The types that make `<link rel="alternate">` a syndication feed: RSS and
 * Atom (HTML Living Standard §4.6.7.1, "Link type alternate") and JSON Feed
 * (jsonfeed.org/version/1.1, "Discovery"). application/json is not one: it is
 * also what WordPress's REST API links use.
 */
const FEED_TYPES: Readonly<Record<string, DiscoveredFeed['format']>> = {
  'application/rss+xml': 'rss',
  'application/atom+xml': 'atom',
  'application/feed+json': 'json',
};

/** HTML's "ASCII whitespace" (TAB, LF, FF, CR, SPACE), which splits and trims attribute values. */
const ASCII_WHITESPACE = /[\t\n\f\r ]+/;
const trimAscii = (value: string): string => value.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '');

interface FeedLink {
  href: string;
  format: DiscoveredFeed['format'];
  title: string | undefined;
}

/**
 * The feeds an HTML page names, in document order, each URL once. As the HTML
 * standard reads a link: rel is a set of tokens compared without case
 * ("alternate stylesheet" is a style sheet, not a feed), type is compared by
 * its MIME essence (parameters dropped, no case), an empty href makes no
 * link, and relative hrefs resolve against the document's base URL — the
 * first <base href> (itself resolved against the page), else the page's own
 * URL. Contents of <template> are not part of the document. htmlparser2
 * tokenizes, so comments, scripts and character references in attributes
 * (`&amp;`) are read as a browser reads them.
 */
export function discoverFeeds(html: string, pageUrl: string): DiscoveredFeed[] {
  const links: FeedLink[] = [];
  let baseHref: string | undefined;
  let templateDepth = 0;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'template') templateDepth += 1;
        if (templateDepth > 0) return;
        if (name === 'base' && baseHref === undefined && attributes.href !== undefined) baseHref = attributes.href;
        if (name !== 'link') return;
        const feed = readFeedLink(attributes);
        if (feed) links.push(feed);
      },
      onclosetag(name) {
        if (name === 'template' && templateDepth > 0) templateDepth -= 1;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();

  const base = resolveBase(baseHref, pageUrl);
  // A page on the web names feeds on the web: never a file on this machine.
  const schemes = /^file:/i.test(pageUrl) ? ['http:', 'https:', 'file:'] : ['http:', 'https:'];
  const seen = new Set<string>();
  const feeds: DiscoveredFeed[] = [];
  for (const link of links) {
    if (!URL.canParse(link.href, base)) continue;
    const url = new URL(link.href, base);
    if (!schemes.includes(url.protocol)) continue;
    url.hash = '';
    if (seen.has(url.href)) continue;
    seen.add(url.href);
    feeds.push({ url: url.href, format: link.format, ...(link.title ? { title: link.title } : {}) });
  }
  return feeds;
}

function readFeedLink(attributes: Record<string, string>): FeedLink | undefined {
  const rel = new Set(trimAscii(attributes.rel ?? '').toLowerCase().split(ASCII_WHITESPACE));
  if (!rel.has('alternate') || rel.has('stylesheet')) return undefined;
  const essence = trimAscii((attributes.type ?? '').split(';')[0] ?? '').toLowerCase();
  const format = FEED_TYPES[essence];
  const href = trimAscii(attributes.href ?? '');
  if (format === undefined || href === '') return undefined;
  const title = attributes.title === undefined ? undefined : trimAscii(attributes.title.replace(/\s+/g, ' '));
  return { href, format, title };
}

/** HTML §2.4.1 "document base URL": a <base href> that does not parse leaves the page's URL. */
function resolveBase(href: string | undefined, pageUrl: string): string {
  const trimmed = href === undefined ? '' : trimAscii(href);
  return trimmed !== '' && URL.canParse(trimmed, pageUrl) ? new URL(trimmed, pageUrl).href : pageUrl;
}
