import type { Config } from '../config/types.js';
import { renderSite } from '../publish/index.js';
import type { RenderedFile } from '../publish/types.js';
import type { Store } from '../store/index.js';
import { assembleSite } from './assemble-site.js';

export interface SiteCache {
  /** The rendered site, re-rendered only when the store's content changed. */
  files(): ReadonlyMap<string, RenderedFile>;
}

/**
 * Rendering costs a few milliseconds per topic; serving must not pay it per
 * request. The store's content version (bumped by every ingest that changed
 * something, in this or another process) says when the cache is stale.
 */
export function createSiteCache(store: Store, getConfig: () => Config, now: () => Date): SiteCache {
  let version: string | undefined;
  let config: Config | undefined;
  let files: ReadonlyMap<string, RenderedFile> = new Map();
  return {
    files() {
      const current = store.stories.readContentVersion();
      const currentConfig = getConfig();
      if (current !== version || currentConfig !== config) {
        files = renderSite(assembleSite(store, currentConfig), now());
        version = current;
        config = currentConfig;
      }
      return files;
    },
  };
}
