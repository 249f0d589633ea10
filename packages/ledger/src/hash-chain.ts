import * as crypto from 'node:crypto';

/**
 * One-shot `crypto.hash` (Node >= 20.12) skips building a Hash object per record (hot
 * path); older Node 20 releases fall back to `createHash`. A namespace import, because a
 * named import of a missing builtin export fails at load time.
 */
const oneShotHash: (algorithm: string, data: crypto.BinaryLike, encoding: 'hex') => string =
  typeof (crypto as { hash?: unknown }).hash === 'function'
    ? crypto.hash
    : (algorithm, data, encoding) => crypto.createHash(algorithm).update(data).digest(encoding);

/**
 * Domain tag hashed before every record body, so a record hash can never be confused with
 * the hash of some other document (an artifact, a checkpoint) that happens to share bytes.
 * Ends in a newline so `printf 'pm-ledger/record/v1\n'` reproduces it in a shell.
 */
export const RECORD_HASH_TAG = 'pm-ledger/record/v1\n';

/** `prev` of the first record (seq 0): 64 zeros, since there is no previous record. */
export const GENESIS_PREV = '0'.repeat(64);

/**
 * The hash of a record: lowercase hex SHA-256 over {@link RECORD_HASH_TAG} followed by the
 * UTF-8 bytes of the canonical JSON (RFC 8785) of the record without its `hash` member.
 */
export function hashRecordBody(canonicalBody: string): string {
  return oneShotHash('sha256', RECORD_HASH_TAG + canonicalBody, 'hex');
}

/** Lowercase hex SHA-256 of bytes (artifacts, dropped tails). */
export function sha256Hex(bytes: Uint8Array | string): string {
  return oneShotHash('sha256', bytes, 'hex');
}
