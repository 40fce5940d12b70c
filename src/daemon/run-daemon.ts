import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { SourceConfig } from '../config/types.js';
import { writeSite } from '../publish/index.js';
import type { Store } from '../store/index.js';
import { acquireDaemonLock, type LockDeps } from './daemon-lock.js';
import { reloadConfig, type RunningConfig } from './reload-config.js';
import { measureSchedulePeriod, startSiteServer, type SiteServer } from './site-server.js';
import { updateSources } from '../update/update-sources.js';
import { watchConfigFile } from './watch-config.js';

export interface DaemonDeps extends LockDeps {
  initial: RunningConfig;
  store: Store;
  logger: Logger;
  /** Aborted when the daemon should stop. */
  signal: AbortSignal;
  /** Registers a listener for SIGHUP. */
  onReload: (listener: () => void) => void;
}

/** How long in-flight fetches may run on after a stop request before they are abandoned. */
const stopGraceMs = 10_000;
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
  const lock = acquireDaemonLock(deps.initial.config.database, deps.initial.config.file, deps);
  let running: RunningConfig = deps.initial;
  let http: SiteServer | undefined;
  const fetchAbort = new AbortController();
  let cycleInFlight: Promise<void> | undefined;
  let writtenVersion: string | undefined;
  let lastPrune = -Infinity;
  let periodMs = 15 * 60_000;

  async function cycle(): Promise<void> {
    const { config, topics } = running;
    const due = await selectDueSources(store, config.sources, deps.now());
    const summary = await updateSources({ store, config, topics, logger, now: deps.now, signal: fetchAbort.signal }, due);
    http?.metrics.recordCycle(summary);
    if (deps.now().getTime() - lastPrune >= pruneEveryMs) {
      const now = deps.now();
      const pruned = await store.retention.prune({
        now,
        expiredBefore: new Date(now.getTime() - config.retentionDays * day),
        keepPerTopic: config.output.items,
        forgetTombstonesBefore: new Date(now.getTime() - Math.max(30, config.retentionDays) * day),
      });
      lastPrune = now.getTime();
      logger.info({ event: 'retention', ...pruned }, 'retention done');
    }
    // This process just wrote: serve and write the new content now, not at the next version check.
    http?.site.invalidate();
    const version = await store.stories.readContentVersion();
    if (version !== writtenVersion && http) {
      await writeSite(await http.site.files(), config.output.dir);
      writtenVersion = version;
      logger.info({ event: 'build', dir: config.output.dir }, 'static output written');
    }
  }

  function startCycle(): Promise<void> {
    if (cycleInFlight) return cycleInFlight;
    cycleInFlight = cycle()
      .catch((error: unknown) => logger.error({ err: error, event: 'cycle-failed' }, 'cycle failed'))
      .finally(() => (cycleInFlight = undefined));
    return cycleInFlight;
  }

  let task: ScheduledTask | undefined;
  function schedule(expression: string): void {
    void task?.destroy();
    task = cron.createTask(expression, () => startCycle(), { noOverlap: true, name: 'topicwire-cycle' });
    periodMs = measureSchedulePeriod(task);
    if (!deps.signal.aborted) void task.start();
  }

  let reloading = Promise.resolve();
  const reload = (): void => {
    reloading = reloading.then(async () => {
      const previous = running;
      running = await reloadConfig(running, store, logger);
      if (running.config.schedule !== previous.config.schedule) schedule(running.config.schedule);
      if (running !== previous) writtenVersion = undefined;
    });
  };
  deps.onReload(reload);
  const watcher = watchConfigFile(running.config.file, reload);

  try {
    http = await startSiteServer({ store, getConfig: () => running.config, logger, now: deps.now, schedulePeriodMs: () => periodMs });
  } catch (error) {
    watcher.close();
    lock.release();
    throw error;
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
  watcher.close();
  await task?.destroy();
  const inFlight = cycleInFlight;
  if (inFlight) {
    const timer = setTimeout(() => fetchAbort.abort(new Error('stopping')), stopGraceMs);
    await inFlight;
    clearTimeout(timer);
  }
  await reloading;
  await http.close();
  lock.release();
  logger.info({ event: 'stopped' }, 'stopped');
}
