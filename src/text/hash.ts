import { createHash } from 'node:crypto';

/**
 * SHA-256 (FIPS 180-4) of text as UTF-8, or of bytes: what topicwire keys
 * stored things by (fingerprints, content hashes, story uids, identities)
 * and tags what it serves by (ETags). Hex for what is stored, base64url
 * (RFC 4648 §5) where a shorter token is wanted.
 */
export function sha256(data: string | Uint8Array, encoding: 'hex' | 'base64url' = 'hex'): string {
  return createHash('sha256').update(data).digest(encoding);
}
