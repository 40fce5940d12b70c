import { carryCredentials, hideCredentials } from '../credentials.js';
import { ParseError, TopicwireError } from '../errors.js';
import { decodeBody, fetchFeed } from '../fetch/index.js';
import type { ParsedFeed } from '../model.js';
import { discoverFeeds, type DiscoveredFeed } from '../parse/discover-feeds.js';
import { parseFeed } from '../parse/index.js';

export interface ProbeLimits {
  timeoutMs: number;
  maxBytes: number;
}

/** What one fetch of a URL found: a feed, or a web page and the feeds it names. */
export type Probe = { kind: 'feed'; feed: ParsedFeed } | { kind: 'page'; feeds: DiscoveredFeed[] };

/** Fetches a URL once, without storing anything: is it a feed, and what is it called? Else, which feeds does the page name? */
export async function probeSource(location: string, limits: ProbeLimits): Promise<Probe> {
  const fetched = await fetchFeed({ url: location, ...limits });
  if (fetched.kind !== 'fetched') throw new Error('a fetch without validators cannot be unchanged');
  const { text } = decodeBody(fetched.body, fetched.headers['content-type']);
  try {
    return { kind: 'feed', feed: await parseFeed(text, fetched.finalUrl) };
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    const feeds = discoverFeeds(text, fetched.finalUrl);
    if (feeds.length === 0) throw new ParseError(`${error.message}; nor is it a web page that names a feed (<link rel="alternate">)`, { cause: error });
    return { kind: 'page', feeds };
  }
}

/** The feed a URL leads to: the URL itself, or the first feed its page names. */
export interface FoundFeed {
  /** The feed's URL (the one asked for, when it is a feed). */
  url: string;
  title: string | undefined;
  /** When `url` came from a web page: the page, and the other feeds it names. */
  page?: { url: string; others: DiscoveredFeed[] };
  /** The source that already reads `url`, found on a page: there is nothing to add. */
  existing?: string;
}

/**
 * `sources add` and `sources import`: a feed is taken as it is; a web page
 * leads to the first feed it names that reads as one (the others are
 * reported) — unless that one is a source already (`isSource`), which is
 * reported as it is, without fetching it. A page passes its credentials on to
 * the feeds on its origin.
 */
export async function findFeed(location: string, limits: ProbeLimits, isSource: (url: string) => string | undefined): Promise<FoundFeed> {
  const probe = await probeSource(location, limits);
  if (probe.kind === 'feed') return { url: location, title: probe.feed.title };
  const feeds = probe.feeds.map((feed) => ({ ...feed, url: carryCredentials(location, feed.url) }));
  const failures: string[] = [];
  for (const candidate of feeds) {
    const page = { url: location, others: feeds.filter((f) => f.url !== candidate.url) };
    const existing = isSource(candidate.url);
    if (existing !== undefined) return { url: candidate.url, title: candidate.title, page, existing };
    try {
      const found = await probeSource(candidate.url, limits);
      if (found.kind === 'feed') return { url: candidate.url, title: found.feed.title, page };
      failures.push(`${hideCredentials(candidate.url)}: a web page, not a feed`);
    } catch (error) {
      if (!(error instanceof TopicwireError)) throw error;
      failures.push(error.message);
    }
  }
  throw new TopicwireError(`the page names ${feeds.length === 1 ? 'a feed' : `${feeds.length} feeds`}, and none reads as one: ${failures.join('; ')}`);
}
