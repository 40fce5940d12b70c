import { fetchFeed } from '../fetch/index.js';
import type { ParsedFeed } from '../model.js';
import { parseFeed } from '../parse/index.js';

/** Fetches and parses a feed once, without storing anything: is it a feed, and what is it called? */
export async function probeSource(location: string, limits: { timeoutMs: number; maxBytes: number }): Promise<ParsedFeed> {
  const fetched = await fetchFeed({ url: location, ...limits });
  if (fetched.kind !== 'fetched') throw new Error('a fetch without validators cannot be unchanged');
  return parseFeed(fetched.text, fetched.finalUrl);
}
