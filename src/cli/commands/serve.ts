import { runDaemon } from '../../daemon/run-daemon.js';
import { schedulePeriodOf, startSiteServer } from '../../daemon/site-server.js';
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
  try {
    // /health judges staleness by the schedule of the `run` that writes this database, as `run`'s own does.
    const periodMs = schedulePeriodOf(config.schedule);
    const http = await startSiteServer({ store, getConfig: () => config, logger: app.logger, now: ctx.now, schedulePeriodMs: () => periodMs });
    await new Promise<void>((resolve) => ctx.stopSignal.addEventListener('abort', () => resolve(), { once: true }));
    await http.close();
    return 0;
  } finally {
    await app.close();
  }
}
