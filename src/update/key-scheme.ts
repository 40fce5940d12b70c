import type { Logger } from 'pino';
import { createItemIndexer } from '../cluster/index.js';
import { fingerprintStoredItem } from '../parse/index.js';
import type { KeyScheme, Store } from '../store/index.js';

/**
 * The version of the keys stored items are found by: fingerprints
 * (src/parse/fingerprint.ts) and near-duplicate band keys (src/cluster:
 * words, shingles, MinHash seeds, bands). Any change to what they give for
 * the same text — folding, tokenising, sentence ends, lead lengths, seeds —
 * is a new version: the golden vectors (tests/fixtures/text/golden.json)
 * fail until this is bumped and they are regenerated, and every existing
 * database then recomputes its stored keys on the next cycle, so copies of
 * stories it holds keep joining them.
 *
 * 1: the first release.
 * 2: one folding and one sentence end for all (src/text): ß → ss and
 *    ς → σ in fingerprints and band keys as in topic queries; band keys fold
 *    compatibility forms before lower case, as fingerprints did; "…" and
 *    every script's sentence terminals end a sentence in both leads.
 */
export const KEY_SCHEME_VERSION = 2;

/** The key scheme of this code, for Store.reindexKeys. */
export function createKeyScheme(): KeyScheme {
  const indexItem = createItemIndexer();
  return {
    version: String(KEY_SCHEME_VERSION),
    fingerprintOf: (item) => fingerprintStoredItem(item),
    bandKeysOf: (item) => indexItem(item).keys,
  };
}

/** Reindexes a store keyed under another version (see Store.reindexKeys), saying so in the log. */
export async function ensureKeyScheme(store: Store, logger: Logger): Promise<void> {
  const started = performance.now();
  const result = await store.reindexKeys(createKeyScheme());
  if (result.items === 0) return;
  logger.info(
    { event: 'reindex', from: result.from ?? '1', to: result.to, items: result.items, ms: Math.round(performance.now() - started) },
    `stored items' keys recomputed under key scheme ${result.to}`,
  );
}
