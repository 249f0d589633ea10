import { createHmac } from 'node:crypto';
import { normaliseValue } from './normalise.js';

/** Hex characters kept from the HMAC: 64 bits, enough to join millions of ids without collisions. */
export const HASH_HEX_LENGTH = 16;

/**
 * Keyed hashing: `HMAC-SHA256(key, type ":" normalised value)`, truncated, prefixed by type
 * (`EMAIL_3f2a9c0d4b1e8f7a`). Deterministic for a key, so the same customer hashes the same
 * in every run and joins still work; without the key the value cannot be recovered or
 * confirmed by guessing.
 */
export function createHasher(key: Uint8Array): (type: string, value: string) => string {
  return (type, value) => {
    const mac = createHmac('sha256', key)
      .update(type)
      .update(':')
      .update(normaliseValue(type, value))
      .digest('hex');
    return `${type.toUpperCase()}_${mac.slice(0, HASH_HEX_LENGTH)}`;
  };
}
