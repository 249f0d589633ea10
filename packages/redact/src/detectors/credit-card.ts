import { isDigit } from '../char-class.js';
import { luhnValid } from '../checksums/luhn.js';
import type { Detector } from '../detector.js';
import type { Finding } from '../finding.js';
import { isDiscordWebhookId } from './discord-webhook-path.js';

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

/**
 * True when `n` digits starting with `d4` (their first four as a number) carry the prefix
 * and a length of a payment network.
 */
function isCardNumber(n: number, d4: number): boolean {
  if (n < 13 || n > 19) return false;
  const d1 = Math.floor(d4 / 1000);
  const d2 = Math.floor(d4 / 100);
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

/** One separator alone: what ends a card inside a longer run of groups. */
const GROUP_SEPARATOR = new RegExp(`^${SEPARATOR}$`);

/**
 * The digits at the start of a run, or right after a card in one: the candidate pattern at
 * a given place, without its look-behind (a dashed run's next group follows a `-`).
 */
const CONTINUATION = new RegExp(DIGIT_GROUPS, 'y');

/**
 * A card at a later group of a run (after a reference or order number), as cards are
 * written: unbroken, in groups of four (the last one shorter), or in the Amex and Diners
 * layouts 4-6-5 and 4-6-4, one separator throughout. Any grouping there would read cards
 * into every long run of numbers (a table row, a list of ids); the run's first group keeps
 * any grouping, as before.
 */
const LAID_OUT = new RegExp(
  `(?:[0-9]{13,19}|[0-9]{4}(${SEPARATOR})[0-9]{4}(?:\\1[0-9]{4}){1,2}(?:\\1[0-9]{1,4})?|[0-9]{4}(${SEPARATOR})[0-9]{6}\\2[0-9]{4,5})(?![0-9])`,
  'y',
);

/**
 * Whether a card laid out in groups of four at `at` (a later group of a run) would carry on
 * a grouping by four: the group before it is four digits and the same separator follows.
 * Then the card's groups are the middle of a longer number grouped by four (a 22-digit
 * tracking number, a 24-digit account), and 16 digits there pass the checks by chance
 * about one time in 25, at each group.
 */
function continuesGroupsOfFour(text: string, at: number, card: string): boolean {
  const separator = card.charAt(4);
  if (!GROUP_SEPARATOR.test(separator) || card.charAt(9) !== separator) return false;
  if (text.charAt(at - 1) !== separator) return false;
  let digits = 0;
  while (digits < 5 && isDigit(text.charCodeAt(at - 2 - digits))) digits++;
  return digits === 4;
}

/** Start of the run's group after the one at `at`, or -1 where the run ends. */
function nextGroup(text: string, at: number): number {
  let i = at;
  while (isDigit(text.charCodeAt(i))) i++;
  return GROUP_SEPARATOR.test(text.charAt(i)) && isDigit(text.charCodeAt(i + 1)) ? i + 1 : -1;
}

/**
 * The longest card at the start of `candidate`: its length, or 0. Longest first, then each
 * shorter prefix ending before a separator; one separator per number (`4111 1111 …` or
 * `4111-1111-…`, not a mix). Counts digits instead of copying them: every group of a run
 * may be tried, so this runs once per group.
 */
function cardLength(candidate: string): number {
  const len = candidate.length;
  // The first four digits, the digit count, and where the separators stop being one.
  let d4 = 0;
  let n = 0;
  let sep = 0;
  let consistentEnd = len;
  for (let i = 0; i < len; i++) {
    const c = candidate.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (n < 4) d4 = d4 * 10 + (c - 48);
      n++;
    } else if (sep === 0) sep = c;
    else if (sep !== c && consistentEnd === len) consistentEnd = i;
  }
  // Too few digits, or a first digit no network uses: no prefix is a card either.
  const d1 = Math.floor(d4 / 1000);
  if (n < 13 || d1 < 2 || d1 === 7 || d1 === 9) return 0;
  if (consistentEnd === len && isCardNumber(n, d4) && luhnValid(candidate)) return len;
  // Each shorter prefix, right to left: cut at a separator before the first mixed one.
  for (let i = len - 1; i >= 13; i--) {
    const c = candidate.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      n--;
      continue;
    }
    if (i > consistentEnd) continue;
    if (isCardNumber(n, d4) && luhnValid(candidate.slice(0, i))) return i;
  }
  return 0;
}

/**
 * Payment card numbers: a network prefix and length, and a valid Luhn check digit. Test
 * numbers the networks publish pass both and are reported: they are card-shaped data.
 * A run of digit groups is read from each group: a card may follow a group that is no card
 * (`ref 12345 4111 1111 1111 1111`, which used to stay in clear: only the run's start was
 * tried), and after a card the search goes on from the next group, so two cards in one run
 * (`4111 1111 1111 1111 4012 8888 8888 1881`) are both found. The id of a Discord
 * webhook URL is not read as a card (`isDiscordWebhookId`).
 */
export const creditCard: Detector = {
  id: 'credit-card',
  type: 'credit_card',
  priority: 85,
  scan(text: string, out: Finding[]): void {
    CANDIDATE.lastIndex = 0;
    let m = CANDIDATE.exec(text);
    while (m !== null) {
      let at = m.index;
      // At the run's start or right after a card any grouping is read; at a later group
      // only a laid-out card. Each step moves past a card or to the next group, and each
      // try reads at most 25 digits: linear.
      let laidOut = false;
      // Once the run held a card it is cards, not one long number grouped by four: a card
      // after a card and a group (`4111 … 1111 2025 4012 …`) is read as before.
      let cardInRun = false;
      for (;;) {
        const pattern = laidOut ? LAID_OUT : CONTINUATION;
        pattern.lastIndex = at;
        const candidate = pattern.exec(text);
        const length =
          candidate === null ||
          (laidOut && !cardInRun && continuesGroupsOfFour(text, at, candidate[0])) ||
          // A webhook's id, whatever its digits pass: read on from the run's next group.
          (at === m.index && isDiscordWebhookId(text, at))
            ? 0
            : cardLength(candidate[0]);
        if (length > 0) {
          out.push({ type: 'credit_card', start: at, end: at + length, detector: 'credit-card' });
          // A card ends at a separator or at the run's end: `nextGroup` steps on from there.
          at += length;
          laidOut = false;
          cardInRun = true;
        } else {
          laidOut = true;
        }
        const next = nextGroup(text, at);
        if (next < 0) break;
        at = next;
      }
      // Past the run: its groups have all been read.
      while (isDigit(text.charCodeAt(at))) at++;
      CANDIDATE.lastIndex = Math.max(CANDIDATE.lastIndex, at);
      m = CANDIDATE.exec(text);
    }
  },
};
