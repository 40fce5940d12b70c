import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderFeed } from './corpus.js';

/**
 * Writes `feeds` corpus files into `dir`; returns their names and item counts.
 * With `changedEvery` and `fresh`, only every changedEvery-th feed, in its
 * later version with `fresh` new items (see renderFeed).
 */
export function writeCorpus(dir, { seed, feeds, items, firstFeed = 0, totalFeeds = feeds, changedEvery = 1, fresh = 0 }) {
  mkdirSync(dir, { recursive: true });
  const files = [];
  let itemCount = 0;
  let bytes = 0;
  let duplicates = 0;
  for (let feed = firstFeed; feed < firstFeed + feeds; feed += 1) {
    if (feed % changedEvery !== 0) continue;
    const file = renderFeed(seed, feed, totalFeeds, items, { fresh });
    writeFileSync(path.join(dir, file.name), file.body);
    files.push({ feed, name: file.name });
    itemCount += file.items;
    bytes += Buffer.byteLength(file.body);
    duplicates += file.duplicates;
  }
  return { dir, files, items: itemCount, bytes, duplicates };
}

/** Config sources for the files of a corpus served at `baseUrl`. */
export function sourcesOf(corpus, baseUrl, prefix = 'feed') {
  return corpus.files.map((f) => ({ id: `${prefix}-${String(f.feed).padStart(4, '0')}`, title: `Site ${f.feed}`, url: `${baseUrl}/${f.name}` }));
}
