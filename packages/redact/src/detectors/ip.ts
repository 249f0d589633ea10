import type { Detector } from '../detector.js';
import type { Finding } from '../finding.js';

const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';
/**
 * IPv4 with an optional CIDR suffix. Not inside longer dotted runs (`1.2.3.4.5`, version
 * strings `v1.2.3.4`): a dot followed by a digit after the match disqualifies it.
 */
const IPV4 = new RegExp(
  `(?<![0-9A-Za-z.])${OCTET}(?:\\.${OCTET}){3}(?:\\/(?:3[0-2]|[12]?[0-9]))?(?![0-9A-Za-z]|\\.[0-9])`,
  'g',
);
/**
 * An IPv6 candidate: hex digits, colons and dots (for an embedded IPv4 tail), with at
 * least one colon, plus an optional `/prefix`. `parseIpv6` decides.
 */
const IPV6_CANDIDATE =
  /(?<![0-9A-Za-z:.])[0-9A-Fa-f]{0,4}:[0-9A-Fa-f:.]{1,44}(?:\/[0-9]{1,3})?(?![0-9A-Za-z:])/g;
const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;
const IPV4_EXACT = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);

/** Counts the 16-bit groups of one side of `::`; -1 when a group is malformed. */
function countGroups(side: string, allowIpv4Tail: boolean): number {
  if (side === '') return 0;
  const parts = side.split(':');
  let groups = 0;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (allowIpv4Tail && i === parts.length - 1 && p.includes('.')) {
      if (!IPV4_EXACT.test(p)) return -1;
      groups += 2;
    } else if (HEX_GROUP.test(p)) groups++;
    else return -1;
  }
  return groups;
}

/**
 * True for a valid IPv6 address (RFC 4291 text forms, optional `/0..128`). Short
 * compressed forms such as `1::2` (slices in code) need a first group of 3+ hex digits
 * (`fe80::1`) or a leading `::` (`::1`).
 */
export function isIpv6(candidate: string): boolean {
  let addr = candidate;
  const slash = addr.indexOf('/');
  if (slash >= 0) {
    const prefix = Number(addr.slice(slash + 1));
    if (!(prefix <= 128)) return false;
    addr = addr.slice(0, slash);
  }
  const dbl = addr.indexOf('::');
  if (dbl < 0) return countGroups(addr, true) === 8;
  if (addr.indexOf('::', dbl + 1) >= 0) return false;
  const left = countGroups(addr.slice(0, dbl), false);
  const right = countGroups(addr.slice(dbl + 2), true);
  if (left < 0 || right < 0 || left + right > 7) return false;
  if (left + right === 0) return false; // bare `::`
  if (left + right <= 2 && left > 0) {
    const first = addr.slice(0, addr.indexOf(':'));
    return first.length >= 3;
  }
  return true;
}

/** IP addresses, v4 and v6, with an optional CIDR suffix. */
export const ipAddress: Detector = {
  id: 'ip-address',
  type: 'ip',
  priority: 70,
  scan(text: string, out: Finding[]): void {
    if (text.includes('.')) {
      IPV4.lastIndex = 0;
      let m = IPV4.exec(text);
      while (m !== null) {
        // `0.0.0.0` (any address) and `255.…` netmasks identify no host.
        const ip = m[0];
        if (!ip.startsWith('0.0.0.0') && !ip.startsWith('255.')) {
          out.push({
            type: 'ip',
            start: m.index,
            end: m.index + ip.length,
            detector: 'ip-address',
          });
        }
        m = IPV4.exec(text);
      }
    }
    if (text.includes(':')) {
      IPV6_CANDIDATE.lastIndex = 0;
      let m = IPV6_CANDIDATE.exec(text);
      while (m !== null) {
        let candidate = m[0];
        // A sentence may end right after the address: `... from ::1.`
        while (candidate.endsWith('.') || candidate.endsWith(':')) {
          if (candidate.endsWith('::')) break;
          candidate = candidate.slice(0, -1);
        }
        if (isIpv6(candidate)) {
          out.push({
            type: 'ip',
            start: m.index,
            end: m.index + candidate.length,
            detector: 'ip-address',
          });
        }
        m = IPV6_CANDIDATE.exec(text);
      }
    }
  },
};
