import type { AddressInfo } from 'node:net';
import { describeHealth } from '../../daemon/health.js';
import { createMetrics } from '../../daemon/metrics.js';
import { runDaemon } from '../../daemon/run-daemon.js';
import { createSiteCache } from '../../daemon/site-cache.js';
import { createServer } from '../../server/index.js';
import type { CliContext } from '../context.js';
import { openApp } from '../open-app.js';

/** `topicwire run`: the daemon, until SIGINT/SIGTERM. */
export async function runRun(ctx: CliContext, options: { config?: string }): Promise<number> {
  const app = await openApp(ctx, options.config, 'info');
  try {
    await runDaemon({
      initial: { config: app.config, topics: app.topics },
      store: app.store,
      logger: app.logger,
      now: ctx.now,
      signal: ctx.stopSignal,
      onReload: ctx.onReload,
      pid: ctx.pid,
      isProcessAlive: ctx.isProcessAlive,
    });
    return 0;
  } finally {
    await app.close();
  }
}

/** `topicwire serve`: the HTTP server alone, reading what `fetch` or `run` stored. */
export async function runServe(ctx: CliContext, options: { config?: string }): Promise<number> {
  const app = await openApp(ctx, options.config, 'info');
  const { config, store } = app;
  const site = createSiteCache(store, () => config, ctx.now);
  const metrics = createMetrics();
  const server = createServer({
    files: () => site.files(),
    health: () => describeHealth(store, ctx.now(), 15 * 60_000),
    metrics: () => metrics.render(store),
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.server.port, config.server.host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    app.logger.info({ event: 'listen', port }, `serving on http://${config.server.host}:${port}/`);
    await new Promise<void>((resolve) => ctx.stopSignal.addEventListener('abort', () => resolve(), { once: true }));
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
    return 0;
  } finally {
    await app.close();
  }
}
