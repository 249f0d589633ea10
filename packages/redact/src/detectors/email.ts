import type { Detector } from '../detector.js';
import type { Finding } from '../finding.js';

/** Domain after the `@`: up to 8 labels and a TLD, matched sticky right after it. */
const DOMAIN = /(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])/y;
/** `scheme://user:` right before a candidate: its local part is a URL password. */
const USERINFO_BEFORE = /:\/\/[^\s/@]{0,256}:$/;
/** RFC 5321 limit on the local part. */
const MAX_LOCAL = 64;

/** Characters of a local part as written in practice: letters, digits, `._%+-`. */
function isLocalChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 46 ||
    c === 95 ||
    c === 37 ||
    c === 43 ||
    c === 45
  );
}

/**
 * E-mail addresses. `indexOf('@')` finds candidates (no regex tries every position); the
 * local part is walked back at most 64 characters and the domain matched sticky after the
 * `@`, so the scan is linear whatever the input (`a@a@a…`, 1 MB without spaces).
 */
export const email: Detector = {
  id: 'email',
  type: 'email',
  priority: 75,
  needles: ['@'],
  scan(text: string, out: Finding[]): void {
    let at = text.indexOf('@');
    while (at >= 0) {
      let start = at;
      const limit = Math.max(0, at - MAX_LOCAL - 1);
      while (start > limit && isLocalChar(text.charCodeAt(start - 1))) start--;
      let next = at + 1;
      const before = start > 0 ? text.charCodeAt(start - 1) : -1;
      const localOk =
        start < at &&
        !(start > 0 && isLocalChar(before)) && // longer than 64: not an address
        text.charCodeAt(start) !== 46 &&
        text.charCodeAt(at - 1) !== 46 &&
        text.charCodeAt(at + 1) !== 45 &&
        // `https://user@host` and `https://user:pw@host` are URL userinfo, not addresses
        // (`mailto:` addresses are).
        before !== 47 &&
        !(before === 58 && USERINFO_BEFORE.test(text.slice(Math.max(0, start - 300), start)));
      if (localOk) {
        DOMAIN.lastIndex = at + 1;
        if (DOMAIN.test(text)) {
          const end = DOMAIN.lastIndex;
          // `git@github.com:org/repo.git` is an SSH remote, not an address.
          const sshRemote = text.charCodeAt(end) === 58 && /[\w~/.-]/.test(text[end + 1] ?? ' ');
          if (!sshRemote && text.slice(start, end).indexOf('..') < 0) {
            out.push({ type: 'email', start, end, detector: 'email' });
            next = end;
          }
        }
      }
      at = text.indexOf('@', next);
    }
  },
};
