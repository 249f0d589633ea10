import { isAsciiAlphanumeric } from '../char-class.js';
import type { Detector } from '../detector.js';
import type { Finding } from '../finding.js';

/**
 * Domain after the `@`: up to 8 labels and a TLD, matched sticky right after it. The TLD
 * is letters, or an IDN TLD in its ASCII form (`xn--p1ai` for `.рф`), as mail servers and
 * logs store it.
 */
const DOMAIN =
  /(?:[A-Za-z0-9-]{1,63}\.){1,8}(?:[A-Za-z]{2,24}|[Xx][Nn]--[A-Za-z0-9-]{0,58}[A-Za-z0-9])(?![A-Za-z0-9-])/y;
/**
 * `scheme://user:` or `scheme://user:p@` right before a candidate: its local part is (the
 * end of) a URL password, and its domain the URL's host, not an address.
 */
const USERINFO_BEFORE = /:\/\/[^\s/?#]{0,256}[:@]$/;
/** RFC 5321 limit on the local part. */
const MAX_LOCAL = 64;

/**
 * Letters outside ASCII that addresses (RFC 6531/6532) and IDNs use in practice, in
 * scripts written with spaces between words: Latin-1 letters (not `×` `÷`), Latin
 * Extended-A/B and Additional, combining diacritics, Greek, Cyrillic. Scripts written
 * without spaces (Han, Kana, Thai) are left out: the walk back from `@` would take the
 * sentence before an address with it. Plain ranges, no regex: the walk stays cheap.
 */
function isLetterBeyondAscii(c: number): boolean {
  return (
    (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) ||
    (c >= 0x300 && c <= 0x52f) ||
    (c >= 0x1e00 && c <= 0x1eff)
  );
}

/**
 * Characters of a local part as written in practice: letters, digits, `._%+-`, and the
 * RFC 5322 atext marks that turn up inside real addresses (`patrick.o'brien`, `first#last`,
 * `first!last`, `a*b`, `x^y`, `~user`; `o’brien` as word processors type it). The marks
 * that delimit text around an address far more often than they sit in one (`=`, `?`, `&`,
 * `/`, `|`, `{`, `}`, `$`, `` ` ``) are left out: `email=bob@example.com` is an address
 * after a key.
 */
function isLocalChar(c: number): boolean {
  return (
    isAsciiAlphanumeric(c) ||
    c === 46 ||
    c === 95 ||
    c === 37 ||
    c === 43 ||
    c === 45 ||
    isLocalMark(c) ||
    (c >= 0xc0 && isLetterBeyondAscii(c))
  );
}

/**
 * The atext marks a local part may hold but that, first, are a quote or markup around the
 * address rather than part of it (`'bob@example.com'` in code, `*bob@example.com*`,
 * `#bob@example.com`): `' ! # * ^ ~` and `’`.
 */
function isLocalMark(c: number): boolean {
  return c === 39 || c === 33 || c === 35 || c === 42 || c === 94 || c === 126 || c === 0x2019;
}

/**
 * Whether the candidate starting at `start` (after the character `before`) sits in URL
 * userinfo: `scheme://user:` or `scheme://user:p@` right before it. Its own function:
 * measured, written inline it left V8 running the scan ~100x slower on 1 MB of `a@a@…`.
 */
function inUserinfo(text: string, start: number, before: number): boolean {
  if (before !== 58 && before !== 64) return false;
  return USERINFO_BEFORE.test(text.slice(Math.max(0, start - 300), start));
}

/** A letter of a TLD: ASCII or beyond. */
function isTldChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && isLetterBeyondAscii(c));
}

/** A character of a domain label: a TLD letter, a digit or `-`. */
function isLabelChar(c: number): boolean {
  return isTldChar(c) || (c >= 48 && c <= 57) || c === 45;
}

/**
 * Whether `text[start, end)` is an ASCII (punycode) IDN label: `xn--`, then 1–59 letters,
 * digits and `-`, the last no `-`; any case.
 */
function isPunycode(text: string, start: number, end: number): boolean {
  if (end - start < 5 || end - start > MAX_LABEL) return false;
  if ((text.charCodeAt(start) | 32) !== 120 || (text.charCodeAt(start + 1) | 32) !== 110)
    return false;
  if (text.charCodeAt(start + 2) !== 45 || text.charCodeAt(start + 3) !== 45) return false;
  if (text.charCodeAt(end - 1) === 45) return false;
  for (let i = start + 4; i < end; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45))
      return false;
  }
  return true;
}

/** Most labels before the TLD, longest label, shortest and longest TLD (as `DOMAIN`). */
const MAX_LABELS = 8;
const MAX_LABEL = 63;
const MIN_TLD = 2;
const MAX_TLD = 24;

/**
 * End of the domain starting at `from` (right after the `@`), or -1. ASCII domains go
 * through `DOMAIN`; a domain with letters beyond ASCII (`müller.de`) through a loop with
 * the same rules (up to 8 labels of 1–63 characters, each followed by `.`, then a TLD of
 * 2–24 letters that no label character follows; the most labels that fit win). At most
 * 9 runs of at most 64 characters: bounded.
 */
function domainEnd(text: string, from: number): number {
  DOMAIN.lastIndex = from;
  const ascii = DOMAIN.test(text) ? DOMAIN.lastIndex : -1;
  if (ascii >= 0 && (ascii === text.length || text.charCodeAt(ascii) < 0xc0)) return ascii;
  let i = from;
  let labels = 0;
  let best = -1;
  let beyond = false;
  while (labels <= MAX_LABELS) {
    const start = i;
    let letters = true;
    while (i < text.length && i - start <= MAX_LABEL) {
      const c = text.charCodeAt(i);
      if (!isLabelChar(c)) break;
      if (c >= 0xc0) beyond = true;
      if (!isTldChar(c)) letters = false;
      i++;
    }
    const length = i - start;
    const next = i < text.length ? text.charCodeAt(i) : 0;
    const tld = (letters && length >= MIN_TLD && length <= MAX_TLD) || isPunycode(text, start, i);
    if (labels > 0 && !isLabelChar(next) && tld) best = i;
    if (length === 0 || length > MAX_LABEL || next !== 46 || labels === MAX_LABELS) break;
    labels++;
    i++; // the dot
  }
  return beyond ? best : ascii;
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
      // Longer than 64: not an address.
      const tooLong = start > 0 && isLocalChar(text.charCodeAt(start - 1));
      // Marks first are around the address, not in it: `'bob@example.com'` keeps its quote.
      while (start < at && isLocalMark(text.charCodeAt(start))) start++;
      let next = at + 1;
      const before = start > 0 ? text.charCodeAt(start - 1) : -1;
      const localOk =
        start < at &&
        !tooLong &&
        text.charCodeAt(start) !== 46 &&
        text.charCodeAt(at - 1) !== 46 &&
        at + 1 < text.length &&
        text.charCodeAt(at + 1) !== 45 &&
        // `https://user@host` and `https://user:<password>@host` are URL userinfo, not addresses
        // (`mailto:` addresses are).
        before !== 47 &&
        !inUserinfo(text, start, before);
      if (localOk) {
        const end = domainEnd(text, at + 1);
        if (end >= 0) {
          // `git@github.com:org/repo.git` is an SSH remote, not an address.
          const sshRemote =
            end < text.length &&
            text.charCodeAt(end) === 58 &&
            /[\w~/.-]/.test(text[end + 1] ?? ' ');
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
