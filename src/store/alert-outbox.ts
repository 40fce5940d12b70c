import { decideFirings } from '../alerts/decide-firings.js';
import type { AlertRule, StoryFacts } from '../alerts/types.js';
import type { Db } from './open-store.js';

/** An alert as configured, for the store to know (README "Alerts"). */
export interface KnownAlert {
  id: string;
  /** Its topics and threshold: a change gives it a first cycle again. */
  signature: string;
}

/** A due delivery, claimed by one sender until `leaseUntil`. */
export interface ClaimedDelivery {
  id: number;
  alertId: string;
  key: string;
  kind: 'story' | 'digest';
  /** The stories to send, as stored now (a story retention removed since is left out). */
  storyIds: number[];
  /** Attempts so far, this one included. */
  attempts: number;
  queuedAt: string;
}

export interface DeliveryClaim {
  /** Who claims: a sender's own id, so only it may finish what it claimed. */
  owner: string;
  now: string;
  /** Until when the claim holds: a sender that dies lets it lapse, and the delivery is claimed again. */
  leaseUntil: string;
  /** Only deliveries of these (configured) alerts. */
  alertIds: readonly string[];
}

export type DeliveryFinish = { id: number; owner: string; at: string } & (
  | { outcome: 'sent'; status: string }
  | { outcome: 'retry'; error: string; dueAt: string }
  | { outcome: 'failed'; error: string }
);

/** What `alerts list` shows of one alert. */
export interface AlertSummary {
  alertId: string;
  armedAt: string | null;
  pending: number;
  sent: number;
  failed: number;
  /** Stories waiting for the digest's period to end. */
  waiting: number;
  last?: { at: string; status: string; outcome: string | null; error: string | null };
}

/** An alert's delivery counts, as both backends read them. */
export interface AlertCountsRow {
  alert_id: string;
  armed_at: string | null;
  pending: number;
  sent: number;
  failed: number;
  waiting: number;
}

/** An alert's last attempted delivery, as both backends read it. */
export interface LastDeliveryRow {
  last_attempt_at: string;
  status: string;
  outcome: string | null;
  last_error: string | null;
}

/** One alert's summary from its counts and its last attempt: one mapping for both backends. */
export function toAlertSummary(row: AlertCountsRow, last: LastDeliveryRow | undefined): AlertSummary {
  return {
    alertId: row.alert_id,
    armedAt: row.armed_at,
    pending: row.pending,
    sent: row.sent,
    failed: row.failed,
    waiting: row.waiting,
    ...(last ? { last: { at: last.last_attempt_at, status: last.status, outcome: last.outcome, error: last.last_error } } : {}),
  };
}

/**
 * The alerts' state and outbox. Firings are recorded by the writes that file
 * stories under topics (recordFirings, inside their transaction), so a story
 * stored is a delivery queued; a sender claims one due delivery at a time
 * with a lease, and finishes it — sent, due again later, or failed.
 */
