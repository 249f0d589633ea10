import type { Detector } from '../detector.js';
import type { Finding } from '../finding.js';

/**
 * A phone-shaped run: an optional `+` or `(`, then digits with single separators
 * (space, `-`, `.`, parentheses; a tab or a no-break space U+00A0/U+2007/U+202F counts as a
 * space). One character class, bounded: linear. `classify` decides, and shorter prefixes
 * are tried at spaces so two numbers in a row are split.
 */
const CANDIDATE =
  /(?<![0-9A-Za-z+_/.-])(?:\+|\(\+?)?[0-9][0-9 \t\u00a0\u2007\u202f().-]{5,24}[0-9](?![0-9A-Za-z])/g;
/** Spaces other than U+0020 a candidate may hold; read as a space (same length, same offsets). */
const OTHER_SPACES = /[\t\u00a0\u2007\u202f]/g;

const DATE_LIKE =
  /^(?:[0-9]{4}[-. ][0-9]{1,2}[-. ][0-9]{1,2}|[0-9]{1,2}[-. ][0-9]{1,2}[-. ][0-9]{2,4})$/;
/** NANP: area code and exchange start 2–9; optional country code 1. */
const NANP =
  /^(?:\+?1[ .-]?)?(?:\([2-9][0-9]{2}\)[ .-]?|[2-9][0-9]{2}[ .-])[2-9][0-9]{2}[ .-][0-9]{4}$/;
/** Brazil and similar: `(11) 91234-5678`. */
const PAREN_AREA = /^\([1-9][0-9]\) ?[0-9]{4,5}[ -]?[0-9]{4}$/;

/**
 * Counts digits and checks separators: no two separators in a row except around
 * parentheses, one separator style besides spaces.
 */
function shape(s: string): { digits: number; separated: boolean } | undefined {
  let digits = 0;
  let separated = false;
  let prevSep = false;
  let dot = false;
  let dash = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits++;
      prevSep = false;
      continue;
    }
    if (c === 43) continue; // leading +
    separated = true;
    const paren = c === 40 || c === 41;
    if (prevSep && !paren && s.charCodeAt(i - 1) !== 41 && s.charCodeAt(i - 1) !== 40) {
      return undefined;
    }
    prevSep = true;
    if (c === 46) dot = true;
    if (c === 45) dash = true;
  }
  if (dot && dash) return undefined;
  return { digits, separated };
}

/** Whether `s` is a phone number in an international or a national format. */
function classify(s: string): boolean {
  if (DATE_LIKE.test(s)) return false;
  const sh = shape(s);
  if (sh === undefined) return false;
  const { digits, separated } = sh;
  const first = s.charCodeAt(0);
  if (first === 43 || (first === 40 && s.charCodeAt(1) === 43)) {
    // E.164: country code 1–9…, 8 to 15 digits in all.
    return digits >= 8 && digits <= 15;
  }
  if (NANP.test(s)) return true;
  if (PAREN_AREA.test(s)) return true;
  const lead = first === 40 ? s.charCodeAt(1) : first;
  if (lead === 48) {
    const second = s.replace(/[^0-9]/g, '');
    // `00` + country code: the international prefix dialled from Europe.
    if (second.startsWith('00'))
      return second.charCodeAt(2) !== 48 && digits >= 10 && digits <= 17 && separated;
    // Trunk `0` + area/mobile code: UK, DE, FR, NL, AU, JP, IN… (10 to 12 digits; 9 would
    // take ZIP+4 codes such as 02901-7789).
    if (digits >= 10 && digits <= 12) return separated || digits <= 11;
  }
  return false;
}

function hasOtherSpace(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 9 || c === 0xa0 || c === 0x2007 || c === 0x202f) return true;
  }
  return false;
}

/**
 * Phone numbers: international (`+44 20 7946 0958`, `0044 …`), North American
 * (`(415) 555-2671`, `415.555.2671`), and national numbers with a trunk `0`
 * (`020 7946 0958`, `030 12345678`, `01 23 45 67 89`, `03-1234-5678`). Dates, card numbers,
 * SSNs and dotted IPs fail the shape rules.
 */
export const phone: Detector = {
  id: 'phone',
  type: 'phone',
  priority: 60,
  scan(text: string, out: Finding[]): void {
    CANDIDATE.lastIndex = 0;
    let m = CANDIDATE.exec(text);
    while (m !== null) {
      let start = m.index;
      let candidate = m[0];
      if (hasOtherSpace(candidate)) candidate = candidate.replace(OTHER_SPACES, ' ');
      // `(415.555.2671)`: the parenthesis belongs to the sentence, not the number.
      if (candidate.charCodeAt(0) === 40 && !classify(candidate) && candidate.indexOf(')') < 0) {
        start++;
        candidate = candidate.slice(1);
      }
      for (let tries = 0; tries < 6; tries++) {
        if (classify(candidate)) {
          out.push({ type: 'phone', start, end: start + candidate.length, detector: 'phone' });
          break;
        }
        const cut = candidate.lastIndexOf(' ');
        if (cut < 7) break;
        candidate = candidate.slice(0, cut);
        while (candidate.length > 0 && !/[0-9]$/.test(candidate))
          candidate = candidate.slice(0, -1);
      }
      m = CANDIDATE.exec(text);
    }
  },
};
