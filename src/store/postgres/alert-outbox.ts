import { decideFirings } from '../../alerts/decide-firings.js';
import type { AlertRule, StoryFacts } from '../../alerts/types.js';
import { toAlertSummary, type AlertCountsRow, type AlertSummary, type ClaimedDelivery, type DeliveryClaim, type DeliveryFinish, type KnownAlert, type LastDeliveryRow } from '../alert-outbox.js';
import type { AlertStore } from '../store.js';
import type { Query, Sql } from './connect.js';

/**
 * The alerts' state and outbox (../alert-outbox.ts) on PostgreSQL, for
 * several workers: firings are recorded inside the writes that file stories
 * (recordFirings, in their transaction); a sender claims one due delivery
 * with FOR UPDATE SKIP LOCKED, so senders of several workers never take the
 * same one, and with a lease, so one that dies lets it be claimed again.
 */
export function createPostgresAlertOutbox(sql: Sql) {
  async function insertDelivery(tx: Query, alert: string, key: string, story: string | null, now: string): Promise<void> {
    await tx`INSERT INTO alert_deliveries (alert_id, key, story_uid, status, queued_at, due_at)
      VALUES (${alert}, ${key}, ${story}, 'pending', ${now}, ${now}) ON CONFLICT (key) DO NOTHING`;
  }

  /** Inside the caller's transaction: which alerts fire for these stories, recorded with what each firing becomes. */
  async function recordFirings(tx: Query, rules: readonly AlertRule[], storyIds: Iterable<number>, now: string): Promise<number> {
    const ids = [...new Set(storyIds)];
    if (rules.length === 0 || ids.length === 0) return 0;
    const rows = await tx<{ id: number; uid: string; topics: string[] | null; outlets: number; recorded: string[] | null }[]>`
      SELECT s.id, s.uid,
        (SELECT array_agg(DISTINCT topic_id ORDER BY topic_id) FROM item_topics WHERE story_id = s.id) AS topics,
        (SELECT count(DISTINCT source_id) FROM items WHERE story_id = s.id) AS outlets,
        (SELECT array_agg(alert_id ORDER BY alert_id) FROM alert_stories WHERE story_uid = s.uid) AS recorded
      FROM stories s WHERE s.id = ANY(${ids}::bigint[])`;
    const byId = new Map(rows.map((r) => [r.id, r]));
    const facts: StoryFacts[] = ids.flatMap((id) => {
      const row = byId.get(id);
      return row === undefined ? [] : [{ storyId: row.id, uid: row.uid, topics: row.topics ?? [], outlets: row.outlets, recorded: row.recorded ?? [] }];
    });
    const firings = decideFirings(rules, facts);
    for (const firing of firings) {
      await tx`INSERT INTO alert_stories (alert_id, story_uid, recorded_at) VALUES (${firing.alertId}, ${firing.storyUid}, ${now}) ON CONFLICT DO NOTHING`;
      if (firing.mode === 'send') await insertDelivery(tx, firing.alertId, firing.key, firing.storyUid, now);
      else if (firing.mode === 'digest') {
        await tx`INSERT INTO digest_entries (alert_id, story_uid, added_at) VALUES (${firing.alertId}, ${firing.storyUid}, ${now}) ON CONFLICT DO NOTHING`;
      }
    }
    return firings.length;
  }

  async function storiesInTopics(tx: Query, topics: readonly string[]): Promise<number[]> {
    return (await tx<{ story_id: number }[]>`SELECT DISTINCT story_id FROM item_topics WHERE topic_id = ANY(${topics as string[]}::text[]) ORDER BY story_id`).map((r) => r.story_id);
  }

  type DeliveryRow = { id: number; alert_id: string; key: string; story_uid: string | null; attempts: number; queued_at: string };

  const store: AlertStore<'later'> = {
    syncAlerts: (alerts: readonly KnownAlert[], now: string) =>
      sql.begin(async (tx) => {
        const stored = new Map((await tx<{ id: string; signature: string; armed_at: string | null }[]>`SELECT id, signature, armed_at FROM alerts FOR UPDATE`).map((r) => [r.id, r]));
        const unarmed: string[] = [];
        for (const alert of alerts) {
          const row = stored.get(alert.id);
          if (row === undefined || row.signature !== alert.signature) {
            await tx`INSERT INTO alerts (id, signature, armed_at) VALUES (${alert.id}, ${alert.signature}, NULL)
              ON CONFLICT (id) DO UPDATE SET signature = excluded.signature, armed_at = NULL`;
          }
          if (row === undefined || row.signature !== alert.signature || row.armed_at === null) unarmed.push(alert.id);
        }
        const configured = new Set(alerts.map((a) => a.id));
        for (const id of stored.keys()) {
          if (configured.has(id)) continue;
          await tx`DELETE FROM alerts WHERE id = ${id}`;
          await tx`DELETE FROM alert_stories WHERE alert_id = ${id}`;
          await tx`DELETE FROM digest_entries WHERE alert_id = ${id} AND delivery_id IS NULL`;
          await tx`UPDATE alert_deliveries SET status = 'failed', last_error = 'the alert was removed from the config', finished_at = ${now},
            lease_owner = NULL, lease_until = NULL WHERE alert_id = ${id} AND status = 'pending'`;
        }
        return unarmed;
      }) as Promise<string[]>,
    armAlerts: (rules, now) =>
      sql.begin(async (tx) => {
        let recorded = 0;
        for (const rule of rules) {
          recorded += await recordFirings(tx, [rule], await storiesInTopics(tx, rule.topics), now);
          await tx`UPDATE alerts SET armed_at = ${now} WHERE id = ${rule.id}`;
        }
        return recorded;
      }) as Promise<number>,
    claimDelivery: async (request: DeliveryClaim): Promise<ClaimedDelivery | undefined> => {
      const [row] = await sql<DeliveryRow[]>`
        UPDATE alert_deliveries SET lease_owner = ${request.owner}, lease_until = ${request.leaseUntil}, attempts = attempts + 1, last_attempt_at = ${request.now}
        WHERE id = (
          SELECT id FROM alert_deliveries
          WHERE status = 'pending' AND due_at <= ${request.now} AND (lease_until IS NULL OR lease_until <= ${request.now})
            AND alert_id = ANY(${request.alertIds as string[]}::text[])
          ORDER BY due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING id, alert_id, key, story_uid, attempts, queued_at`;
      if (row === undefined) return undefined;
      const storyIds =
        row.story_uid === null
          ? (await sql<{ id: number }[]>`SELECT s.id FROM digest_entries d JOIN stories s ON s.uid = d.story_uid WHERE d.delivery_id = ${row.id} ORDER BY d.added_at, s.id`).map((r) => r.id)
          : (await sql<{ id: number }[]>`SELECT id FROM stories WHERE uid = ${row.story_uid}`).map((r) => r.id);
      return { id: row.id, alertId: row.alert_id, key: row.key, kind: row.story_uid === null ? 'digest' : 'story', storyIds, attempts: row.attempts, queuedAt: row.queued_at };
    },
    finishDelivery: async (finish: DeliveryFinish): Promise<boolean> => {
      const { id, owner, at } = finish;
      const done =
        finish.outcome === 'sent'
          ? await sql`UPDATE alert_deliveries SET status = 'sent', outcome = ${finish.status}, last_error = NULL, finished_at = ${at}, lease_owner = NULL, lease_until = NULL
              WHERE id = ${id} AND lease_owner = ${owner} AND status = 'pending'`
          : finish.outcome === 'retry'
            ? await sql`UPDATE alert_deliveries SET due_at = ${finish.dueAt}, last_error = ${finish.error}, lease_owner = NULL, lease_until = NULL
                WHERE id = ${id} AND lease_owner = ${owner} AND status = 'pending'`
            : await sql`UPDATE alert_deliveries SET status = 'failed', last_error = ${finish.error}, finished_at = ${at}, lease_owner = NULL, lease_until = NULL
                WHERE id = ${id} AND lease_owner = ${owner} AND status = 'pending'`;
      return done.count > 0;
    },
    nextDueAt: async (alertIds) => {
      const [row] = await sql<{ due: string | null }[]>`
        SELECT min(greatest(due_at, coalesce(lease_until, due_at))) AS due FROM alert_deliveries
        WHERE status = 'pending' AND alert_id = ANY(${alertIds as string[]}::text[])`;
      return row?.due ?? undefined;
    },
    closeDigest: (digest) =>
      sql.begin(async (tx) => {
        const [waiting] = await tx<{ n: number }[]>`SELECT count(*) AS n FROM digest_entries WHERE alert_id = ${digest.alertId} AND delivery_id IS NULL`;
        if ((waiting?.n ?? 0) === 0) return 0;
        await insertDelivery(tx, digest.alertId, digest.key, null, digest.now);
        const [row] = await tx<{ id: number }[]>`SELECT id FROM alert_deliveries WHERE key = ${digest.key}`;
        await tx`UPDATE digest_entries SET delivery_id = ${row?.id ?? null} WHERE alert_id = ${digest.alertId} AND delivery_id IS NULL`;
        return waiting?.n ?? 0;
      }) as Promise<number>,
    summarizeAlerts: async (): Promise<AlertSummary[]> => {
      const rows = await sql<AlertCountsRow[]>`
        SELECT a.id AS alert_id, a.armed_at,
          (SELECT count(*) FROM alert_deliveries d WHERE d.alert_id = a.id AND d.status = 'pending') AS pending,
          (SELECT count(*) FROM alert_deliveries d WHERE d.alert_id = a.id AND d.status = 'sent') AS sent,
          (SELECT count(*) FROM alert_deliveries d WHERE d.alert_id = a.id AND d.status = 'failed') AS failed,
          (SELECT count(*) FROM digest_entries e WHERE e.alert_id = a.id AND e.delivery_id IS NULL) AS waiting
        FROM alerts a ORDER BY a.id`;
      const summaries: AlertSummary[] = [];
      for (const row of rows) {
        const [last] = await sql<LastDeliveryRow[]>`
          SELECT last_attempt_at, status, outcome, last_error FROM alert_deliveries
          WHERE alert_id = ${row.alert_id} AND last_attempt_at IS NOT NULL ORDER BY last_attempt_at DESC, id DESC LIMIT 1`;
        summaries.push(toAlertSummary(row, last));
      }
      return summaries;
    },
  };
  return { store, recordFirings, storiesInTopics };
}

export type PostgresAlertOutbox = ReturnType<typeof createPostgresAlertOutbox>;
