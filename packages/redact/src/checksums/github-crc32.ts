/** CRC-32 as zlib computes it (IEEE 802.3, reflected polynomial 0xEDB88320), one table. */
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** Base-62 digits in the order GitHub's checksum uses: digits, upper case, lower case. */
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Characters of a GitHub token body that are random; the 6 after them are the checksum. */
const RANDOM_PART = 30;
const CHECKSUM_DIGITS = 6;

/**
 * True when `body`, the 36 characters after a GitHub token's `ghp_`/`gho_`/`ghu_`/`ghs_`/
 * `ghr_`, ends in the checksum GitHub puts there: the CRC-32 of the first 30 characters
 * in 6 base-62 digits, big-endian, padded with `0` (GitHub's token format since 2021;
 * "Behind GitHub's new authentication token formats"). A body that passes belongs to an
 * issued token, whatever words its random part happens to spell. No allocation.
 */
export function githubChecksumValid(body: string): boolean {
  if (body.length !== RANDOM_PART + CHECKSUM_DIGITS) return false;
  let crc = 0xffffffff;
  for (let i = 0; i < RANDOM_PART; i++) {
    crc = CRC_TABLE[(crc ^ body.charCodeAt(i)) & 0xff]! ^ (crc >>> 8);
  }
  crc = (crc ^ 0xffffffff) >>> 0;
  // 62^6 > 2^32, so the sum stays exact in a double; a non-base-62 character fails.
  let claimed = 0;
  for (let i = RANDOM_PART; i < body.length; i++) {
    const digit = BASE62.indexOf(body[i]!);
    if (digit < 0) return false;
    claimed = claimed * 62 + digit;
  }
  return claimed === crc;
}
