import { isBlank } from '../../char-class.js';
import type { Detector } from '../../detector.js';
import { anchoredDetector } from '../anchored-detector.js';
import { longValueAfter } from '../long-value.js';
import { SCHEME_GAP } from './header-gap.js';
import { isPlaceholder, looksRandom } from './placeholder.js';
import { isSecretValue } from './secret-value-shape.js';

/**
 * `Authorization` within the few characters before `Bearer` (header, JSON, curl -H, a PHP
 * array's `=>`, a dict index's `']`), quotes escaped as JSON inside a JSON string escapes
 * them (`\"`), the value's quote after a Python string prefix (`f'Bearer …'`).
 */
const AUTH_CONTEXT = /authorization\\?["']?\]?\s{0,3}(?:=>|[:=])\s{0,3}(?:[bfr]?\\?["'])?\s{0,3}$/i;

/**
 * Shortest token taken whatever its shape after a header, and in any shape without one;
 * the pattern takes six characters (a short token shaped like a secret, after a header).
 */
const MIN_ALONE = 8;

const HEX = /^[0-9a-f]+$/i;

/**
 * A token character: anything but a blank, a quote, a bracket, `,`/`;` and `<>`/`\`
 * (markup, JSON escapes), which end the token where it sits in a header, JSON, code or
 * prose. Wider than RFC 6750's set (letters, digits, `-._~+/` and final `=`): servers issue
 * tokens with `!`, `:`, `@` or `%` in them, and a token read to the first of those left its
 * tail in clear.
 */
const TOKEN_CHAR = String.raw`[^\s"'\`,;()[\]{}<>\\]`;

/**
 * Whether lower-case runs of four letters or more hold half of the letters or more: words
 * joined by digits or symbols (`e2e-tests`, `scheme+realm`), as prose puts after "bearer".
 * In a random base64 token about one letter in eight falls in such a run, in hex fewer.
 */
function wordLike(value: string): boolean {
  let letters = 0;
  let inWords = 0;
  let run = 0;
  for (let i = 0; i <= value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 97 && c <= 122) {
      run++;
      letters++;
      continue;
    }
    if (run >= 4) inWords += run;
    run = 0;
    if (c >= 65 && c <= 90) letters++;
  }
  return letters > 0 && inWords * 2 >= letters;
}

/**
 * Bearer tokens (RFC 6750). After an `Authorization` header any non-placeholder token of
 * eight characters or more is taken, and a shorter one shaped like a secret (`abc123`, not
 * `tokens`); elsewhere ("the bearer of the letter") the token must look machine-made, or
 * be shaped like a secret the way a credential assignment's value is (letters mixed with
 * digits or with symbols such as `~+=`) and not mostly words: base64 without a digit and
 * 12 hex digits used to stay in clear there. The token runs to a blank, a quote, a bracket
 * or one of `,;<>\` (`TOKEN_CHAR`), not only over RFC 6750's characters, and may stand on
 * a folded header's next line (`Bearer\r\n <token>`). The scheme is
 * case-insensitive (RFC 7235: `BEARER`, `bearer` are `Bearer`), and the
 * `authorization-header` detector leaves every case of it to this one.
 */
export const bearerToken: Detector = anchoredDetector({
  id: 'bearer-token',
  type: 'secret',
  kind: 'bearer',
  priority: 90,
  anchors: ['bearer'],
  anchorsIgnoreCase: true,
  notAfter: /[A-Za-z0-9]/,
  pattern: new RegExp(`bearer${SCHEME_GAP}(${TOKEN_CHAR}{6,4096})(?!${TOKEN_CHAR})`, 'i'),
  groups: [1],
  // Past 4,096 characters (the pattern's bound) the whole token run is taken.
  overflow: longValueAfter(
    new RegExp(`bearer${SCHEME_GAP}`, 'iy'),
    new RegExp(`${TOKEN_CHAR}*`, 'y'),
    4096,
  ),
  validate: (value, text, start) => {
    // `:` is a token character, so a URL after "bearer" comes whole: a link, no token.
    if (value.includes('://')) return false;
    // The token follows `bearer` and its blanks (a folded line's break among them).
    let keyword = start;
    while (isBlank(text.charCodeAt(keyword - 1))) keyword--;
    keyword -= 6;
    const context = text.slice(Math.max(0, keyword - 24), keyword);
    if (AUTH_CONTEXT.test(context)) {
      return value.length >= MIN_ALONE ? !isPlaceholder(value) : isSecretValue(value, true, false);
    }
    if (value.length < MIN_ALONE) return false;
    if (looksRandom(value, 16) && /[0-9]/.test(value)) return true;
    // Hex (a digest, a session id) spells runs like `ecde` by chance, and no prose.
    return isSecretValue(value, true, false) && (HEX.test(value) || !wordLike(value));
  },
});
