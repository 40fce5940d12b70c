import type { Config } from '../config/types.js';
import { createSiteRenderer } from '../publish/index.js';
import type { RenderedFile } from '../publish/types.js';
import type { Store } from '../store/index.js';
import { assembleSite, describeAgeWindow } from './assemble-site.js';

/** How long a store write by another process may go unseen by a server. */
export const VERSION_CHECK_INTERVAL_MS = 1000;

export interface SiteCache {
  /** The rendered site, re-rendered only when the store's content or the config changed. */
  files(): ReadonlyMap<string, RenderedFile>;
  /** Makes the next files() read the store's content version, e.g. right after this process wrote. */
  invalidate(): void;
}

/**
 * Rendering costs a few milliseconds per topic; serving must not pay it per
 * request. The store's content version (bumped by every ingest that changed
 * something, in this or another process) and the age window (topics'
 * "maxAgeDays") say when the cache is stale.
 * Reading that version is a SQLite query, the largest cost of a 304, so it is
 * read at most once per interval: a write by another process (`fetch`, `run`)
 * is served within that interval, and a writer in this process calls
 * invalidate() to have it served at once.
 */
export function createSiteCache(
  store: Store,
  getConfig: () => Config,
  now: () => Date,
  checkIntervalMs: number = VERSION_CHECK_INTERVAL_MS,
): SiteCache {
  let version: string | undefined;
  let config: Config | undefined;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let files: ReadonlyMap<string, RenderedFile> = new Map();
  // Topics whose feeds did not change keep their files: their ETags, and so readers' 304s, survive a cycle.
  const render = createSiteRenderer();
  return {
    files() {
      const currentConfig = getConfig();
      const time = now().getTime();
      // A clock that went back (a test clock, an NTP step) checks at once rather than never.
      const due = time - checkedAt >= checkIntervalMs || time < checkedAt;
      if (!due && currentConfig === config) return files;
      const at = now();
      const current = `${store.stories.readContentVersion()}|${describeAgeWindow(currentConfig, at)}`;
      checkedAt = time;
      if (current !== version || currentConfig !== config) {
        files = render(assembleSite(store, currentConfig, at), at);
        version = current;
        config = currentConfig;
      }
      return files;
    },
    invalidate() {
      checkedAt = Number.NEGATIVE_INFINITY;
    },
  };
}
