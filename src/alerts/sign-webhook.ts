import { createHmac } from 'node:crypto';

/**
 * A Standard Webhooks signature (https://www.standardwebhooks.com/, spec
 * "Signature scheme"): HMAC-SHA256 over `{webhook-id}.{webhook-timestamp}.{body}`,
 * base64, as `v1,<signature>`. A secret written as Standard Webhooks
 * serialises one (`whsec_` + base64) is that key's bytes, so their libraries
 * verify it as it is; any other secret is its UTF-8 bytes.
 */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = secret.startsWith('whsec_') ? Buffer.from(secret.slice('whsec_'.length), 'base64') : Buffer.from(secret, 'utf8');
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return `v1,${signature}`;
}
