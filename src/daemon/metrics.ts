import type { Store } from '../store/index.js';
import type { CycleSummary } from '../update/update-sources.js';
import type { DeliveryOutcome } from './deliver-alerts.js';

/**
 * Counters of this process (fetches, items, cycles) and gauges read from the
 * store, in the Prometheus text exposition format 0.0.4.
 */
export interface Metrics {
  recordCycle(summary: CycleSummary): void;
  /** One alert delivery attempt and how it went. */
  recordDelivery(alertId: string, outcome: DeliveryOutcome): void;
  render(store: Store): Promise<string>;
}

interface Sample {
  labels?: Record<string, string>;
  value: number;
}

function formatMetric(name: string, type: 'counter' | 'gauge', help: string, samples: readonly Sample[]): string {
  const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`];
  for (const sample of samples) {
    const labels = Object.entries(sample.labels ?? {}).map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`))}"`);
    lines.push(`${name}${labels.length ? `{${labels.join(',')}}` : ''} ${sample.value}`);
  }
  return lines.join('\n');
}

export function createMetrics(): Metrics {
  const fetches = { ok: 0, unchanged: 0, failed: 0 };
  const items = { new: 0, updated: 0, duplicate: 0 };
  let notModified = 0;
  let cycles = 0;
  let lastDurationMs = 0;
  const deliveries = new Map<string, number>();
  return {
    recordDelivery(alertId, outcome) {
      const key = `${alertId}\n${outcome}`;
      deliveries.set(key, (deliveries.get(key) ?? 0) + 1);
    },
    recordCycle(summary) {
      cycles += 1;
      lastDurationMs = summary.durationMs;
      for (const source of summary.sources) {
        fetches[source.status] += 1;
        if (source.httpStatus === 304) notModified += 1;
      }
      items.new += summary.totals.new;
      items.updated += summary.totals.updated;
      items.duplicate += summary.totals.duplicate;
    },
    async render(store) {
      const counts = await store.stories.countAll();
      const byStatus = new Map<string, number>([['ok', 0], ['failing', 0], ['never', 0], ['disabled', 0]]);
      for (const source of await store.sources.listSources()) byStatus.set(source.status, (byStatus.get(source.status) ?? 0) + 1);
      const last = await store.cycles.lastCycle();
      const alerts = await store.alerts.summarizeAlerts();
      return [
        formatMetric('topicwire_fetches_total', 'counter', 'Source fetches by outcome since start.', Object.entries(fetches).map(([outcome, value]) => ({ labels: { outcome }, value }))),
        formatMetric('topicwire_not_modified_total', 'counter', 'Fetches answered 304 Not Modified since start.', [{ value: notModified }]),
        formatMetric('topicwire_items_ingested_total', 'counter', 'Items stored since start, by kind.', Object.entries(items).map(([kind, value]) => ({ labels: { kind }, value }))),
        formatMetric('topicwire_cycles_total', 'counter', 'Update cycles completed since start.', [{ value: cycles }]),
        formatMetric('topicwire_cycle_duration_seconds', 'gauge', 'Duration of the last update cycle.', [{ value: (last?.durationMs ?? lastDurationMs) / 1000 }]),
        formatMetric('topicwire_last_cycle_timestamp_seconds', 'gauge', 'When the last cycle finished (Unix time).', [{ value: last ? Date.parse(last.finishedAt) / 1000 : 0 }]),
        formatMetric('topicwire_items', 'gauge', 'Items in the database.', [{ value: counts.items }]),
        formatMetric('topicwire_stories', 'gauge', 'Stories in the database.', [{ value: counts.stories }]),
        formatMetric('topicwire_sources', 'gauge', 'Sources by status.', [...byStatus].map(([status, value]) => ({ labels: { status }, value }))),
        formatMetric('topicwire_alert_deliveries_total', 'counter', 'Alert delivery attempts since start, by alert and outcome (sent, retry, failed).', [...deliveries].map(([key, value]) => {
          const [alert = '', outcome = ''] = key.split('\n');
          return { labels: { alert, outcome }, value };
        })),
        formatMetric('topicwire_alert_outbox', 'gauge', 'Alert deliveries in the outbox, by alert and status (pending, failed; waiting: stories for the next digest).', alerts.flatMap((a) => [
          { labels: { alert: a.alertId, status: 'pending' }, value: a.pending },
          { labels: { alert: a.alertId, status: 'failed' }, value: a.failed },
          { labels: { alert: a.alertId, status: 'waiting' }, value: a.waiting },
        ])),
      ].join('\n').concat('\n');
    },
  };
}
