import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { Config } from '../config/types.js';
import { createServer } from '../server/index.js';
import type { Store } from '../store/index.js';
import { describeHealth, type OutputHealth } from './health.js';
import { createMetrics, type Metrics } from './metrics.js';
import { createSiteCache, type SiteCache } from './site-cache.js';

/** The HTTP side of `run` and `serve`: the site, /health and /metrics over one store. */
export interface SiteServer {
  site: SiteCache;
  metrics: Metrics;
  address: AddressInfo;
  close(): Promise<void>;
}

export interface SiteServerDeps {
  store: Store;
  getConfig: () => Config;
  logger: Logger;
  now: () => Date;
  /** The schedule's period, for /health's staleness rule (it changes when a reload changes the schedule). */
  schedulePeriodMs: () => number;
  /** How writing the static output goes, for /health: given by `run`, which writes it; `serve` writes none. */
  output?: () => OutputHealth;
}

/** The schedule's period, from its next two runs; 15 minutes when it has no two. */
export function measureSchedulePeriod(task: Pick<ScheduledTask, 'getNextRuns'>): number {
  const [a, b] = task.getNextRuns(2);
  return a && b ? b.getTime() - a.getTime() : 15 * 60_000;
}

/** The period of a cron expression, without scheduling anything. */
export function schedulePeriodOf(expression: string): number {
  const task = cron.createTask(expression, () => undefined, { name: 'topicwire-period' });
  try {
    return measureSchedulePeriod(task);
  } finally {
    void task.destroy();
  }
}

/**
 * Builds the server, health and metrics the one way both commands use, and
 * listens on config.server; resolves once it listens (or rejects, e.g. when
 * the port is taken).
 */
export async function startSiteServer(deps: SiteServerDeps): Promise<SiteServer> {
  const { store, logger } = deps;
  const config = deps.getConfig();
  const site = createSiteCache(store, deps.getConfig, deps.now);
  const metrics = createMetrics();
  const server = createServer({
    files: () => site.files(),
    health: () => describeHealth(store, deps.now(), deps.schedulePeriodMs(), deps.output?.()),
    metrics: () => metrics.render(store),
  });
  await listen(server, config.server.host, config.server.port);
  const address = server.address() as AddressInfo;
  logger.info({ event: 'listen', host: address.address, port: address.port }, `serving on http://${address.address}:${address.port}/`);
  return {
    site,
    metrics,
    address,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
