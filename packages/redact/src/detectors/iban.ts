import { isAsciiAlphanumeric, isDigit } from '../char-class.js';
import { IBAN_LENGTHS, ibanMod97Valid } from '../checksums/iban-mod97.js';
import type { Detector } from '../detector.js';
import type { Finding } from '../finding.js';

/**
 * Country, check digits, then up to 30 letters/digits, optionally grouped by single spaces
 * (a tab or a no-break space U+00A0/U+2007/U+202F too) or dashes. Letters in either case:
 * `scan` then asks for one case throughout. The separator and the character classes are
 * disjoint: linear.
 */
const CANDIDATE =
  /(?<![A-Za-z0-9])[A-Za-z]{2}[0-9]{2}(?:[ \t\u00a0\u2007\u202f-]?[A-Za-z0-9]){11,34}/g;

const DASH = 45;

/**
 * Countries whose BBAN is digits only (SWIFT IBAN registry). A lower-case candidate from
 * one of them must be digits after its check digits: lower-case hex ids (16-hex-digit
 * trace span ids starting `be12…`, 22-digit `de…` hashes) would otherwise pass mod-97 one
 * time in 97 wherever they start like an IBAN.
 */
const NUMERIC_BBAN: ReadonlySet<string> = new Set(
  'AE AT BA BE CR CZ DE DK EE EG ES FI FO GL HR HU IL IS LT ME NO PL PT RS SE SI SK TL TN VA XK'.split(
    ' ',
  ),
);

/**
 * Whether an IBAN is grouped as IBANs are printed, in groups of four with one separator
 * throughout (`DE89-3704-0044-0532-0130-00`, `de89 3704 0044 …`), or not grouped at all.
 * `scan` asks this of dashed IBANs (dashed ids are everywhere, and one that passed the
 * checksum by chance in some other grouping is an id, not an account) and of lower-case
 * ones (lower-case words and numbers run together in prose). Upper-case IBANs grouped by
 * spaces keep any grouping, as before.
 */
function groupedAsPrinted(iban: string): boolean {
  const separator = iban.charCodeAt(4);
  if (isAsciiAlphanumeric(separator)) {
    // Not separated after the first group: then not at all.
    for (let i = 5; i < iban.length; i++) {
      if (!isAsciiAlphanumeric(iban.charCodeAt(i))) return false;
    }
    return true;
  }
  for (let i = 0; i < iban.length; i++) {
    const c = iban.charCodeAt(i);
    // The separator exactly after each group of four, the same one throughout.
    if (i % 5 === 4 ? c !== separator : !isAsciiAlphanumeric(c)) return false;
  }
  return true;
}

/**
 * Whether the BBAN (after country and check digits) of a lower-case IBAN reads as a bank
 * and account number: at least as many digits as letters, and digits only where the
 * country's BBAN is. Every registry format is mostly digits (its letters are a bank code
 * of four and a few more at most); a lower-case word or identifier is mostly letters.
 */
function bbanLooksNumeric(compact: string): boolean {
  let letters = 0;
  for (let i = 4; i < compact.length; i++) if (!isDigit(compact.charCodeAt(i))) letters++;
  if (letters === 0) return true;
  return !NUMERIC_BBAN.has(compact.slice(0, 2)) && letters * 2 <= compact.length - 4;
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
 * are not taken with it. Letters are all upper case or all lower case (`de89 3704 …`,
 * `gb82west…`, as typed into a chat or a form); a lower-case one must be printed compact
 * or in groups of four and have a mostly numeric BBAN (`groupedAsPrinted`,
 * `bbanLooksNumeric`), since lower-case letters and digits run together in prose and ids
 * far more often than capitals do. Mixed case (`De89…`, `GB82west…`) is not read: base64
 * and other random tokens mix cases, IBANs do not.
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
      const lower = candidate.charCodeAt(0) >= 97;
      // The country code in one case, and in the registry.
      const country = candidate.slice(0, 2);
      const length =
        candidate.charCodeAt(1) >= 97 === lower
          ? IBAN_LENGTHS[lower ? country.toUpperCase() : country]
          : undefined;
      let found = false;
      if (length !== undefined) {
        let compact = '';
        let i = 0;
        let mixedCase = false;
        for (; i < candidate.length && compact.length < length; i++) {
          const c = candidate.charCodeAt(i);
          // Letters and digits are the IBAN; anything else the pattern took is a separator.
          if (isDigit(c)) compact += candidate[i];
          else if (c >= 65 && c <= 90) {
            mixedCase ||= lower;
            compact += candidate[i];
          } else if (c >= 97 && c <= 122) {
            mixedCase ||= !lower;
            // Upper-cased for the checksum, which reads letters as 10..35.
            compact += String.fromCharCode(c - 32);
          }
        }
        const printed = candidate.slice(0, i);
        const boundary = !isAsciiAlphanumeric(text.charCodeAt(start + i));
        const dashed = printed.includes('-');
        if (
          compact.length === length &&
          !mixedCase &&
          boundary &&
          (!dashed || (groupedAsPrinted(printed) && !insideDashedId(text, start, start + i))) &&
          (!lower || (groupedAsPrinted(printed) && bbanLooksNumeric(compact))) &&
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
