import path from 'node:path';
import type { Logger } from 'pino';
import { loadConfig } from '../config/load-config.js';
import type { Config } from '../config/types.js';
import { compileTopics, type CompiledTopic } from '../update/match-topics.js';
import { syncTopics } from '../daemon/sync-topics.js';
import type { Store } from '../store/index.js';
import type { CliContext } from './context.js';
import { createLogger } from './logger.js';
import { openConfiguredStore } from './open-store.js';

export interface App {
  config: Config;
  store: Store;
  topics: CompiledTopic[];
  logger: Logger;
  close(): Promise<void>;
}

/** The config file: --config, else $TOPICWIRE_CONFIG, else ./config.json. */
export function resolveConfigPath(ctx: CliContext, option: string | undefined): string {
  return path.resolve(ctx.cwd, option ?? ctx.env.TOPICWIRE_CONFIG ?? 'config.json');
}

/**
 * Loads the config, opens the database and brings topic membership up to date
 * with the config's queries (recomputing only topics whose query changed).
 */
export async function openApp(
  ctx: CliContext,
  configOption: string | undefined,
  logLevel = 'warn',
  /** Checks what the command needs of the machine, before anything is opened. */
  prepare: (config: Config) => Promise<void> = async () => undefined,
): Promise<App> {
  const config = await loadConfig(resolveConfigPath(ctx, configOption));
  await prepare(config);
  const logger = createLogger({ write: ctx.err, pretty: ctx.isTTY, level: ctx.env.TOPICWIRE_LOG_LEVEL ?? logLevel });
  const store = await openConfiguredStore(config.store, ctx, { connections: config.fetch.concurrency + 2 });
  const topics = compileTopics(config);
  await store.sources.syncSources(config.sources.map((s) => ({ id: s.id, url: s.url, title: s.title, canonicalUrl: s.canonicalUrl })));
  const recomputed = await syncTopics(store, config, topics, ctx.now());
  if (recomputed.length > 0) logger.info({ event: 'topics', topics: recomputed.join(',') }, 'topic membership recomputed');
  return { config, store, topics, logger, close: async () => store.close() };
}
