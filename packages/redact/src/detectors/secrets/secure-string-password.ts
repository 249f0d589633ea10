import type { Detector } from '../../detector.js';
import type { Finding } from '../../finding.js';
import { AnyCaseSearch } from '../any-case-search.js';
import { reportPasswordArgument } from './command-line.js';
import { isPlaceholder } from './placeholder.js';
import { isSecretValue } from './secret-value-shape.js';

const COMMAND = new AnyCaseSearch('convertto-securestring');
/** The cmdlet's name, its `-String` parameter (optional), then the string: any case. */
const STRING_ARGUMENT = /convertto-securestring[ \t]{1,16}(?:-string[ \t]{1,16})?(?=["'\w])/iy;
/** The cmdlet's name as matched: its length, to read `-AsPlainText` after it. */
const COMMAND_LENGTH = 'convertto-securestring'.length;
/** Most blanks read back around the `|` before the cmdlet. */
const MAX_PIPE_GAP = 16;
/** Longest string read back before the `|`, as the argument pattern reads one forward. */
const MAX_PIPED_STRING = 256;

/** Characters after which a pipeline's first value may stand: a line end, `(`, `{`, `;`, `=`. */
const STARTS_PIPELINE: ReadonlySet<number> = new Set([10, 13, 40, 123, 59, 61]);

/** `-AsPlainText` later in the same command (not past a line end, `;` or `|`). */
const AS_PLAIN_TEXT = /[^\r\n;|]{0,512}?[ \t]-asplaintext\b/iy;

/**
 * PowerShell's `ConvertTo-SecureString "<password>" -AsPlainText -Force` (also with
 * `-String`, or piped in: `"<password>" | ConvertTo-SecureString -AsPlainText`): the password is written in clear in the script. Only with `-AsPlainText`
 * is the string a password (without it, it is an encrypted standard string). The value is
 * judged as sshpass's is (a variable such as `$pw` is not taken). Found from each cmdlet
 * name in any case; bounded reads: linear.
 */
export const secureStringPassword: Detector = {
  id: 'secure-string-password',
  type: 'secret',
  kind: 'generic',
  priority: 85,
  anchors: ['convertto-securestring'],
  anchorsIgnoreCase: true,
  scan(text: string, out: Finding[]): void {
    COMMAND.start(text);
    let at = COMMAND.next(0);
    while (at >= 0) {
      let next = at + 1;
      STRING_ARGUMENT.lastIndex = at;
      if (STRING_ARGUMENT.test(text)) {
        const from = STRING_ARGUMENT.lastIndex;
        const end = reportArgumentIfPlain(text, from, out);
        next = Math.max(next, end);
      } else {
        reportPipedIfPlain(text, at, out);
      }
      at = COMMAND.next(next);
    }
  },
};

/** Reports the string at `from` when `-AsPlainText` follows it; returns where it ends. */
function reportArgumentIfPlain(text: string, from: number, out: Finding[]): number {
  const found: Finding[] = [];
  let end = reportPasswordArgument(text, from, 'secure-string-password', true, found);
  if (found.length === 0) {
    // A quoted passphrase with blanks (`"my secret pw"`), which the argument pattern stops at.
    const close = closingQuote(text, from);
    if (close > from + 1 && isPassphrase(text, from + 1, close)) {
      found.push(passphraseFinding(from + 1, close));
      end = close + 1;
    }
  }
  AS_PLAIN_TEXT.lastIndex = end;
  if (found.length > 0 && AS_PLAIN_TEXT.test(text)) out.push(...found);
  return end;
}

/**
 * Offset of the quote closing the string opened at `open` (`"` or `'`), on the same line
 * and within {@link MAX_PIPED_STRING} characters; -1 when there is none.
 */
function closingQuote(text: string, open: number): number {
  const quote = text.charCodeAt(open);
  if (quote !== 34 && quote !== 39) return -1;
  const limit = Math.min(text.length, open + 1 + MAX_PIPED_STRING);
  for (let i = open + 1; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === quote) return i;
    if (c === 34 || c === 39 || c === 10 || c === 13) return -1;
  }
  return -1;
}

/** A variable interpolated in a double-quoted PowerShell string: `$name`, `${…}`, `$(…)`. */
const INTERPOLATION = /\$[\w{(:]/;

/**
 * Whether the quoted string at `[start, end)` is a passphrase: it holds a blank (one
 * without is judged as any argument), no interpolated variable in double quotes, and,
 * read without its blanks, is shaped like a password as an argument is (`my secret pw`
 * is; `<your password>`, `my password`, `Enter your password` are placeholders). Where
 * `-AsPlainText` follows, a string with blanks is the password typed, not prose.
 */
function isPassphrase(text: string, start: number, end: number): boolean {
  const value = text.slice(start, end);
  if (!/[ \t]/.test(value)) return false;
  if (text.charCodeAt(start - 1) === 34 && INTERPOLATION.test(value)) return false;
  const joined = value.replace(/[ \t]+/g, '');
  return isSecretValue(joined, false, true) && !isPlaceholder(value);
}

function passphraseFinding(start: number, end: number): Finding {
  return { type: 'secret', kind: 'generic', start, end, detector: 'secure-string-password' };
}

/** A space or tab, or with `lineBreaks` also a line end. */
function isGap(c: number, lineBreaks: boolean): boolean {
  return c === 32 || c === 9 || (lineBreaks && (c === 10 || c === 13));
}

/**
 * Offset of the last character at or before `i` that is no space or tab (-1: the text's
 * start), at most {@link MAX_PIPE_GAP} back; -2 past that.
 */
function skipBlanksBack(text: string, i: number, lineBreaks = false): number {
  const limit = i - MAX_PIPE_GAP;
  while (i >= 0 && isGap(text.charCodeAt(i), lineBreaks)) {
    if (i <= limit) return -2;
    i--;
  }
  return i;
}

/**
 * The piped form, `"<password>" | ConvertTo-SecureString -AsPlainText`, the cmdlet at `at`:
 * a quoted string (on one line; with blanks, judged as a passphrase) alone before the `|`
 * (the cmdlet on the same line or the next), starting its pipeline, and `-AsPlainText` after the cmdlet. Reads a
 * bounded number of characters back: constant work per cmdlet.
 */
function reportPipedIfPlain(text: string, at: number, out: Finding[]): void {
  // A pipe may end its line, the cmdlet on the next (`"…" |` then `  ConvertTo-…`).
  let i = skipBlanksBack(text, at - 1, true);
  if (i < 0 || text.charCodeAt(i) !== 124 /* | */) return;
  const close = skipBlanksBack(text, i - 1);
  const quote = text.charCodeAt(close);
  if (close < 0 || (quote !== 34 && quote !== 39)) return;
  const limit = Math.max(0, close - 1 - MAX_PIPED_STRING);
  for (i = close - 1; i >= limit; i--) {
    const c = text.charCodeAt(i);
    if (c === quote) break;
    // Blanks may stand inside (a passphrase); line ends and control characters may not.
    if (c === 34 || c === 39 || (c < 32 && c !== 9)) return;
  }
  if (i < limit || i === close - 1) return;
  // The string starts its pipeline: a line, `(`, `{`, `;` or `=` before it, no other
  // command's argument (`Get-Content "pw.txt" | …`).
  const beforeAt = skipBlanksBack(text, i - 1);
  if (beforeAt === -2) return;
  const before = beforeAt < 0 ? 10 : text.charCodeAt(beforeAt);
  if (!STARTS_PIPELINE.has(before)) return;
  AS_PLAIN_TEXT.lastIndex = at + COMMAND_LENGTH;
  if (!AS_PLAIN_TEXT.test(text)) return;
  if (isPassphrase(text, i + 1, close)) out.push(passphraseFinding(i + 1, close));
  else reportPasswordArgument(text, i, 'secure-string-password', true, out);
}
