import { alertKey, type AlertStory } from '../../alerts/index.js';
import type { AlertConfig } from '../../config/types.js';
import { describeReceiver, readAlertStories, renderAlertMessage } from '../../daemon/alert-messages.js';
import { createAlertSender } from '../../daemon/alert-sender.js';
import { TopicwireError } from '../../errors.js';
import type { CliContext } from '../context.js';
import { formatAge, formatTable } from '../format-table.js';
import { openApp } from '../open-app.js';

/** `topicwire alerts [list]`: each alert, its receiver, its last delivery, and what is pending or failed. */
export async function runAlertsList(ctx: CliContext, options: { config?: string }): Promise<number> {
  const app = await openApp(ctx, options.config);
  try {
    const summaries = new Map((await app.store.alerts.summarizeAlerts()).map((s) => [s.alertId, s]));
    const now = ctx.now();
    const rows = [['ID', 'RECEIVER', 'TOPICS', 'FIRES', 'LAST DELIVERY', 'SENT', 'PENDING', 'FAILED']];
    const notes: string[] = [];
    for (const alert of app.config.alerts) {
      const summary = summaries.get(alert.id);
      const last = summary?.last;
      const digest = alert.type === 'email' && alert.digest !== undefined ? ` (digest "${alert.digest}"${summary?.waiting ? `, ${summary.waiting} waiting` : ''})` : '';
      rows.push([
        alert.id,
        describeReceiver(alert),
        alert.topics.join(','),
        `${alert.minOutlets === 1 ? 'on entry' : `at ${alert.minOutlets} outlets`}${digest}`,
        last === undefined ? 'never' : `${formatAge(last.at, now)} ${last.status === 'pending' ? 'retrying' : last.status}`,
        String(summary?.sent ?? 0),
        String(summary?.pending ?? 0),
        String(summary?.failed ?? 0),
      ]);
      if (summary === undefined || summary.armedAt === null) notes.push(`${alert.id}: its first cycle is to come: the stories then in its topics are recorded${alert.backfill ? ' and sent (backfill)' : ', not sent'}`);
      if (last?.error) notes.push(`${alert.id}: last error: ${last.error}`);
    }
    if (app.config.alerts.length === 0) {
      ctx.out('no alerts are configured ("alerts" in config.json)\n');
      return 0;
    }
    ctx.out(formatTable(rows));
    if (notes.length > 0) ctx.out(`\n${notes.join('\n')}\n`);
    return 0;
  } finally {
    await app.close();
  }
}

/** A story to test with when the alert's topics hold none yet. */
function sampleStory(alert: AlertConfig, topicTitle: (id: string) => string, now: Date): AlertStory {
  const at = now.toISOString();
  return {
    uid: 'urn:topicwire:story:test',
    title: `topicwire test alert "${alert.id}"`,
    link: null,
    summary: 'A sample sent by `topicwire alerts test`; real alerts name a story and the outlets that carry it.',
    publishedAt: at,
    firstSeenAt: at,
    topics: alert.topics.map((id) => ({ id, title: topicTitle(id) })),
    outlets: [{ sourceId: 'topicwire', sourceTitle: 'topicwire', link: null, publishedAt: at, firstSeenAt: at }],
  };
}

/**
 * `topicwire alerts test ID`: sends one sample now, past the outbox — the
 * newest story in the alert's topics (for a digest, the newest few), else a
 * made-up one — and says what the receiver answered. Its key is its own, so
 * a receiver never takes it for a real delivery.
 */
export async function runAlertsTest(ctx: CliContext, id: string, options: { config?: string }): Promise<number> {
  const app = await openApp(ctx, options.config);
  const sender = createAlertSender(() => app.config.smtp, ctx.now);
  try {
    const { config, store } = app;
    const alert = config.alerts.find((a) => a.id === id);
    if (alert === undefined) {
      throw new TopicwireError(`no alert "${id}" in ${config.file}${config.alerts.length ? `; the alerts are ${config.alerts.map((a) => a.id).join(', ')}` : ''}`);
    }
    const digest = alert.type === 'email' && alert.digest !== undefined;
    const newest = new Map<number, string>();
    for (const topic of alert.topics) {
      for (const story of await store.stories.listTopicStories(topic, digest ? 5 : 1)) newest.set(story.id, story.face.publishedAt ?? story.face.firstSeenAt);
    }
    const storyIds = [...newest].sort((a, b) => (a[1] < b[1] ? 1 : -1)).slice(0, digest ? 5 : 1).map(([storyId]) => storyId);
    const titles = new Map(config.topics.map((t) => [t.id, t.title]));
    const now = ctx.now();
    const stories = storyIds.length > 0 ? await readAlertStories(store, config, storyIds) : [sampleStory(alert, (t) => titles.get(t) ?? t, now)];
    const key = alertKey(alert.id, { test: now });
    const message = renderAlertMessage({ alert, key, kind: digest ? 'digest' : 'story', storyIds, queuedAt: now }, stories, config, now);
    if (message === undefined) throw new TopicwireError(`alert "${id}": nothing to send`);
    const result = await sender.send(alert, message);
    const what = `${digest ? `a digest of ${stories.length} stor${stories.length === 1 ? 'y' : 'ies'}` : `"${stories[0]?.title ?? ''}"`} to ${describeReceiver(alert)}`;
    if (result.ok) {
      ctx.out(`${alert.id}: sent ${what}: ${result.status}\n`);
      return 0;
    }
    ctx.err(`${alert.id}: sending ${what} failed: ${result.error}${result.retryable ? ' (a real delivery would be retried)' : ''}\n`);
    return 1;
  } finally {
    sender.close();
    await app.close();
  }
}
