import { isAsciiAlphanumeric } from '../char-class.js';
import { IBAN_LENGTHS, ibanMod97Valid } from '../checksums/iban-mod97.js';
import type { Detector } from '../detector.js';
import type { Finding } from '../finding.js';

/**
 * Country, check digits, then up to 30 letters/digits, optionally grouped by single spaces
 * (a tab or a no-break space U+00A0/U+2007/U+202F too) or dashes. The separator and the
 * character classes are disjoint: linear.
 */
const CANDIDATE = /(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?:[ \t\u00a0\u2007\u202f-]?[A-Z0-9]){11,34}/g;

const DASH = 45;

/**
 * Whether a dashed IBAN is grouped as IBANs are printed, in groups of four with one
 * separator throughout (`DE89-3704-0044-0532-0130-00`): dashed ids are everywhere, and one
 * that passed the checksum by chance in some other grouping is an id, not an account.
 * Spaces keep any grouping, as before (`scan` asks this of dashed IBANs only).
 */
function dashesAsPrinted(iban: string): boolean {
  for (let i = 0; i < iban.length; i++) {
    const c = iban.charCodeAt(i);
    const separator = !((c >= 48 && c <= 57) || (c >= 65 && c <= 90));
    // A separator exactly after each group of four, and only dashes.
    if (separator !== (i % 5 === 4) || (separator && c !== DASH)) return false;
  }
  return true;
}

/**
 * Whether the dashed IBAN at `[start, end)` is a piece of a longer dashed id, joined by a
 * dash to a letter or digit on either side (`X1-DE89-…-00`, `DE89-…-00-7`): the id goes on,
 * and its first groups passed the checks by chance.
 */
function insideDashedId(text: string, start: number, end: number): boolean {
  return (
    (text.charCodeAt(start - 1) === DASH && isAsciiAlphanumeric(text.charCodeAt(start - 2))) ||
    (text.charCodeAt(end) === DASH && isAsciiAlphanumeric(text.charCodeAt(end + 1)))
  );
}

/**
 * IBANs: the length registered for the country and a valid ISO 7064 mod-97 check. The
 * country's length decides where the IBAN ends, so words in capitals after a spaced IBAN
 * are not taken with it.
 */
export const iban: Detector = {
  id: 'iban',
  type: 'iban',
  priority: 85,
  scan(text: string, out: Finding[]): void {
    CANDIDATE.lastIndex = 0;
    let m = CANDIDATE.exec(text);
    while (m !== null) {
      const start = m.index;
      const candidate = m[0];
      const length = IBAN_LENGTHS[candidate.slice(0, 2)];
      let found = false;
      if (length !== undefined) {
        let compact = '';
        let i = 0;
        for (; i < candidate.length && compact.length < length; i++) {
          const c = candidate.charCodeAt(i);
          // Letters and digits are the IBAN; anything else the pattern took is a separator.
          if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90)) compact += candidate[i];
        }
        const printed = candidate.slice(0, i);
        const boundary = !isAsciiAlphanumeric(text.charCodeAt(start + i));
        if (
          compact.length === length &&
          boundary &&
          (!printed.includes('-') ||
            (dashesAsPrinted(printed) && !insideDashedId(text, start, start + i))) &&
          ibanMod97Valid(compact)
        ) {
          out.push({ type: 'iban', start, end: start + i, detector: 'iban' });
          CANDIDATE.lastIndex = start + i;
          found = true;
        }
      }
      if (!found) CANDIDATE.lastIndex = start + 2;
      m = CANDIDATE.exec(text);
    }
  },
};
