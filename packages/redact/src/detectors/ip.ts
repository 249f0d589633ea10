import { isAsciiAlphanumeric, isHexDigit } from '../char-class.js';
import type { Detector } from '../detector.js';
import type { Finding } from '../finding.js';

const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';
/**
 * IPv4 with an optional CIDR suffix. Not inside longer dotted runs (`1.2.3.4.5`, version
 * strings `v1.2.3.4`): a dot followed by a digit after the match disqualifies it. Nor
 * right after the word `version` and up to three of ` :=("'` (`Version: 1.0.0.0`,
 * `AssemblyVersion("1.0.0.0")`): four-part versions of .NET and driver builds.
 */
const IPV4 = new RegExp(
  `(?<![0-9A-Za-z.])(?<![Vv]ersion[ :=("']{1,3})${OCTET}(?:\\.${OCTET}){3}(?:\\/(?:3[0-2]|[12]?[0-9]))?(?![0-9A-Za-z]|\\.[0-9])`,
  'g',
);
/**
 * An IPv6 candidate, matched sticky where {@link ipv6CandidateStart} says one may start:
 * up to 4 hex digits, a colon, then hex digits, colons and dots (for an embedded IPv4
 * tail), plus an optional `/prefix`. `isIpv6` decides.
 */
const IPV6_CANDIDATE = /[0-9A-Fa-f]{0,4}:[0-9A-Fa-f:.]{1,44}(?:\/[0-9]{1,3})?(?![0-9A-Za-z:])/y;
const IPV4_EXACT = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);

/**
 * Counts the 16-bit groups of `addr` from `from` to `to` (one side of `::`); -1 when a
 * group is malformed. Walks the text in place: address-dense logs call it per address.
 */
function countGroups(addr: string, from: number, to: number, allowIpv4Tail: boolean): number {
  if (from === to) return 0;
  let groups = 0;
  for (let at = from; ; ) {
    let end = addr.indexOf(':', at);
    const last = end < 0 || end >= to;
    if (last) end = to;
    if (last && allowIpv4Tail && hasDot(addr, at, end)) {
      return IPV4_EXACT.test(addr.slice(at, end)) ? groups + 2 : -1;
    }
    if (!isHexGroup(addr, at, end)) return -1;
    groups++;
    if (last) return groups;
    at = end + 1;
  }
}

/** 1 to 4 hex digits from `from` to `to`. */
function isHexGroup(text: string, from: number, to: number): boolean {
  if (to - from < 1 || to - from > 4) return false;
  for (let i = from; i < to; i++) if (!isHexDigit(text.charCodeAt(i))) return false;
  return true;
}

function hasDot(text: string, from: number, to: number): boolean {
  const dot = text.indexOf('.', from);
  return dot >= 0 && dot < to;
}

/**
 * True for a valid IPv6 address (RFC 4291 text forms, optional `/0..128`). Short
 * compressed forms such as `1::2` (slices in code) need a first group of 3+ hex digits
 * (`fe80::1`) or a leading `::` (`::1`).
 */
export function isIpv6(candidate: string): boolean {
  let end = candidate.length;
  const slash = candidate.indexOf('/');
  if (slash >= 0) {
    const prefix = Number(candidate.slice(slash + 1));
    if (!(prefix <= 128)) return false;
    end = slash;
  }
  const dbl = candidate.indexOf('::');
  if (dbl < 0 || dbl >= end) return countGroups(candidate, 0, end, true) === 8;
  const again = candidate.indexOf('::', dbl + 1);
  if (again >= 0 && again < end) return false;
  const left = countGroups(candidate, 0, dbl, false);
  const right = countGroups(candidate, dbl + 2, end, true);
  if (left < 0 || right < 0 || left + right > 7) return false;
  if (left + right === 0) return false; // bare `::`
  if (left + right <= 2 && left > 0) return candidate.indexOf(':') >= 3;
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
    // Found from their colons, not tried at every position: JSON and logs hold a colon
    // every dozen characters, and the unanchored pattern cost ~10 ms per MB of them.
    let colon = text.indexOf(':');
    while (colon >= 0) {
      const start = ipv6CandidateStart(text, colon);
      let m: RegExpExecArray | null = null;
      if (start >= 0 && hasSecondColon(text, colon)) {
        IPV6_CANDIDATE.lastIndex = start;
        m = IPV6_CANDIDATE.exec(text);
      }
      if (m === null) {
        colon = text.indexOf(':', colon + 1);
        continue;
      }
      let candidate = m[0];
      // A sentence may end right after the address: `... from ::1.`
      while (candidate.endsWith('.') || candidate.endsWith(':')) {
        if (candidate.endsWith('::')) break;
        candidate = candidate.slice(0, -1);
      }
      if (isIpv6(candidate)) {
        out.push({ type: 'ip', start, end: start + candidate.length, detector: 'ip-address' });
      }
      colon = text.indexOf(':', start + m[0].length);
    }
  },
};

/**
 * Where an IPv6 candidate whose first colon is at `colon` starts, or -1 when none can: the
 * hex digits right before the colon (at most 4), not glued to a word, a colon or a dot
 * before them (`key:value`, `12:30:45.5` and `a.b:c` are not addresses). A colon before
 * them is taken when it ends a key (`client:2001:db8::1`, as `client:203.0.113.45` is
 * taken): then the address cannot run on to the left of it.
 */
function ipv6CandidateStart(text: string, colon: number): number {
  let start = colon;
  while (start > 0 && colon - start < 4 && isHexDigit(text.charCodeAt(start - 1))) start--;
  if (start === 0) return start;
  const before = text.charCodeAt(start - 1);
  if (before === 0x3a /* : */) return start < colon && endsKey(text, start - 1) ? start : -1;
  return isAsciiAlphanumeric(before) || before === 0x2e /* . */ ? -1 : start;
}

/**
 * True when the colon at `colon` ends a key: a word with a letter that is no hex digit,
 * `_` or `-` after which come only hex digits (`client`, `remote_addr`, `ip6`, `src-ip`).
 * Not the groups of an address (`2001:`, `fe80:`), a time (`10:`) or a `::`, and the
 * address after a key must start with a digit (the caller's `start < colon`): `Foo::add`
 * in code is no key and an address. Reads back over the hex digits before `colon` only,
 * and only the colon after it asks: linear.
 */
function endsKey(text: string, colon: number): boolean {
  let i = colon;
  while (i > 0 && isHexDigit(text.charCodeAt(i - 1))) i--;
  if (i === 0) return false;
  const c = text.charCodeAt(i - 1);
  const lower = c | 0x20; // g-z, G-Z
  return (lower >= 0x67 && lower <= 0x7a) || c === 0x5f /* _ */ || c === 0x2d; /* - */
}

/**
 * Whether another colon follows the one at `colon` within the candidate's 44 characters of
 * hex digits, colons and dots. Every IPv6 address has two (`::1`), and most colons in JSON
 * and logs have a number or a quote after them (`"n":1200`): those skip the regex.
 */
function hasSecondColon(text: string, colon: number): boolean {
  const end = Math.min(text.length, colon + 45);
  for (let i = colon + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3a /* : */) return true;
    if (c !== 0x2e /* . */ && !isHexDigit(c)) return false;
  }
  return false;
}
