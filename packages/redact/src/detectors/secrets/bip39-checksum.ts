import { createHash } from 'node:crypto';

/**
 * True when the words whose list indices are `indices` (12, 15, 18, 21 or 24 of them) end
 * in the checksum BIP-39 gives their entropy: the first `words / 3` bits of its SHA-256.
 * A made-up run of list words passes by chance once in 16 (12 words) to 256 (24).
 */
export function hasBip39Checksum(indices: readonly number[]): boolean {
  const bits = indices.map((index) => index.toString(2).padStart(11, '0')).join('');
  const checksumBits = bits.length / 33;
  const entropyBits = bits.length - checksumBits;
  const entropy = new Uint8Array(entropyBits / 8);
  for (let i = 0; i < entropy.length; i++) {
    entropy[i] = Number.parseInt(bits.slice(8 * i, 8 * i + 8), 2);
  }
  const digestByte = createHash('sha256').update(entropy).digest()[0]!;
  const expected = digestByte.toString(2).padStart(8, '0').slice(0, checksumBits);
  return bits.slice(entropyBits) === expected;
}
