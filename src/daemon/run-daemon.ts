import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { SourceConfig } from '../config/types.js';
import { OutputWriteError, writeSite } from '../publish/write-site.js';
import type { Store } from '../store/index.js';
import { describeAgeWindow } from './assemble-site.js';
import { createAlertSender, type SendAlert } from './alert-sender.js';
import { acquireDaemonLock, type LockDeps } from './daemon-lock.js';
import { startAlertDelivery, type AlertDelivery } from './deliver-alerts.js';
import type { OutputHealth } from './health.js';
import { reloadConfig, type RunningConfig } from './reload-config.js';
import { measureSchedulePeriod, startSiteServer, type SiteServer } from './site-server.js';
import { updateSources, type CycleSummary } from '../update/update-sources.js';
import { DEFAULT_LEASE_MS, mergeSummaries, runSharedCycle } from './shared-cycle.js';
import { watchConfigFile } from './watch-config.js';

export interface DaemonDeps extends LockDeps {
  initial: RunningConfig;
  store: Store;
  logger: Logger;
  /** Aborted when the daemon should stop. */
  signal: AbortSignal;
  /** Registers a listener for SIGHUP. */
  onReload: (listener: () => void) => void;
  /** How long the cycle in flight may run on after a stop request (default 10 s). */
  stopGraceMs?: number;
  /** On a shared store: how long a worker's claim on a source holds without renewal (default 60 s). */
  leaseMs?: number;
  /** Sends an alert's message; HTTP and SMTP unless a test replaces them. */
  sendAlert?: SendAlert;
  /** In [0, 1), for backoff jitter. */
  random?: () => number;
}

/** How long in-flight fetches and reads may run on after a stop request before they are abandoned. */
export const DEFAULT_STOP_GRACE_MS = 10_000;
/** After the grace period, how long the abandoned cycle gets to record its sources before the daemon stops without it. */
const abandonMs = 2_000;
const pruneEveryMs = 60 * 60_000;
const day = 86_400_000;

/** Sources whose next-due time has come; disabled ones never are. */
async function selectDueSources(store: Store, sources: readonly SourceConfig[], now: Date): Promise<SourceConfig[]> {
  const records = new Map((await store.sources.listSources()).map((r) => [r.id, r]));
  return sources.filter((source) => {
    const record = records.get(source.id);
    if (record?.status === 'disabled') return false;
    return record?.nextDueAt == null || Date.parse(record.nextDueAt) <= now.getTime();
  });
}

/**
 * `topicwire run`: the first cycle at once, then on the schedule, each
 * fetching only the sources that are due; cycles never overlap; the static
 * output is rewritten after a cycle that changed something; the config is
 * reloaded on SIGHUP and when the file changes; the HTTP server answers
 * throughout. Resolves once stopped.
 */