export function createAlertOutbox(db: Db) {
  const selectFacts = db.prepare<[number], { id: number; uid: string; topics: string; outlets: number; recorded: string }>(`
    SELECT s.id, s.uid,
      (SELECT json_group_array(DISTINCT topic_id) FROM item_topics WHERE story_id = s.id) AS topics,
      (SELECT count(DISTINCT source_id) FROM items WHERE story_id = s.id) AS outlets,
      (SELECT json_group_array(alert_id) FROM alert_stories WHERE story_uid = s.uid) AS recorded
    FROM stories s WHERE s.id = ?`);
  const insertRecord = db.prepare<[string, string, string]>(
    'INSERT INTO alert_stories (alert_id, story_uid, recorded_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const insertDelivery = db.prepare<[{ alert: string; key: string; story: string | null; now: string }]>(`
    INSERT INTO alert_deliveries (alert_id, key, story_uid, status, queued_at, due_at)
    VALUES (@alert, @key, @story, 'pending', @now, @now) ON CONFLICT (key) DO NOTHING`);
  const insertEntry = db.prepare<[string, string, string]>(
    'INSERT INTO digest_entries (alert_id, story_uid, added_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const selectTopicStories = db.prepare<[string], { story_id: number }>(
    'SELECT DISTINCT story_id FROM item_topics WHERE topic_id IN (SELECT value FROM json_each(?))',
  );

  /**
   * Inside the caller's transaction: which alerts fire for these stories
   * (decideFirings), recorded with what each firing becomes — a delivery, a
   * digest entry, or only the record that it was seen.
   */
  function recordFirings(rules: readonly AlertRule[], storyIds: Iterable<number>, now: string): number {
    if (rules.length === 0) return 0;
    const facts: StoryFacts[] = [];
    for (const id of new Set(storyIds)) {
      const row = selectFacts.get(id);
      if (row === undefined) continue;
      facts.push({ storyId: row.id, uid: row.uid, topics: JSON.parse(row.topics) as string[], outlets: row.outlets, recorded: JSON.parse(row.recorded) as string[] });
    }
    const firings = decideFirings(rules, facts);
    for (const firing of firings) {
      insertRecord.run(firing.alertId, firing.storyUid, now);
      if (firing.mode === 'send') insertDelivery.run({ alert: firing.alertId, key: firing.key, story: firing.storyUid, now });
      else if (firing.mode === 'digest') insertEntry.run(firing.alertId, firing.storyUid, now);
    }
    return firings.length;
  }

  /** Every story now in one of the topics, for an alert's first cycle and a topic's re-match. */
  function storiesInTopics(topics: readonly string[]): number[] {
    return selectTopicStories.all(JSON.stringify(topics)).map((r) => r.story_id);
  }

  const selectAlerts = db.prepare<[], { id: string; signature: string; armed_at: string | null }>('SELECT id, signature, armed_at FROM alerts');
  const upsertAlert = db.prepare<[string, string]>(
    'INSERT INTO alerts (id, signature, armed_at) VALUES (?, ?, NULL) ON CONFLICT (id) DO UPDATE SET signature = excluded.signature, armed_at = NULL',
  );
  const deleteAlert = db.prepare<[string]>('DELETE FROM alerts WHERE id = ?');
  const forgetRecords = db.prepare<[string]>('DELETE FROM alert_stories WHERE alert_id = ?');
  const forgetEntries = db.prepare<[string]>('DELETE FROM digest_entries WHERE alert_id = ? AND delivery_id IS NULL');
  const failPending = db.prepare<[string, string]>(
    "UPDATE alert_deliveries SET status = 'failed', last_error = 'the alert was removed from the config', finished_at = ?, lease_owner = NULL, lease_until = NULL WHERE alert_id = ? AND status = 'pending'",
  );
  const markArmed = db.prepare<[string, string]>('UPDATE alerts SET armed_at = ? WHERE id = ?');

  const sync = db.transaction((alerts: readonly KnownAlert[], now: string): string[] => {
    const stored = new Map(selectAlerts.all().map((r) => [r.id, r]));
    const unarmed: string[] = [];
    for (const alert of alerts) {
      const row = stored.get(alert.id);
      if (row === undefined || row.signature !== alert.signature) upsertAlert.run(alert.id, alert.signature);
      if (row === undefined || row.signature !== alert.signature || row.armed_at === null) unarmed.push(alert.id);
    }
    const configured = new Set(alerts.map((a) => a.id));
    for (const id of stored.keys()) {
      if (configured.has(id)) continue;
      // An alert configured again later starts afresh, with a first cycle of its own.
      deleteAlert.run(id);
      forgetRecords.run(id);
      forgetEntries.run(id);
      failPending.run(now, id);
    }
    return unarmed;
  });

  const arm = db.transaction((rules: readonly AlertRule[], now: string): number => {
    let recorded = 0;
    for (const rule of rules) {
      recorded += recordFirings([rule], storiesInTopics(rule.topics), now);
      markArmed.run(now, rule.id);
    }
    return recorded;
  });

  const claim = db.prepare<[{ owner: string; now: string; until: string; alerts: string }], { id: number; alert_id: string; key: string; story_uid: string | null; attempts: number; queued_at: string }>(`
    UPDATE alert_deliveries SET lease_owner = @owner, lease_until = @until, attempts = attempts + 1, last_attempt_at = @now
    WHERE id = (
      SELECT id FROM alert_deliveries
      WHERE status = 'pending' AND due_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
        AND alert_id IN (SELECT value FROM json_each(@alerts))
      ORDER BY due_at, id LIMIT 1)
    RETURNING id, alert_id, key, story_uid, attempts, queued_at`);
  const selectStoryByUid = db.prepare<[string], { id: number }>('SELECT id FROM stories WHERE uid = ?');
  const selectDigestStories = db.prepare<[number], { id: number }>(
    'SELECT s.id FROM digest_entries d JOIN stories s ON s.uid = d.story_uid WHERE d.delivery_id = ? ORDER BY d.added_at, s.id',
  );
  const finishSent = db.prepare<[{ id: number; owner: string; at: string; status: string }]>(`
    UPDATE alert_deliveries SET status = 'sent', outcome = @status, last_error = NULL, finished_at = @at, lease_owner = NULL, lease_until = NULL
    WHERE id = @id AND lease_owner = @owner AND status = 'pending'`);
  const finishRetry = db.prepare<[{ id: number; owner: string; error: string; due: string }]>(`
    UPDATE alert_deliveries SET due_at = @due, last_error = @error, lease_owner = NULL, lease_until = NULL
    WHERE id = @id AND lease_owner = @owner AND status = 'pending'`);
  const finishFailed = db.prepare<[{ id: number; owner: string; at: string; error: string }]>(`
    UPDATE alert_deliveries SET status = 'failed', last_error = @error, finished_at = @at, lease_owner = NULL, lease_until = NULL
    WHERE id = @id AND lease_owner = @owner AND status = 'pending'`);
  const selectNextDue = db.prepare<[string], { due: string | null }>(`
    SELECT min(max(due_at, coalesce(lease_until, due_at))) AS due FROM alert_deliveries
    WHERE status = 'pending' AND alert_id IN (SELECT value FROM json_each(?))`);

  const countWaiting = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM digest_entries WHERE alert_id = ? AND delivery_id IS NULL');
  const takeWaiting = db.prepare<[number, string]>('UPDATE digest_entries SET delivery_id = ? WHERE alert_id = ? AND delivery_id IS NULL');
  const selectKey = db.prepare<[string], { id: number }>('SELECT id FROM alert_deliveries WHERE key = ?');
  const close = db.transaction((digest: { alertId: string; key: string; now: string }): number => {
    const waiting = countWaiting.get(digest.alertId)?.n ?? 0;
    if (waiting === 0) return 0;
    insertDelivery.run({ alert: digest.alertId, key: digest.key, story: null, now: digest.now });
    const id = selectKey.get(digest.key)?.id as number;
    takeWaiting.run(id, digest.alertId);
    return waiting;
  });

  const selectSummaries = db.prepare<[], AlertCountsRow>(`
    SELECT a.id AS alert_id, a.armed_at,
      (SELECT count(*) FROM alert_deliveries d WHERE d.alert_id = a.id AND d.status = 'pending') AS pending,
      (SELECT count(*) FROM alert_deliveries d WHERE d.alert_id = a.id AND d.status = 'sent') AS sent,
      (SELECT count(*) FROM alert_deliveries d WHERE d.alert_id = a.id AND d.status = 'failed') AS failed,
      (SELECT count(*) FROM digest_entries e WHERE e.alert_id = a.id AND e.delivery_id IS NULL) AS waiting
    FROM alerts a ORDER BY a.id`);
  const selectLast = db.prepare<[string], LastDeliveryRow>(`
    SELECT last_attempt_at, status, outcome, last_error FROM alert_deliveries
    WHERE alert_id = ? AND last_attempt_at IS NOT NULL ORDER BY last_attempt_at DESC, id DESC LIMIT 1`);

  return {
    recordFirings,
    storiesInTopics,
    syncAlerts: (alerts: readonly KnownAlert[], now: string): string[] => sync.immediate(alerts, now),
    armAlerts: (rules: readonly AlertRule[], now: string): number => arm.immediate(rules, now),
    claimDelivery: (request: DeliveryClaim): ClaimedDelivery | undefined => {
      const row = claim.get({ owner: request.owner, now: request.now, until: request.leaseUntil, alerts: JSON.stringify(request.alertIds) });
      if (row === undefined) return undefined;
      const storyIds = row.story_uid === null ? selectDigestStories.all(row.id).map((r) => r.id) : [selectStoryByUid.get(row.story_uid)?.id].filter((id): id is number => id !== undefined);
      return { id: row.id, alertId: row.alert_id, key: row.key, kind: row.story_uid === null ? 'digest' : 'story', storyIds, attempts: row.attempts, queuedAt: row.queued_at };
    },
    finishDelivery: (finish: DeliveryFinish): boolean => {
      const { id, owner, at } = finish;
      if (finish.outcome === 'sent') return finishSent.run({ id, owner, at, status: finish.status }).changes > 0;
      if (finish.outcome === 'retry') return finishRetry.run({ id, owner, error: finish.error, due: finish.dueAt }).changes > 0;
      return finishFailed.run({ id, owner, at, error: finish.error }).changes > 0;
    },
    nextDueAt: (alertIds: readonly string[]): string | undefined => selectNextDue.get(JSON.stringify(alertIds))?.due ?? undefined,
    closeDigest: (digest: { alertId: string; key: string; now: string }): number => close.immediate(digest),
    summarizeAlerts: (): AlertSummary[] => selectSummaries.all().map((row) => toAlertSummary(row, selectLast.get(row.alert_id))),
  };
}

export type AlertOutbox = ReturnType<typeof createAlertOutbox>;
