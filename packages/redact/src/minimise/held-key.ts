import { createHash } from 'node:crypto';

/** Distinct keys up to this many characters are held as they are; longer ones by digest. */
export const HELD_KEY_MAX_LENGTH = 64;

/**
 * The form a distinct key is held in while a column is profiled: short keys as they are,
 * longer ones (a note, a JSON object, a blob) as the SHA-256 of their text, 45 characters
 * whatever their length: held whole, 5,000 distinct 20 KB notes of a streamed file kept
 * 100 MB alive after their rows were gone. Two keys counted as one by it would need a
 * SHA-256 collision.
 */
export function heldKey(key: string): string {
  if (key.length <= HELD_KEY_MAX_LENGTH) return key;
  return `#${createHash('sha256').update(key).digest('base64')}`;
}
