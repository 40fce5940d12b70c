import type { NormalizedItem, ParsedFeed, ParsedItem } from '../model.js';
import { collapseWhitespace, hasHttpScheme, resolveUrl, sha256, stripForbiddenChars } from '../text/index.js';
import { assignIdentities, type IdentityInput } from './assign-identity.js';
import { canonicalizeLink } from './canonicalize-link.js';
import { fingerprintStory } from './fingerprint.js';
import { htmlToText } from './html-to-text.js';
import { parseFeedDate } from './parse-date.js';
import { resolveHtmlUrls } from './resolve-urls.js';

export interface NormalizeContext {
  sourceId: string;
  feedUrl: string;
  now: Date;
}

/** How long a summary made from the content may be, in characters. */
const SUMMARY_LENGTH = 500;

type ItemWithoutIdentity = Omit<NormalizedItem, 'identityKey' | 'identityFrom'>;

/** One NormalizedItem per ParsedItem, in feed order (docs/design.md "normalizer"). */
export function normalizeItems(feed: ParsedFeed, context: NormalizeContext): NormalizedItem[] {
  const feedLink = feed.link === undefined ? undefined : resolveUrl(feed.link, context.feedUrl);
  const normalized = feed.items.map((item) => normalizeItem(item, feed, feedLink, context));
  const identities = assignIdentities(normalized.map(({ item, identity }) => ({ ...identity, guid: item.guid, link: item.link, title: item.title })));
  return normalized.map(({ item }, index) => ({ ...item, ...identities[index]! }));
}

function normalizeItem(
  parsed: ParsedItem,
  feed: ParsedFeed,
  feedLink: string | undefined,
  context: NormalizeContext,
): { item: ItemWithoutIdentity; identity: Pick<IdentityInput, 'date' | 'content'> } {
  // RSS 2.0 says nothing on relative URLs; the item's xml:base, then the
  // site's link, then the feed's own URL is what readers commonly use.
  const bases = [parsed.baseUrl, feedLink, context.feedUrl];
  const link = httpLinkOf(parsed.link, bases);
  const title = htmlToText(parsed.title ?? '');
  const summaryText = htmlToText(parsed.summaryHtml ?? '');
  const contentText = htmlToText(parsed.contentHtml ?? '');
  const base = bases.find((candidate) => candidate !== undefined && resolveUrl(candidate) !== undefined);
  const contentHtml = resolveHtmlUrls(stripForbiddenChars(parsed.contentHtml ?? parsed.summaryHtml ?? ''), base);
  const summary = summaryText !== '' ? summaryText : truncateText(contentText, SUMMARY_LENGTH);
  const published = parseFeedDate(parsed.published, context.now);
  const updated = parseFeedDate(parsed.updated, context.now);
  const publishedAt = (published ?? updated)?.toISOString() ?? null;
  const guid = cleanString(parsed.guid);
  return {
    identity: {
      date: publishedAt ?? cleanString(parsed.published ?? parsed.updated) ?? '',
      content: [summary, contentHtml, ...(parsed.enclosures ?? [])].join('\n'),
    },
    item: {
      sourceId: context.sourceId,
      guid,
      link,
      canonicalLink: link === null ? null : canonicalizeLink(link),
      title,
      summary,
      contentHtml,
      text: joinTexts(summaryText, contentText),
      author: cleanString(parsed.author === undefined ? undefined : htmlToText(parsed.author)),
      categories: uniqueStrings(parsed.categories.map((category) => htmlToText(category))),
      publishedAt,
      updatedAt: updated?.toISOString() ?? null,
      lang: cleanString(parsed.lang ?? feed.lang),
      fingerprint: fingerprintStory(title, contentText !== '' ? contentText : summaryText),
      contentHash: sha256(`${title}\u0000${contentHtml}\u0000${summary}`),
    },
  };
}

/** The absolute link, or null when it is not http(s) (javascript:, mailto:, a file path). */
function httpLinkOf(link: string | undefined, bases: (string | undefined)[]): string | null {
  if (link === undefined) return null;
  const resolved = resolveUrl(stripForbiddenChars(link), ...bases);
  return resolved !== undefined && hasHttpScheme(resolved) ? resolved : null;
}

function cleanString(value: string | undefined): string | null {
  if (value === undefined) return null;
  const cleaned = collapseWhitespace(stripForbiddenChars(value));
  return cleaned === '' ? null : cleaned;
}

function uniqueStrings(values: string[]): string[] {
  return [...new Set(values.filter((value) => value !== ''))];
}

/** The whole text for matching; content that already holds the summary is not repeated. */
function joinTexts(summary: string, content: string): string {
  if (content === '') return summary;
  if (summary === '' || content.includes(summary)) return content;
  return `${summary} ${content}`;
}

function truncateText(text: string, length: number): string {
  if (text.length <= length) return text;
  const cut = text.slice(0, length);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > length / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}
