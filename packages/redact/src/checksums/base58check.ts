import { createHash } from 'node:crypto';

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const INDEX = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) INDEX[ALPHABET.charCodeAt(i)] = i;

/**
 * Decodes base58 (Bitcoin alphabet) to bytes; `undefined` on a character outside it.
 * Quadratic in length, but only ever called on candidates of at most 35 characters.
 */
export function base58Decode(value: string): Uint8Array | undefined {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    let carry = c < 128 ? INDEX[c]! : -1;
    if (carry < 0) return undefined;
    for (let j = 0; j < bytes.length; j++) {
      carry += bytes[j]! * 58;
      bytes[j] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  for (let i = 0; i < value.length && value[i] === '1'; i++) bytes.push(0);
  return Uint8Array.from(bytes.reverse());
}

/**
 * Base58Check: the last 4 bytes are the first 4 of SHA-256(SHA-256(payload)). Returns the
 * version byte of a valid 25-byte address payload, or -1.
 */
export function base58CheckVersion(value: string): number {
  const bytes = base58Decode(value);
  if (bytes === undefined || bytes.length !== 25) return -1;
  const payload = bytes.subarray(0, 21);
  const first = createHash('sha256').update(payload).digest();
  const second = createHash('sha256').update(first).digest();
  for (let i = 0; i < 4; i++) if (second[i] !== bytes[21 + i]) return -1;
  return bytes[0]!;
}
