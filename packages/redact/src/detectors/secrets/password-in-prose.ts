import type { Detector } from '../../detector.js';
import type { Finding } from '../../finding.js';
import { forEachPasswordName } from './password-names.js';
import { isPlaceholder } from './placeholder.js';
import { isSecretValue } from './secret-value-shape.js';

/**
 * A password named in a sentence, up to its value: `password`, `passwd` or `pwd` (not
 * inside a longer word), an optional `for|of|on <what>`, then `is`/`was` (with `now`,
 * `still`, `just` or `actually`, and `set|changed|reset to`) or `set|changed|reset|updated
 * to`. Any letter case. Every quantifier is bounded, so each attempt reads a few dozen
 * characters at most: linear.
 */
const LEAD =
  /(?<![A-Za-z0-9])(?:password|passwd|pwd)(?:[ \t]{1,4}(?:for|of|on)[ \t]{1,4}\S{1,64})?[ \t]{1,4}(?:(?:is|was)(?:[ \t]{1,4}(?:now|still|just|actually))?(?:[ \t]{1,4}(?:set|changed|reset)[ \t]{1,4}to)?|(?:set|changed|reset|updated)[ \t]{1,4}to)[ \t]{1,4}/giy;

/**
 * The value after the lead: quoted (up to 256 characters to its closing quote, on the
 * line) or to a blank. Neither part can backtrack into the other: linear.
 */
const VALUE = /(["'`])([^"'`\r\n]{1,256})\1|(\S+)/y;

/** Digits alone, six or more: a numeric password (a PIN-like one), unless a placeholder (`000000`). */
const DIGITS = /^\d{6,}$/;

/**
 * A password given in prose, as people type it into a prompt or a ticket: `my password is
 * …`, `the wifi password is '…'`, `password for bob was changed to …`. There is no `=` or
 * `:` for the assignment scan, and prose says far more about passwords than it gives them
 * (`the password is incorrect`, `is at least 12 characters`, `is stored in Vault`), so the value is judged as a bare assignment's is
 * (`isSecretValue`: letters with digits or symbols, eight digits or more, random letters;
 * never a word, a placeholder, a path or a number with a unit), or is six digits or more
 * that are no placeholder.
 * A password of letters only (`sunshine`) is missed: in prose it cannot be told from a word.
 * The span covers the whole bare token, its closing punctuation included (masked, not
 * guessed at), or the text inside the quotes. Found from each `password`, `passwd` and
 * `pwd` in the letter cases text writes them (`forEachPasswordName`).
 */
export const passwordInProse: Detector = {
  id: 'password-in-prose',
  type: 'secret',
  kind: 'generic',
  priority: 50,
  // What `forEachPasswordName` searches for.
  needles: ['word', 'Word', 'WORD', 'wd', 'WD'],
  scan(text: string, out: Finding[]): void {
    forEachPasswordName(text, (start) => {
      LEAD.lastIndex = start;
      if (LEAD.test(text)) readValue(text, LEAD.lastIndex, out);
      return start + 1;
    });
  },
};

function readValue(text: string, from: number, out: Finding[]): void {
  VALUE.lastIndex = from;
  const match = VALUE.exec(text);
  if (match === null) return;
  const quoted = match[2];
  const value = quoted ?? judgedProseValue(match[3]!);
  if (!isProsePassword(value, quoted === undefined)) return;
  const start = quoted === undefined ? from : from + 1;
  const end = quoted === undefined ? VALUE.lastIndex : VALUE.lastIndex - 1;
  out.push({ type: 'secret', kind: 'generic', start, end, detector: 'password-in-prose' });
}

/**
 * Whether a value given in prose is a password: shaped like a secret as an assignment's
 * value is (`bare`: not quoted), or six digits or more that are no placeholder.
 */
export function isProsePassword(value: string, bare: boolean): boolean {
  return isSecretValue(value, bare, false) || (DIGITS.test(value) && !isPlaceholder(value));
}

/** Around a bare value in prose or in the code quoting it: `(hunter2)`, `is hunter2.");`. */
const OPENING = '(["\'`';
const CLOSING = '.,;:!?)]}"\'`\\';

/**
 * What of a bare value is judged: without the punctuation of the sentence or the code
 * around it (`is hunter2.`, `"… password was supplied.");`), and nothing when it holds an
 * HTML-escaped quote (`Password is correct.&quot;`: markup quoting prose). The span still
 * covers the whole token: masked, not guessed at.
 */
export function judgedProseValue(token: string): string {
  let start = 0;
  let end = token.length;
  while (start < end && OPENING.includes(token[start]!)) start++;
  while (end > start && CLOSING.includes(token[end - 1]!)) end--;
  const part = token.slice(start, end);
  return part.includes('&quot') || part.includes('&#') ? '' : part;
}
