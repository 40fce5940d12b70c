import { randomUUID } from 'node:crypto';
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import { alertKey, planRetry, type AttemptResult } from '../alerts/index.js';
import type { AlertConfig, Config } from '../config/types.js';
import type { ClaimedDelivery, Store } from '../store/index.js';
import { describeReceiver, readAlertStories, renderAlertMessage } from './alert-messages.js';
import type { SendAlert } from './alert-sender.js';

export type DeliveryOutcome = 'sent' | 'retry' | 'failed';

export interface AlertDeliveryDeps {
  store: Store;
  getConfig: () => Config;
  logger: Logger;
  now: () => Date;
  send: SendAlert;
  /** In [0, 1), for backoff jitter. */
  random: () => number;
  /** Told after each attempt, for /metrics. */
  onAttempt?: (alertId: string, outcome: DeliveryOutcome) => void;
}

export interface AlertDelivery {
  /** Something may have been queued (a cycle ended, a digest closed): look now. */
  wake(): void;
  /** The config changed: digests are scheduled anew. */
  reschedule(): void;
  /** Stops claiming, aborts the attempt in flight (it is due again at once), and resolves once the loop is done. */
  stop(): Promise<void>;
}

/** Even with nothing due, the outbox is looked at this often (another process may have queued). */
const IDLE_CHECK_MS = 30_000;

/** A claim outlives the attempt it covers: twice the longest deadline, plus a margin. */
export function leaseMs(alerts: readonly AlertConfig[]): number {
  return 2 * Math.max(1, ...alerts.map((a) => a.timeoutSeconds)) * 1000 + 5_000;
}

/**
 * The sender of `run` (README "Alerts"): claims the earliest due delivery,
 * renders it from the store as it is now, sends it, and records the result —
 * sent only on a 2xx or an accepted SMTP reply, else due again after a
 * backoff (or Retry-After), until its alert's retry horizon. One delivery at
 * a time, each under a lease, so a second sender could share the outbox and
 * a sender killed mid-attempt leaves the delivery to be claimed again, with
 * the same key. Digests close on their own cron schedules.
 */
