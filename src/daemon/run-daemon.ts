import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { Config } from '../config/types.js';
import { writeSite } from '../publish/index.js';
import { createServer } from '../server/index.js';
import type { Store } from '../store/index.js';
import type { CompiledTopic } from './classify-items.js';
import { describeHealth } from './health.js';
import { createMetrics } from './metrics.js';
import { createSiteCache } from './site-cache.js';
import { updateSources } from './update-sources.js';

export interface DaemonDeps {
  config: Config;
  store: Store;
  topics: readonly CompiledTopic[];
  logger: Logger;
  now: () => Date;
  /** Aborted when the daemon should stop. */
  signal: AbortSignal;
}

/** How long in-flight fetches may run on after a stop request before they are abandoned. */
const stopGraceMs = 10_000;

/** The schedule's period, from its next two runs (for /health's staleness rule). */
export function measureSchedulePeriod(task: ScheduledTask): number {
  const [a, b] = task.getNextRuns(2);
  return a && b ? b.getTime() - a.getTime() : 15 * 60_000;
}

/**
 * `topicwire run`: the first cycle at once, then on the schedule; cycles never
 * overlap; the static output is rewritten after a cycle that changed
 * something; the HTTP server answers throughout. Resolves once stopped.
 */
export async function runDaemon(deps: DaemonDeps): Promise<void> {
  const { config, store, logger } = deps;
  const metrics = createMetrics();
  const site = createSiteCache(store, () => config, deps.now);
  const fetchAbort = new AbortController();
  let running: Promise<void> | undefined;
  let writtenVersion: string | undefined;

  const task = cron.createTask(config.schedule, () => startCycle(), { noOverlap: true, name: 'topicwire-cycle' });
  const periodMs = measureSchedulePeriod(task);
  const server = createServer({
    files: () => site.files(),
    health: () => describeHealth(store, deps.now(), periodMs),
    metrics: () => metrics.render(store),
  });

  async function cycle(): Promise<void> {
    const summary = await updateSources({ store, config, topics: deps.topics, logger, now: deps.now, signal: fetchAbort.signal }, config.sources);
    metrics.recordCycle(summary);
    const version = store.stories.readContentVersion();
    if (version !== writtenVersion) {
      await writeSite(site.files(), config.output.dir);
      writtenVersion = version;
      logger.info({ event: 'build', dir: config.output.dir }, 'static output written');
    }
  }

  function startCycle(): Promise<void> {
    if (running) {
      logger.warn({ event: 'cycle-skipped' }, 'previous cycle still running; skipping this one');
      return running;
    }
    running = cycle()
      .catch((error: unknown) => logger.error({ err: error }, 'cycle failed'))
      .finally(() => (running = undefined));
    return running;
  }

  await listen(server, config.server.host, config.server.port);
  const address = server.address() as AddressInfo;
  logger.info({ event: 'listen', host: address.address, port: address.port }, `serving on http://${config.server.host}:${address.port}/`);
  const stopped = new Promise<void>((resolve) => deps.signal.addEventListener('abort', () => resolve(), { once: true }));
  if (!deps.signal.aborted) {
    void startCycle();
    await task.start();
  }
  await stopped;

  logger.info({ event: 'stopping' }, 'stopping: no new fetches; waiting for the current cycle');
  await task.destroy();
  const inFlight = running;
  if (inFlight) {
    const timer = setTimeout(() => fetchAbort.abort(new Error('stopping')), stopGraceMs);
    await inFlight;
    clearTimeout(timer);
  }
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
  logger.info({ event: 'stopped' }, 'stopped');
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
