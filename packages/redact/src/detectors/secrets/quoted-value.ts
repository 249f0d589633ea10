/** The quotes a value may be written in; `\"` is a quote of JSON inside a JSON string. */
export type Quote = '"' | "'" | '`' | '\\"';

const BACKSLASH = 92;
const DOUBLE_QUOTE = 34;

function isLineEnd(c: number): boolean {
  return c === 10 || c === 13;
}

/**
 * Offset of the closing quote of a value that starts at `from` (just past its opening
 * quote), reading backslash escapes as the languages that write such strings do (JSON,
 * JS, Python, .env and shell double quotes): `\"` inside `"…"` is part of the value, and
 * so is `\\`. -1 when the line or text ends first. For `\"` (JSON inside a JSON string)
 * the value is read through both layers: `\\\"` is an escaped quote of the inner string,
 * `\\\\` its escaped backslash, `\n` an escape of the outer one, and a bare `"` ends the
 * outer string (-1). One pass, each character read once: linear.
 */
export function escapedClose(text: string, from: number, quote: Quote): number {
  const q = quote.charCodeAt(quote.length - 1);
  const nested = quote.length === 2;
  const n = text.length;
  let i = from;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isLineEnd(c)) return -1;
    if (c !== BACKSLASH) {
      if (c === q) return nested ? -1 : i;
      i++;
      continue;
    }
    const next = text.charCodeAt(i + 1);
    if (Number.isNaN(next) || isLineEnd(next)) return -1;
    if (!nested) {
      i += 2;
      continue;
    }
    if (next === DOUBLE_QUOTE) return i;
    if (next !== BACKSLASH) {
      i += 2; // `\n`: an escape of the outer string
      continue;
    }
    // `\\` is one backslash of the inner string, escaping the (outer-escaped) character after it.
    const escaped = text.charCodeAt(i + 2);
    if (Number.isNaN(escaped) || isLineEnd(escaped)) return -1;
    if (escaped !== BACKSLASH) {
      i += 3;
      continue;
    }
    const last = text.charCodeAt(i + 3);
    if (Number.isNaN(last) || isLineEnd(last)) return -1;
    i += 4;
  }
  return -1;
}

/**
 * Offset of the closing quote read without escapes: the first quote character (for `\"`,
 * the first backslash, which must start `\"`), or -1. The reading before escapes were
 * understood, kept as a fallback so a value that `escapedClose` finds unterminated (a
 * shell single-quoted `'pa\ss\'`, where a backslash is literal) is still taken.
 */
export function plainClose(text: string, from: number, quote: Quote): number {
  const nested = quote.length === 2;
  const q = nested ? BACKSLASH : quote.charCodeAt(0);
  const n = text.length;
  for (let i = from; i < n; i++) {
    const c = text.charCodeAt(i);
    if (isLineEnd(c)) return -1;
    if (c === q) return !nested || text.charCodeAt(i + 1) === DOUBLE_QUOTE ? i : -1;
    if (nested && c === DOUBLE_QUOTE) return -1;
  }
  return -1;
}