export function startAlertDelivery(deps: AlertDeliveryDeps): AlertDelivery {
  const { store, logger } = deps;
  const owner = randomUUID();
  const stopping = new AbortController();
  let wakeUp: (() => void) | undefined;
  let woken = false;
  const wake = (): void => {
    woken = true;
    wakeUp?.();
  };

  function sleep(ms: number): Promise<void> {
    if (woken || stopping.signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(0, Math.min(ms, IDLE_CHECK_MS)));
      stopping.signal.addEventListener('abort', done, { once: true });
      function done(): void {
        clearTimeout(timer);
        stopping.signal.removeEventListener('abort', done);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });
  }

  async function deliverOne(config: Config, claimed: ClaimedDelivery): Promise<void> {
    const alert = config.alerts.find((a) => a.id === claimed.alertId) as AlertConfig;
    const started = deps.now();
    const finish = { id: claimed.id, owner, at: started.toISOString() };
    const stories = await readAlertStories(store, config, claimed.storyIds);
    const message = renderAlertMessage({ alert, key: claimed.key, kind: claimed.kind, storyIds: claimed.storyIds, queuedAt: new Date(claimed.queuedAt) }, stories, config, started);
    if (message === undefined) {
      await store.alerts.finishDelivery({ ...finish, outcome: 'failed', error: 'its story is no longer stored (removed by retention)' });
      logger.warn({ event: 'alert', alert: alert.id, key: claimed.key, outcome: 'failed' }, `alert ${alert.id}: nothing to send, the story is no longer stored`);
      deps.onAttempt?.(alert.id, 'failed');
      return;
    }
    const result: AttemptResult = await deps.send(alert, message, stopping.signal);
    const at = deps.now();
    const fields = { event: 'alert', alert: alert.id, receiver: describeReceiver(alert), key: claimed.key, attempt: claimed.attempts, stories: stories.length, ms: at.getTime() - started.getTime() };
    if (result.ok) {
      await store.alerts.finishDelivery({ ...finish, at: at.toISOString(), outcome: 'sent', status: result.status });
      logger.info({ ...fields, outcome: 'sent', status: result.status }, `alert ${alert.id} sent: ${result.status}`);
      deps.onAttempt?.(alert.id, 'sent');
      return;
    }
    if (stopping.signal.aborted) {
      // Cut short by a stop, not refused: due again as soon as a sender runs.
      await store.alerts.finishDelivery({ ...finish, outcome: 'retry', error: 'stopped during the attempt', dueAt: at.toISOString() });
      return;
    }
    const plan = planRetry({ result, attempts: claimed.attempts, queuedAt: new Date(claimed.queuedAt), now: at, horizonMs: alert.retryHours * 3_600_000, random: deps.random });
    if (plan.retry) {
      await store.alerts.finishDelivery({ ...finish, outcome: 'retry', error: result.error, dueAt: plan.at.toISOString() });
      logger.warn({ ...fields, outcome: 'retry', error: result.error, retryAt: plan.at.toISOString() }, `alert ${alert.id} failed (${result.error}); retrying at ${plan.at.toISOString()}`);
      deps.onAttempt?.(alert.id, 'retry');
      return;
    }
    await store.alerts.finishDelivery({ ...finish, outcome: 'failed', error: plan.reason });
    logger.error({ ...fields, outcome: 'failed', error: plan.reason }, `alert ${alert.id} failed for good: ${plan.reason}`);
    deps.onAttempt?.(alert.id, 'failed');
  }

  /** Claims and sends what is due; resolves with how long to wait before looking again. */
  async function step(): Promise<number> {
    const config = deps.getConfig();
    const ids = config.alerts.map((a) => a.id);
    if (ids.length === 0) return IDLE_CHECK_MS;
    const now = deps.now();
    const claimed = await store.alerts.claimDelivery({ owner, now: now.toISOString(), leaseUntil: new Date(now.getTime() + leaseMs(config.alerts)).toISOString(), alertIds: ids });
    if (claimed !== undefined) {
      await deliverOne(config, claimed);
      return 0;
    }
    const next = await store.alerts.nextDueAt(ids);
    return next === undefined ? IDLE_CHECK_MS : Date.parse(next) - deps.now().getTime();
  }

  async function loop(): Promise<void> {
    while (!stopping.signal.aborted) {
      woken = false;
      let waitMs: number;
      try {
        waitMs = await step();
      } catch (error) {
        // A bug: logged, and the sender goes on (a claimed delivery's lease lapses and it is tried again).
        logger.error({ err: error, event: 'alert-failed' }, 'unexpected error while sending an alert');
        waitMs = IDLE_CHECK_MS;
      }
      if (waitMs > 0) await sleep(waitMs);
    }
  }

  const running = loop();

  let digests: ScheduledTask[] = [];
  function reschedule(): void {
    for (const task of digests) void task.destroy();
    digests = [];
    if (stopping.signal.aborted) return;
    for (const alert of deps.getConfig().alerts) {
      if (alert.type !== 'email' || alert.digest === undefined) continue;
      const { id } = alert;
      const task = cron.createTask(alert.digest, async (context) => {
        const end = context.date;
        const stories = await store.alerts.closeDigest({ alertId: id, key: alertKey(id, { digest: end }), now: deps.now().toISOString() });
        if (stories === 0) return;
        logger.info({ event: 'digest', alert: id, stories }, `digest ${id}: ${stories} stor${stories === 1 ? 'y' : 'ies'} queued`);
        wake();
      }, { noOverlap: true, name: `topicwire-digest-${id}` });
      void task.start();
      digests.push(task);
    }
  }
  reschedule();

  return {
    wake,
    reschedule,
    async stop() {
      stopping.abort(new Error('stopping'));
      for (const task of digests) await task.destroy();
      digests = [];
      await running;
    },
  };
}
