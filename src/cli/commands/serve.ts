import { DEFAULT_STOP_GRACE_MS, runDaemon } from '../../daemon/run-daemon.js';
import { schedulePeriodOf, startSiteServer } from '../../daemon/site-server.js';
import { TopicwireError } from '../../errors.js';
import { checkWritable } from '../../publish/write-site.js';
import type { CliContext } from '../context.js';
import { openApp } from '../open-app.js';

/** A number of seconds from an environment variable, in milliseconds; undefined when unset. */
function readSeconds(env: CliContext['env'], name: string, min: number, max: number): number | undefined {
  const text = env[name];
  if (text === undefined || text === '') return undefined;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds < min || seconds > max) {
    throw new TopicwireError(`${name} must be a number of seconds from ${min} to ${max}, not "${text}"`);
  }
  return seconds * 1000;
}

/** `topicwire run`: the daemon, until SIGINT/SIGTERM. */
export async function runRun(ctx: CliContext, options: { config?: string }): Promise<number> {
  // $TOPICWIRE_STOP_GRACE_SECONDS: how long a stop waits for the cycle in flight,
  // to fit a service manager's own stop timeout (Docker's default is 10 s).
  const stopGraceMs = readSeconds(ctx.env, 'TOPICWIRE_STOP_GRACE_SECONDS', 0, 3600) ?? DEFAULT_STOP_GRACE_MS;
  // $TOPICWIRE_LEASE_SECONDS: on PostgreSQL, how long a worker's claim on a source
  // holds unrenewed, so how soon a dead worker's sources go to the others.
  const leaseMs = readSeconds(ctx.env, 'TOPICWIRE_LEASE_SECONDS', 1, 86_400);
  // An output folder that cannot be written is a mistake to fix before starting, not a log line per cycle.
  const app = await openApp(ctx, options.config, 'info', (config) => checkWritable(config.output.dir));
  try {
    await runDaemon({
      initial: { config: app.config, topics: app.topics },
      store: app.store,
      logger: app.logger,
      now: ctx.now,
      signal: ctx.stopSignal,
      onReload: ctx.onReload,
      stopGraceMs,
      ...(leaseMs === undefined ? {} : { leaseMs }),
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
