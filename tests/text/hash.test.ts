import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/text/index.js';

describe('sha256', () => {
  it('gives the FIPS 180-4 digest of text as UTF-8, in hex by default', () => {
    // Test vectors of FIPS 180-4 (NIST's examples: "abc", and the empty string).
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256('Straße')).toBe(sha256(Buffer.from('Straße', 'utf8')));
  });

  it('gives base64url when asked', () => {
    expect(sha256('abc', 'base64url')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
  });
});
