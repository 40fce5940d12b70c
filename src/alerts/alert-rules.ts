import type { AlertRule } from './types.js';

/** What the rules are made from: an alert as configured. */
export interface RuleSettings {
  id: string;
  type: string;
  topics: readonly string[];
  minOutlets: number;
  backfill: boolean;
  digest?: string;
}

/** What decides which stories an alert fires for: a change gives it a first cycle again. */
export function alertSignature(alert: RuleSettings): string {
  return `topics=${[...alert.topics].sort().join(',')}\nminOutlets=${alert.minOutlets}`;
}

/**
 * The rules a cycle's writes apply (README "Alerts"): an alert in its first
 * cycle (`unarmed`) only records what fires it — no flood on a new install or
 * a new alert — unless it asks for a backfill; the others send, one delivery
 * per story, or add the story to the next digest.
 */
export function cycleRules(alerts: readonly RuleSettings[], unarmed: ReadonlySet<string>): AlertRule[] {
  return alerts.map((alert) => ({
    id: alert.id,
    topics: alert.topics,
    minOutlets: alert.minOutlets,
    mode: unarmed.has(alert.id) && !alert.backfill ? 'record' : alert.digest !== undefined ? 'digest' : 'send',
  }));
}

/**
 * The rules a topic's re-match applies (a query, a definition or a topic's
 * sources changed): the stories it newly files are old news, recorded
 * without sending, so a widened query never floods and their later copies
 * fire nothing either.
 */
export function rematchRules(alerts: readonly RuleSettings[]): AlertRule[] {
  return alerts.map((alert) => ({ id: alert.id, topics: alert.topics, minOutlets: alert.minOutlets, mode: 'record' }));
}
