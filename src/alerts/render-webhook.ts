import { signWebhook } from './sign-webhook.js';
import type { AlertStory, HttpMessage } from './types.js';

export interface WebhookTarget {
  id: string;
  url: string;
  secret?: string;
}

/**
 * A webhook's JSON POST, in Standard Webhooks' shape (`type`, `timestamp`,
 * `data`) and headers: `webhook-id` (the delivery's key), `webhook-timestamp`
 * (this attempt, Unix seconds), `webhook-signature` when the alert has a
 * secret; and `Idempotency-Key`, a structured-field string
 * (draft-ietf-httpapi-idempotency-key-header §2), the same on every attempt.
 */
export function renderWebhook(alert: WebhookTarget, story: AlertStory, key: string, attemptAt: Date): HttpMessage {
  const body = JSON.stringify({
    type: 'story.alert',
    timestamp: story.firstSeenAt,
    alert: alert.id,
    data: {
      id: story.uid,
      title: story.title,
      link: story.link,
      summary: story.summary,
      published: story.publishedAt,
      firstSeen: story.firstSeenAt,
      topics: story.topics,
      outletCount: story.outlets.length,
      outlets: story.outlets.map((o) => ({ source: o.sourceId, title: o.sourceTitle, link: o.link, published: o.publishedAt, firstSeen: o.firstSeenAt })),
    },
  });
  const timestamp = Math.floor(attemptAt.getTime() / 1000);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'idempotency-key': `"${key}"`,
    'webhook-id': key,
    'webhook-timestamp': String(timestamp),
  };
  if (alert.secret !== undefined) headers['webhook-signature'] = signWebhook(alert.secret, key, timestamp, body);
  return { kind: 'http', url: alert.url, headers, body };
}