export async function runDaemon(deps: DaemonDeps): Promise<void> {
  const { store, logger } = deps;
  // SQLite is one process's: the lock file keeps a second daemon off it. On
  // PostgreSQL workers share the sources by claims and elect one leader.
  const lock = store.work.shared ? { release: () => undefined } : acquireDaemonLock(deps.initial.config.database, deps.initial.config.file, deps);
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  let leading = false;
  let running: RunningConfig = deps.initial;
  let http: SiteServer | undefined;
  const sender = createAlertSender(() => running.config.smtp, deps.now);
  const alerts: AlertDelivery = startAlertDelivery({
    store,
    getConfig: () => running.config,
    logger,
    now: deps.now,
    send: deps.sendAlert ?? sender.send,
    random: deps.random ?? Math.random,
    onAttempt: (alertId, outcome) => http?.metrics.recordDelivery(alertId, outcome),
  });
  const fetchAbort = new AbortController();
  let cycleInFlight: Promise<void> | undefined;
  let writtenVersion: string | undefined;
  let lastPrune = -Infinity;
  let periodMs = 15 * 60_000;
  let output: OutputHealth = { dir: deps.initial.config.output.dir, error: null, since: null, lastWrittenAt: null };

  /**
   * A scheduled cycle runs for its tick: sources due by the tick are fetched
   * and planned from it (PlanInput.from). Others (at start, after a reload)
   * fetch what is due now.
   */
  async function cycle(tick: Date | undefined): Promise<void> {
    const { config, topics } = running;
    const update = (sources: readonly SourceConfig[]) =>
      updateSources({ store, config, topics, logger, now: deps.now, signal: fetchAbort.signal, ...(tick ? { tick } : {}) }, sources);
    let summary: CycleSummary;
    if (store.work.shared) {
      const startedAt = deps.now();
      const started = performance.now();
      await store.sources.syncSources(config.sources.map((s) => ({ id: s.id, url: s.url, title: s.title, canonicalUrl: s.canonicalUrl })));
      const parts = await runSharedCycle({ store, logger, sources: config.sources, now: tick ?? deps.now(), concurrency: config.fetch.concurrency, leaseMs, update, signal: deps.signal });
      summary = mergeSummaries(startedAt, performance.now() - started, parts);
      // Each chunk logged its own "cycle"; this is the worker's whole cycle.
      logger.info({ event: 'worker-cycle', chunks: parts.length, ...summary.totals, ms: Math.round(summary.durationMs) }, 'worker cycle done: no due source left to claim');
    } else {
      summary = await update(await selectDueSources(store, config.sources, tick ?? deps.now()));
    }
    http?.metrics.recordCycle(summary);
    // What the cycle queued is sent now, not at the sender's next look.
    alerts.wake();
    // This process just wrote: serve the new content now, not at the next version check.
    http?.site.invalidate();
    if (await lead()) await publish();
  }

  /** The leader's work after a cycle: retention once an hour, and the static output when the content changed. */
  async function publish(): Promise<void> {
    const { config } = running;
    if (deps.now().getTime() - lastPrune >= pruneEveryMs) {
      const now = deps.now();
      const pruned = await store.retention.prune({
        now,
        expiredBefore: new Date(now.getTime() - config.retentionDays * day),
        keepPerTopic: Math.max(config.output.items, ...config.topics.map((topic) => topic.items)),
        forgetTombstonesBefore: new Date(now.getTime() - Math.max(30, config.retentionDays) * day),
      });
      lastPrune = now.getTime();
      logger.info({ event: 'retention', ...pruned }, 'retention done');
    }
    const version = `${await store.stories.readContentVersion()}|${describeAgeWindow(config, deps.now())}`;
    if (version !== writtenVersion && http) await writeOutput(http, config.output.dir, version);
  }

  /** Whether this worker leads now; a change of the lead is logged. */
  async function lead(): Promise<boolean> {
    let now: boolean;
    try {
      now = await store.work.tryLead();
    } catch (error) {
      logger.error({ event: 'lead', err: error }, 'cannot reach the database to hold the lead');
      now = false;
    }
    if (now !== leading && store.work.shared) {
      logger.info({ event: 'lead', leading: now }, now ? 'this worker leads: it writes the static output and prunes' : 'this worker no longer leads');
      // A new leader writes what is there, whatever the last one wrote.
      if (now) writtenVersion = undefined;
    }
    leading = now;
    return now;
  }

  /** A failed write is retried at the next cycle and shown by /health until one succeeds. */
  async function writeOutput(http: SiteServer, dir: string, version: string): Promise<void> {
    const at = deps.now().toISOString();
    try {
      await writeSite(await http.site.files(), dir);
    } catch (error) {
      if (!(error instanceof OutputWriteError)) throw error;
      output = { dir, error: error.message, since: (output.dir === dir ? output.since : null) ?? at, lastWrittenAt: output.lastWrittenAt };
      logger.error({ event: 'build', ok: false, dir, error: error.message }, error.message);
      return;
    }
    writtenVersion = version;
    output = { dir, error: null, since: null, lastWrittenAt: at };
    logger.info({ event: 'build', dir }, 'static output written');
  }

  // A reload during a cycle asks for one more as soon as it ends: the cycle in flight read the old config.
  let cycleAgain = false;
  function startCycle(tick?: Date): Promise<void> {
    if (cycleInFlight) return cycleInFlight;
    cycleInFlight = cycle(tick)
      .catch((error: unknown) => logger.error({ err: error, event: 'cycle-failed' }, 'cycle failed'))
      .finally(() => {
        cycleInFlight = undefined;
        if (cycleAgain && !deps.signal.aborted) {
          cycleAgain = false;
          void startCycle();
        }
      });
    return cycleInFlight;
  }

  let task: ScheduledTask | undefined;
  function schedule(expression: string): void {
    void task?.destroy();
    task = cron.createTask(expression, (context) => startCycle(context.date), { noOverlap: true, name: 'topicwire-cycle' });
    periodMs = measureSchedulePeriod(task);
    if (!deps.signal.aborted) void task.start();
  }

  let reloading = Promise.resolve();
  const reload = (): void => {
    reloading = reloading.then(async () => {
      const previous = running;
      running = await reloadConfig(running, store, logger, deps.now());
      if (running === previous) return;
      if (running.config.schedule !== previous.config.schedule) schedule(running.config.schedule);
      alerts.reschedule();
      alerts.wake();
      writtenVersion = undefined;
      // A new source (or a new URL) is due at once: fetch it now, not at the next tick.
      if (deps.signal.aborted) return;
      if (cycleInFlight) cycleAgain = true;
      else void startCycle();
    });
  };
  deps.onReload(reload);
  const watcher = watchConfigFile(running.config.file, reload);

  try {
    http = await startSiteServer({ store, getConfig: () => running.config, logger, now: deps.now, schedulePeriodMs: () => periodMs, output: () => output });
  } catch (error) {
    watcher.close();
    await alerts.stop();
    sender.close();
    lock.release();
    throw error;
  }

  // On a shared store the lead is tried at start and every third of a lease,
  // not only after cycles: a leader that dies mid-cycle is replaced, and the
  // output written, within seconds, however long the others' cycles run.
  let leadTimer: NodeJS.Timeout | undefined;
  if (store.work.shared && !deps.signal.aborted) {
    await lead();
    let checking = false;
    leadTimer = setInterval(() => {
      if (checking) return;
      checking = true;
      void (async () => {
        const before = leading;
        if ((await lead()) && !before && !cycleInFlight) await publish();
      })()
        .catch((error: unknown) => logger.error({ event: 'lead', err: error }, 'publishing after taking the lead failed'))
        .finally(() => (checking = false));
    }, Math.max(200, Math.floor(leaseMs / 3)));
  }
  if (!deps.signal.aborted) {
    void startCycle();
    schedule(running.config.schedule);
  }
  await new Promise<void>((resolve) => {
    if (deps.signal.aborted) resolve();
    deps.signal.addEventListener('abort', () => resolve(), { once: true });
  });

  logger.info({ event: 'stopping' }, 'stopping: no new fetches; waiting for the current cycle');
  clearInterval(leadTimer);
  watcher.close();
  await task?.destroy();
  const inFlight = cycleInFlight;
  if (inFlight) await stopCycle(inFlight, fetchAbort, deps.stopGraceMs ?? DEFAULT_STOP_GRACE_MS, logger);
  await reloading;
  if (store.work.shared) {
    // What this worker claimed and did not fetch, and the lead, go to the others now, not after a lease.
    try {
      await store.work.releaseClaims();
      await store.work.resign();
    } catch (error) {
      logger.warn({ event: 'stopping', err: error }, 'could not give back claims or the lead; they lapse with the lease');
    }
  }
  await alerts.stop();
  sender.close();
  await http.close();
  lock.release();
  logger.info({ event: 'stopped' }, 'stopped');
}

/**
 * Waits for the cycle in flight for the grace period, then aborts its fetches
 * and terminates its read threads (a read on a worker ends mid-instruction),
 * and stops waiting soon after: a stop ends in time in every state.
 */
async function stopCycle(inFlight: Promise<void>, fetchAbort: AbortController, graceMs: number, logger: Logger): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'expired'>((resolve) => (timer = setTimeout(() => resolve('expired'), graceMs)));
  if ((await Promise.race([inFlight, expired])) !== 'expired') return clearTimeout(timer);
  logger.warn({ event: 'stopping', graceMs }, 'stopping: the grace period is over; abandoning the fetches and reads in flight');
  fetchAbort.abort(new Error('stopping'));
  const abandoned = new Promise<'abandoned'>((resolve) => (timer = setTimeout(() => resolve('abandoned'), abandonMs)));
  if ((await Promise.race([inFlight, abandoned])) === 'abandoned') logger.error({ event: 'stopping' }, 'stopping without the cycle in flight');
  clearTimeout(timer);
}
