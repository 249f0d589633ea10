import { isAsciiAlphanumeric, isAsciiLetter, isDigit } from '../../char-class.js';
import type { Detector } from '../../detector.js';
import type { Finding } from '../../finding.js';

/** `-----BEGIN [RSA |EC |OPENSSH |ENCRYPTED |PGP ...]PRIVATE KEY[ BLOCK]-----`. */
const HEADER = /-----BEGIN (?:[A-Z0-9]{1,16} ){0,3}PRIVATE KEY(?: BLOCK)?-----/g;
/** The matching footer, checked at the position `indexOf` found. */
const FOOTER = /-----END (?:[A-Z0-9]{1,16} ){0,3}PRIVATE KEY(?: BLOCK)?-----/y;
/** Largest block taken as one key (an RSA-8192 PEM is ~6.5 KB). */
const MAX_BLOCK = 20_000;
/**
 * Fewest base64 characters in the body of a complete block taken as a key. The smallest
 * private keys (Ed25519/X25519 in PKCS#8) are 48 bytes, 64 characters; a shorter body
 * (`xxx`, `...`, `YOUR_PRIVATE_KEY_HERE`) is a placeholder in documentation.
 */
const MIN_KEY_CHARS = 60;

/**
 * Characters of a PEM body: base64, padding and line breaks. No spaces: a truncated key
 * must not swallow the prose after it. Backslashes are read by {@link bodyEscapeEnd}.
 */
function isBodyChar(c: number): boolean {
  return (
    isAsciiAlphanumeric(c) ||
    c === 43 || // +
    c === 47 || // /
    c === 61 || // =
    c === 10 ||
    c === 13
  );
}

/**
 * End of the escape starting at the backslash at `at`, when it stands for a character of
 * a body, else -1. A key pasted into JSON has its line breaks as `\n` (`\r\n`), `\\n` in
 * JSON inside a JSON string, one more backslash a level; PHP's encoder also writes `/` as
 * `\/` (`\\\/` a level down). Any other escape, `\"` above all (the closing quote of
 * the string the key sits in), is not the key's: the body ends before its backslashes,
 * or the JSON around the key would lose them when it is replaced.
 */
function bodyEscapeEnd(text: string, at: number, limit: number): number {
  let i = at;
  while (i < limit && text.charCodeAt(i) === 92) i++;
  if (i >= limit) return -1;
  const c = text.charCodeAt(i);
  return c === 110 || c === 114 || c === 47 ? i + 1 : -1; // n, r, /
}

/** Base64 characters in `text[from, to)`: padding, line breaks and JSON escapes aside. */
function keyCharsBetween(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) {
      i++; // a JSON escape (`\n`): neither character is the key's
    } else if (isBodyChar(c) && c !== 61 && c !== 10 && c !== 13) {
      count++;
    }
  }
  return count;
}

/**
 * PEM private-key blocks (PKCS#1/#8, EC, OpenSSH, PGP), header to footer. A truncated block
 * (no footer) is taken up to the end of its body so a pasted half key still goes, over
 * the prefix each of its lines repeats when the header has one (a log line's timestamp,
 * indentation, `> `: checked by shape, so each line's own timestamp matches); a
 * complete block whose body is too short to hold any key is a placeholder and is skipped.
 * The footer search runs once per footer, not once per header, so many headers stay linear.
 */
export const privateKey: Detector = {
  id: 'private-key',
  type: 'secret',
  kind: 'private_key',
  priority: 100,
  needles: ['PRIVATE KEY'],
  scan(text: string, out: Finding[]): void {
    HEADER.lastIndex = 0;
    let footerAt = -1; // next '-----END ' at or after the current header; -2: none left
    let m = HEADER.exec(text);
    while (m !== null) {
      const start = m.index;
      const headerEnd = start + m[0].length;
      if (footerAt !== -2 && footerAt < headerEnd) {
        footerAt = text.indexOf('-----END ', headerEnd);
        if (footerAt === -1) footerAt = -2;
      }
      let end = -1;
      if (footerAt >= 0 && footerAt - headerEnd <= MAX_BLOCK) {
        FOOTER.lastIndex = footerAt;
        if (FOOTER.test(text)) end = FOOTER.lastIndex;
      }
      if (end >= 0 && keyCharsBetween(text, headerEnd, footerAt) < MIN_KEY_CHARS) {
        // A complete block around a placeholder: skip it (a truncated one still goes).
        HEADER.lastIndex = end;
        m = HEADER.exec(text);
        continue;
      }
      if (end < 0) {
        end = headerEnd;
        const limit = Math.min(text.length, headerEnd + MAX_BLOCK);
        const prefix = linePrefix(text, start);
        while (end < limit) {
          const c = text.charCodeAt(end);
          if (c === 10 && prefix > 0 && sameShape(text, end + 1, start - prefix, prefix)) {
            // The next line carries the header line's log prefix: the body goes on after it.
            end += 1 + prefix;
          } else if (isBodyChar(c)) {
            end++;
          } else if (c === 92) {
            const escaped = bodyEscapeEnd(text, end, limit);
            if (escaped < 0) break;
            end = escaped;
          } else {
            break;
          }
        }
      }
      out.push({ type: 'secret', kind: 'private_key', start, end, detector: 'private-key' });
      HEADER.lastIndex = end;
      m = HEADER.exec(text);
    }
  },
};

/** Longest log prefix read before a header (a timestamp, a level, a logger's name). */
const MAX_PREFIX = 128;

/**
 * Length of what stands before the header at `at` on its line (a log line's timestamp and
 * source: `2026-12-07T10:00:00Z app: `), 0 when nothing does or it is longer than
 * {@link MAX_PREFIX}. Reads back at most that far.
 */
function linePrefix(text: string, at: number): number {
  for (let i = at - 1; i >= Math.max(0, at - MAX_PREFIX); i--) {
    if (text.charCodeAt(i) === 10) return at - i - 1;
  }
  return at <= MAX_PREFIX ? at : 0;
}

/**
 * Whether the `length` characters at `at` have the shape of those at `prefixStart`: a
 * digit where it has a digit, a letter where it has a letter, the same character
 * elsewhere. Each line of a logged key carries its own timestamp, all of one shape.
 */
function sameShape(text: string, at: number, prefixStart: number, length: number): boolean {
  if (at + length > text.length) return false;
  for (let i = 0; i < length; i++) {
    const a = text.charCodeAt(prefixStart + i);
    const b = text.charCodeAt(at + i);
    if (a !== b && !(isDigit(a) && isDigit(b)) && !(isAsciiLetter(a) && isAsciiLetter(b))) {
      return false;
    }
  }
  return true;
}
