import type { Logger } from 'pino';
import { loadConfig } from '../config/load-config.js';
import type { Config } from '../config/types.js';
import { ConfigError } from '../errors.js';
import type { Store } from '../store/index.js';
import { compileTopics, type CompiledTopic } from '../update/match-topics.js';
import { syncTopics } from './sync-topics.js';

export interface RunningConfig {
  config: Config;
  topics: CompiledTopic[];
}

/**
 * Reads config.json again. A config that fails `check` is refused with its
 * problems logged, and the running one stays; a good one takes effect at once:
 * new sources are due at once (the daemon runs a cycle after a reload),
 * removed ones are fetched no longer, and topics whose query changed are
 * recomputed.
 */
export async function reloadConfig(current: RunningConfig, store: Store, logger: Logger, now: Date): Promise<RunningConfig> {
  let config: Config;
  let topics: CompiledTopic[];
  try {
    config = await loadConfig(current.config.file);
    topics = compileTopics(config);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    logger.error({ event: 'reload', ok: false, problems: error.problems.map((p) => `${p.path}: ${p.message}`).join('; ') }, `config refused, keeping the running one: ${error.message}`);
    return current;
  }
  for (const key of ['host', 'port'] as const) {
    if (config.server[key] !== current.config.server[key]) {
      logger.warn({ event: 'reload', key: `server.${key}` }, `server.${key} changed: it takes effect after a restart`);
    }
  }
  if (config.database !== current.config.database) {
    logger.warn({ event: 'reload', key: 'database' }, 'database changed: it takes effect after a restart');
    config = { ...config, database: current.config.database };
  }
  await store.sources.syncSources(config.sources.map((s) => ({ id: s.id, url: s.url, title: s.title, canonicalUrl: s.canonicalUrl })));
  const recomputed = await syncTopics(store, config, topics, now);
  logger.info(
    { event: 'reload', ok: true, sources: config.sources.length, topics: config.topics.length, recomputed: recomputed.join(',') },
    'config reloaded',
  );
  return { config, topics };
}
