import { luhnValid } from '../checksums/luhn.js';
import type { Detector } from '../detector.js';
import type { Finding } from '../finding.js';

/**
 * What may separate a card's digit groups: space, dash, tab, or the no-break spaces that
 * locale formatting, word processors and PDFs put between them (U+00A0, U+2007 figure
 * space, U+202F narrow no-break space).
 */
const SEPARATOR = String.raw`[ \t\u00a0\u2007\u202f-]`;
/** 13–25 digits with optional single separators between them, ending a run of digits. */
const DIGIT_GROUPS = `[0-9](?:${SEPARATOR}?[0-9]){12,24}(?![0-9])`;

/**
 * A card's candidate: digit groups not inside a word, number or dashed id. Taken greedily;
 * `scan` then tries shorter prefixes at group boundaries, so a card followed by more digits
 * (`4111 1111 1111 1111 2025`) is still found.
 */
const CANDIDATE = new RegExp(`(?<![0-9A-Za-z.-])${DIGIT_GROUPS}`, 'g');

/** True when the digits carry the prefix and a length of a payment network. */
function isCardNumber(digits: string): boolean {
  const n = digits.length;
  if (n < 13 || n > 19) return false;
  const d1 = digits.charCodeAt(0) - 48;
  const d2 = Number(digits.slice(0, 2));
  const d4 = Number(digits.slice(0, 4));
  switch (d1) {
    case 4: // Visa
      return n === 13 || n === 16 || n === 19;
    case 5: // Mastercard 51–55; Maestro 50, 56–59
      return d2 >= 51 && d2 <= 55 ? n === 16 : n >= 13;
    case 2: // Mastercard 2221–2720, Mir 2200–2204
      return ((d4 >= 2221 && d4 <= 2720) || (d4 >= 2200 && d4 <= 2204)) && n === 16;
    case 3: // Amex 34/37, JCB 35, Diners 30/36/38/39
      if (d2 === 34 || d2 === 37) return n === 15;
      if (d2 === 35) return d4 >= 3528 && d4 <= 3589 && n >= 16;
      return (d2 === 30 || d2 === 36 || d2 === 38 || d2 === 39) && n >= 14;
    case 6: // Discover, UnionPay, Maestro, RuPay
      return n >= 16 || (n >= 13 && d2 !== 65 && d4 !== 6011);
    case 8: // UnionPay 81, RuPay 82
      return (d2 === 81 || d2 === 82) && n >= 16;
    default:
      return false;
  }
}

/** One separator per number: `4111 1111 …` or `4111-1111-…`, not a mix. */
function digitsIfConsistent(s: string): string | undefined {
  let digits = '';
  let sep = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) digits += s[i];
    else if (sep === 0) sep = c;
    else if (sep !== c) return undefined;
  }
  return digits;
}

/** Offset of the last character that is not a digit (a group separator), or -1. */
function lastSeparator(s: string): number {
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return i;
  }
  return -1;
}

/** One separator alone: what ends a card inside a longer run of groups. */
const GROUP_SEPARATOR = new RegExp(`^${SEPARATOR}$`);

/**
 * The digits right after a card found in a longer run: the candidate pattern at a given
 * place, without its look-behind (a dashed run's next group follows a `-`).
 */
const CONTINUATION = new RegExp(DIGIT_GROUPS, 'y');

/**
 * The longest card at the start of `candidate`: its length, or 0. Longest first, then each
 * shorter prefix ending before a separator.
 */
function cardLength(candidate: string): number {
  for (;;) {
    const digits = digitsIfConsistent(candidate);
    if (digits !== undefined && isCardNumber(digits) && luhnValid(digits)) return candidate.length;
    const cut = lastSeparator(candidate);
    if (cut < 13) return 0;
    candidate = candidate.slice(0, cut);
  }
}

/**
 * Payment card numbers: a network prefix and length, and a valid Luhn check digit. Test
 * numbers the networks publish pass both and are reported: they are card-shaped data.
 * After a card, the digit groups that follow it are searched again from the next group, so
 * two cards in one run of groups (`4111 1111 1111 1111 4012 8888 8888 1881`) are both found:
 * the first one's candidate used to swallow the start of the second.
 */
export const creditCard: Detector = {
  id: 'credit-card',
  type: 'credit_card',
  priority: 85,
  scan(text: string, out: Finding[]): void {
    CANDIDATE.lastIndex = 0;
    let m = CANDIDATE.exec(text);
    while (m !== null) {
      let start = m.index;
      let candidate = m[0];
      for (;;) {
        const length = cardLength(candidate);
        if (length === 0) break;
        const end = start + length;
        out.push({ type: 'credit_card', start, end, detector: 'credit-card' });
        // A group separator after the card: it ended inside a longer run of groups, whose
        // rest may hold another. Each step takes 13 digits or more, so this stays linear.
        if (!GROUP_SEPARATOR.test(text.charAt(end))) break;
        CONTINUATION.lastIndex = end + 1;
        const next = CONTINUATION.exec(text);
        if (next === null) break;
        start = next.index;
        candidate = next[0];
        CANDIDATE.lastIndex = Math.max(CANDIDATE.lastIndex, start + candidate.length);
      }
      m = CANDIDATE.exec(text);
    }
  },
};
