import type { Config } from '../config/types.js';
import type { createSiteRenderer } from '../publish/index.js';
import type { RenderedFile } from '../publish/types.js';
import type { Store } from '../store/index.js';
import { assembleSite, describeAgeWindow } from './assemble-site.js';

/** How long a store write by another process may go unseen by a server. */
export const VERSION_CHECK_INTERVAL_MS = 1000;

export interface SiteCache {
  /**
   * The rendered site, re-rendered only when the store's content or the
   * config changed: at once when nothing is due, else once the store answered.
   */
  files(): ReadonlyMap<string, RenderedFile> | Promise<ReadonlyMap<string, RenderedFile>>;
  /** Makes the next files() read the store's content version, e.g. right after this process wrote. */
  invalidate(): void;
}

/**
 * Rendering costs a few milliseconds per topic; serving must not pay it per
 * request. The store's content version (bumped by every ingest that changed
 * something, in this or another process) and the age window (topics'
 * "maxAgeDays") say when the cache is stale.
 * Reading that version is a store query, the largest cost of a 304, so it is
 * read at most once per interval: a write by another process (`fetch`, `run`)
 * is served within that interval, and a writer in this process calls
 * invalidate() to have it served at once. Requests that come while the
 * version is read share that one read.
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
  let refreshing: Promise<ReadonlyMap<string, RenderedFile>> | undefined;
  /** Bumped by invalidate(): a check that started before it must not stand for one after it. */
  let generation = 0;
  // Topics whose feeds did not change keep their files: their ETags, and so readers' 304s, survive a cycle.
  let render: ReturnType<typeof createSiteRenderer> | undefined;

  async function refresh(currentConfig: Config, time: number): Promise<ReadonlyMap<string, RenderedFile>> {
    const started = generation;
    const at = now();
    const current = `${await store.stories.readContentVersion()}|${describeAgeWindow(currentConfig, at)}`;
    if (current === version && currentConfig === config) {
      if (started === generation) checkedAt = time;
      return files;
    }
    const input = await assembleSite(store, currentConfig, at);
    // The renderers (feed, sanitize-html) are loaded by the first render, not with the daemon: a daemon's
    // first cycle, its largest, then holds no code it has not used yet (docs/performance.md, memory-run).
    render ??= (await import('../publish/site.js')).createSiteRenderer();
    const rendered = render(input, at);
    if (started !== generation) return rendered;
    files = rendered;
    version = current;
    config = currentConfig;
    checkedAt = time;
    return files;
  }

  return {
    files() {
      const currentConfig = getConfig();
      const time = now().getTime();
      // A clock that went back (a test clock, an NTP step) checks at once rather than never.
      const due = time - checkedAt >= checkIntervalMs || time < checkedAt;
      if (!due && currentConfig === config) return files;
      if (refreshing === undefined) {
        const pending = refresh(currentConfig, time).finally(() => {
          if (refreshing === pending) refreshing = undefined;
        });
        refreshing = pending;
      }
      return refreshing;
    },
    invalidate() {
      checkedAt = Number.NEGATIVE_INFINITY;
      refreshing = undefined;
      generation += 1;
    },
  };
}
