import { parseStringPromise } from 'xml2js';
import { ParseError } from '../errors.js';

/** A subscription found in an OPML file. */
export interface OpmlFeed {
  url: string;
  title?: string;
}

interface Outline {
  $?: Record<string, string>;
  outline?: Outline[];
}

function collectFeeds(outlines: readonly Outline[], into: OpmlFeed[]): void {
  for (const outline of outlines) {
    const attributes = outline.$ ?? {};
    const url = attributes.xmlUrl?.trim();
    const title = (attributes.title ?? attributes.text)?.trim();
    if (url) into.push(title ? { url, title } : { url });
    collectFeeds(outline.outline ?? [], into);
  }
}

/**
 * The feeds of an OPML subscription list (OPML 2.0 §"subscription lists":
 * outlines with xmlUrl, possibly nested in folders).
 */
export async function parseOpml(text: string): Promise<OpmlFeed[]> {
  let document: { opml?: { body?: { outline?: Outline[] }[] } };
  try {
    // No DOCTYPE processing: xml2js (sax) does not expand external entities.
    document = (await parseStringPromise(text)) as typeof document;
  } catch (error) {
    throw new ParseError(`not an OPML file: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, { cause: error });
  }
  const body = document?.opml?.body?.[0];
  if (body === undefined) throw new ParseError('not an OPML file: no <opml><body>');
  const feeds: OpmlFeed[] = [];
  collectFeeds(body.outline ?? [], feeds);
  return feeds;
}
