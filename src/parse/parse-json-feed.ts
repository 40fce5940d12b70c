import { ParseError } from '../errors.js';
import type { ParsedFeed, ParsedItem } from '../model.js';
import { escapeHtml } from '../text/index.js';
import { omitUndefined } from './omit-undefined.js';

type JsonObject = Record<string, unknown>;

/**
 * The version is a URL (https://jsonfeed.org/version/1.1); feeds in the wild
 * also write "http://…", or the bare number ("1", "1.0", "1.1"), which
 * readers such as gofeed and NetNewsWire accept.
 */
const VERSION = /^(?:https?:\/\/(?:www\.)?jsonfeed\.org\/version\/)?1(?:\.\d+)?\/?$/i;

export function looksLikeJsonFeed(text: string): boolean {
  return text.trimStart().startsWith('{');
}

/** JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1). */
export function parseJsonFeed(text: string): ParsedFeed {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new ParseError(`not a feed: invalid JSON (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  if (!isObject(document) || typeof document.version !== 'string' || !VERSION.test(document.version.trim())) {
    throw new ParseError('not a feed: JSON without a JSON Feed "version" (https://jsonfeed.org/version/1.1)');
  }
  const warnings: string[] = [];
  const rawItems = Array.isArray(document.items) ? document.items : [];
  if (!Array.isArray(document.items)) warnings.push('JSON Feed has no "items" array');
  const feedAuthor = authorName(document);
  const items: ParsedItem[] = [];
  rawItems.forEach((raw, index) => {
    if (isObject(raw)) items.push(mapJsonItem(raw, feedAuthor));
    else warnings.push(`skipped item ${index + 1}: not a JSON object`);
  });
  return omitUndefined<ParsedFeed>({
    format: 'json',
    title: stringField(document, 'title'),
    link: stringField(document, 'home_page_url'),
    description: stringField(document, 'description'),
    lang: stringField(document, 'language'),
    items,
    warnings,
  });
}

function mapJsonItem(item: JsonObject, feedAuthor: string | undefined): ParsedItem {
  const contentText = stringField(item, 'content_text');
  const contentHtml = stringField(item, 'content_html') ?? (contentText === undefined ? undefined : escapeHtml(contentText));
  const tags = Array.isArray(item.tags) ? item.tags : [];
  // JSON Feed 1.0 allowed a number for id; 1.1 says to coerce it to a string.
  const id = typeof item.id === 'number' ? String(item.id) : stringField(item, 'id');
  const attachments = (Array.isArray(item.attachments) ? item.attachments : []).flatMap((attachment) =>
    isObject(attachment) && typeof attachment.url === 'string' && attachment.url.trim() !== '' ? [attachment.url.trim()] : [],
  );
  return omitUndefined<ParsedItem>({
    guid: id,
    link: stringField(item, 'url') ?? stringField(item, 'external_url'),
    // JSON Feed titles are plain text; escaped so the normaliser's HTML-to-text keeps "<" as typed.
    title: mapDefined(stringField(item, 'title'), escapeHtml),
    summaryHtml: mapDefined(stringField(item, 'summary'), escapeHtml),
    contentHtml,
    enclosures: attachments.length > 0 ? attachments : undefined,
    author: authorName(item) ?? feedAuthor,
    categories: tags.filter((tag): tag is string => typeof tag === 'string'),
    published: stringField(item, 'date_published'),
    updated: stringField(item, 'date_modified'),
    lang: stringField(item, 'language'),
  });
}

/** 1.1 "authors" array, or 1.0's single "author". */
function authorName(object: JsonObject): string | undefined {
  const authors = Array.isArray(object.authors) ? object.authors : [object.author];
  for (const author of authors) {
    if (isObject(author)) {
      const name = stringField(author, 'name');
      if (name !== undefined) return name;
    }
  }
  return undefined;
}

function stringField(object: JsonObject, name: string): string | undefined {
  const value = object[name];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function mapDefined<T, R>(value: T | undefined, map: (value: T) => R): R | undefined {
  return value === undefined ? undefined : map(value);
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
