import { isBlank, isDigit } from '../char-class.js';

/**
 * A placeholder written where a JSON number stood (`{"pan":4111111111111111}`) must be a
 * JSON string, or the text stops being JSON: `{"pan":[CREDIT_CARD_1]}` does not parse. This
 * file works out whether a replaced span is such a number and which quote its level of
 * JSON writes (`"`, or `\"` for JSON inside a JSON string), from the text around it only.
 */

/**
 * Whether `text[start, end)` is made of a number's characters only (digits, sign,
 * fraction, exponent) and starts with a digit or `-`: a JSON number token, loosely; read
 * in place, no copy of the span.
 */
function isNumberToken(text: string, start: number, end: number): boolean {
  const first = text.charCodeAt(start);
  if (!((first >= 48 && first <= 57) || first === 45)) return false;
  for (let i = start + 1; i < end; i++) {
    if (!isNumberChar(text.charCodeAt(i))) return false;
  }
  return true;
}

/** A character of a JSON number: a digit, `.`, `-`, `+`, `e`, `E`. */
function isNumberChar(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 46 || c === 45 || c === 43 || c === 101 || c === 69;
}

/** End of the run of digits starting at `i`, not past `limit`. */
function digitsEnd(text: string, i: number, limit: number): number {
  while (i < limit && isDigit(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Where a number whose digits a finding ends at `end` ends: past its fraction (`.0`) and
 * exponent (`e+0`) when it has them, never past `limit` (where the next finding starts).
 * A card held as a float is written so (Python's `json.dumps` of a pandas column with
 * gaps: `4111111111111111.0`); replacing the digits alone left `"[CREDIT_CARD_1]".0`,
 * which does not parse.
 */
export function numberEnd(text: string, end: number, limit: number): number {
  let i = end;
  if (i < limit && text.charCodeAt(i) === 46 /* . */) {
    const j = digitsEnd(text, i + 1, limit);
    if (j === i + 1) return end;
    i = j;
  }
  if (i < limit && (text.charCodeAt(i) | 32) === 101 /* e */) {
    let j = i + 1;
    const sign = text.charCodeAt(j);
    if (sign === 43 || sign === 45) j++;
    const k = digitsEnd(text, j, limit);
    if (k > j) i = k;
  }
  return i;
}

/**
 * How far back a number in an array looks for what starts its array or the string before
 * it (`[12, 7, 4111111111111111]`): bounded, so many numbers cost a bounded look each.
 */
const ARRAY_LOOK_BACK = 256;

/** How many blanks (indentation of pretty-printed JSON) are skipped around the number. */
const BLANKS_MAX = 256;

/** An escaped blank of JSON inside a JSON string (`\n`, `\t`, `\r`) starting at `i`. */
function isEscapedBlankAt(text: string, i: number): boolean {
  if (text.charCodeAt(i) !== 92) return false;
  const c = text.charCodeAt(i + 1);
  return c === 110 || c === 116 || c === 114;
}

/** Offset of the first character at or after `i` that is no blank (escaped blanks included). */
function skipBlanksForward(text: string, i: number): number {
  const limit = i + BLANKS_MAX;
  while (i < limit) {
    if (isBlank(text.charCodeAt(i))) i++;
    else if (isEscapedBlankAt(text, i)) i += 2;
    else break;
  }
  return i;
}

/** Offset of the last character before `i` that is no blank (escaped blanks included), or -1. */
function skipBlanksBack(text: string, i: number): number {
  let j = i - 1;
  const limit = i - BLANKS_MAX;
  while (j >= 0 && j > limit) {
    if (isBlank(text.charCodeAt(j))) j--;
    else if (j >= 1 && isEscapedBlankAt(text, j - 1)) j -= 2;
    else break;
  }
  return j;
}

/**
 * The quote of the string that closes at `at` (a `"`), with the backslashes that escape
 * it for its level of nesting: `"`, `\"`, `\\\"`. A string may itself end in escaped
 * backslashes (`"C:\\temp\\"`): at level L its closing quote has 2^L - 1 backslashes and
 * each backslash of its content 2^(L+1), so a run of n backslashes has n + 1 = 2^L times
 * an odd number, and L is the count of trailing zero bits of n + 1.
 */
function closingQuote(text: string, at: number): string {
  let k = at;
  while (k > 0 && text.charCodeAt(k - 1) === 92) k--;
  const run = at - k;
  const level = 31 - Math.clz32((run + 1) & -(run + 1));
  return `${'\\'.repeat(2 ** level - 1)}"`;
}

/**
 * Whether the `"` at `at` closes a string (whose quote is `quote`) that starts after one
 * of `openers` (`{` or `,` for a key, `[` or `,` for an array element). The `"` before a
 * `:` or a `,` can as well open a string the number is inside (`{"row":",4111…,x"}`):
 * then the number is text, and quoting it would break the JSON.
 */
function closesStringAfter(text: string, at: number, quote: string, openers: string): boolean {
  const quoteStart = at - (quote.length - 1);
  const open = text.lastIndexOf(quote, quoteStart - 1);
  if (open < 0 || quoteStart - open > ARRAY_LOOK_BACK) return false;
  const b = skipBlanksBack(text, open);
  return b >= 0 && openers.includes(text[b]!);
}

/**
 * The quote to write around the placeholder replacing `text[start, end)`, or null to
 * write it as it is. A quote only when the span is a whole JSON number in a value place:
 * after a key's `:` (the key's closing quote gives the level), first in an array that
 * follows a key or starts the text, or after a `,` that follows a string (its closing
 * quote gives the level) or the span replaced before this one (ending at `previousEnd`,
 * -1 for none: its quote, `previousQuote`, is reused);
 * and before `,`, `}` or `]`. Prose (`card 4111111111111111.`) and numbers whose level is
 * not clear from the text around them (an array inside a JSON string) stay unquoted.
 */
export function placeholderQuote(
  text: string,
  start: number,
  end: number,
  previousEnd: number,
  previousQuote: string | null,
): string | null {
  if (!isNumberToken(text, start, end)) return null;
  const after = text.charCodeAt(skipBlanksForward(text, end));
  if (after !== 44 && after !== 125 && after !== 93) return null;
  return quoteBefore(text, start, previousEnd, previousQuote);
}

/** The level's quote read from what precedes a value starting at `start`. */
function quoteBefore(
  text: string,
  start: number,
  previousEnd: number,
  previousQuote: string | null,
): string | null {
  const b = skipBlanksBack(text, start);
  if (b < 0) return null;
  const c = text.charCodeAt(b);
  if (c === 58 /* : */) return keyQuote(text, b);
  if (c === 91 /* [ */) return arrayQuote(text, b);
  if (c !== 44 /* , */) return null;
  // After a `,`: the element before it.
  const e = skipBlanksBack(text, b);
  if (e < 0) return null;
  if (previousEnd === e + 1) return previousQuote;
  if (text.charCodeAt(e) === 34) {
    const quote = closingQuote(text, e);
    return closesStringAfter(text, e, quote, '[,') ? quote : null;
  }
  // Numbers before it in the same array (`[12, 7, 4111…]`): back to the array's `[`.
  const limit = Math.max(-1, e - ARRAY_LOOK_BACK, previousEnd - 1);
  for (let j = e; j > limit; j--) {
    const d = text.charCodeAt(j);
    if (d === 91) return arrayQuote(text, j);
    if (!(isNumberChar(d) || d === 44 || isBlank(d))) return null;
  }
  return null;
}

/** The quote of the key whose `:` is at `colon` (`"pan":`, `\"pan\":`), or null. */
function keyQuote(text: string, colon: number): string | null {
  const q = skipBlanksBack(text, colon);
  if (q < 0 || text.charCodeAt(q) !== 34) return null;
  const quote = closingQuote(text, q);
  return closesStringAfter(text, q, quote, '{,') ? quote : null;
}

/** The quote of the array whose `[` is at `open`: the key's before it, `"` at the text's start. */
function arrayQuote(text: string, open: number): string | null {
  const b = skipBlanksBack(text, open);
  if (b < 0) return '"';
  return text.charCodeAt(b) === 58 ? keyQuote(text, b) : null;
}
