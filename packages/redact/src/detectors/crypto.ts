import { base58CheckVersion } from '../checksums/base58check.js';
import { bech32AddressValid } from '../checksums/bech32.js';
import type { Detector } from '../detector.js';
import { regexDetector } from './regex-detector.js';

/**
 * Bitcoin addresses: legacy P2PKH (`1…`) and P2SH (`3…`) with a valid Base58Check
 * checksum and version byte, and segwit `bc1…` addresses with a valid bech32/bech32m
 * checksum. The checksums make near-misses (one character changed) fail.
 */
export const bitcoinAddress: Detector = regexDetector({
  id: 'bitcoin-address',
  type: 'crypto',
  priority: 85,
  pattern:
    /(?<![A-Za-z0-9])(?:[13][1-9A-HJ-NP-Za-km-z]{25,34}|(?:bc1|BC1)[02-9ac-hj-np-zAC-HJ-NP-Z]{11,71})(?![A-Za-z0-9])/,
  validate: (value) => {
    const c = value.charCodeAt(0);
    if (c === 98 || c === 66) return bech32AddressValid(value);
    const version = base58CheckVersion(value);
    return version === 0 || version === 5;
  },
});
