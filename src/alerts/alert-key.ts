/**
 * A delivery's key: its Idempotency-Key (draft-ietf-httpapi-idempotency-key-header),
 * its webhook-id (Standard Webhooks, which forbids "." in it, as it delimits
 * the signed content) and the seed of a mail's Message-ID. The same for every
 * attempt of one delivery, so a receiver that saw it once can drop a retry.
 */
export function alertKey(alertId: string, of: { story: string } | { digest: Date } | { test: Date }): string {
  if ('story' in of) return `urn:topicwire:alert:${alertId}:story:${of.story.replace(/^urn:topicwire:story:/, '')}`;
  if ('digest' in of) return `urn:topicwire:alert:${alertId}:digest:${compactTime(of.digest)}`;
  return `urn:topicwire:alert:${alertId}:test:${compactTime(of.test)}`;
}

/** 2024-03-19T07:00:00.000Z → 20240319T070000Z (no "."). */
function compactTime(at: Date): string {
  return at.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
}
