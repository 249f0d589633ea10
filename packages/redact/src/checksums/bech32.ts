const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
/** BIP-173 (bech32, witness v0) and BIP-350 (bech32m, v1+) checksum constants. */
const BECH32 = 1;
const BECH32M = 0x2bc830a3;

function polymod(values: readonly number[]): number {
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GENERATOR[i]!;
  }
  return chk >>> 0;
}

/**
 * True when `address` (any single case) is a Bitcoin segwit address with a valid bech32
 * checksum (witness v0) or bech32m checksum (v1+, taproot), for human-readable part `bc`.
 */
export function bech32AddressValid(address: string): boolean {
  const lower = address.toLowerCase();
  if (lower !== address && address.toUpperCase() !== address) return false;
  const sep = lower.lastIndexOf('1');
  if (sep < 1 || lower.length - sep - 1 < 7) return false;
  const hrp = lower.slice(0, sep);
  const values: number[] = [];
  for (let i = 0; i < hrp.length; i++) values.push(hrp.charCodeAt(i) >> 5);
  values.push(0);
  for (let i = 0; i < hrp.length; i++) values.push(hrp.charCodeAt(i) & 31);
  const data: number[] = [];
  for (let i = sep + 1; i < lower.length; i++) {
    const d = CHARSET.indexOf(lower[i]!);
    if (d < 0) return false;
    data.push(d);
  }
  const check = polymod(values.concat(data));
  const version = data[0]!;
  if (version === 0) return check === BECH32 && (lower.length === 42 || lower.length === 62);
  return version <= 16 && check === BECH32M;
}
