/**
 * Characters `JSON.stringify` leaves as they are that a terminal acts on or that reorder
 * what a reader sees: DEL and the C1 controls (U+009B is CSI, an escape sequence's start,
 * for terminals that take 8-bit controls), the bidirectional marks, embeddings, overrides and
 * isolates (a record could make its own text read backwards, "Trojan Source" style), and
 * the line and paragraph separators (a line break to some viewers, in a one-line-per-record
 * listing).
 */
const UNSAFE = /[\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/**
 * JSON text made safe to print to a terminal: each unsafe character becomes its `\uXXXX`
 * escape, so the text is still JSON, of the same value, and shows what the record holds.
 */
export function terminalSafeJson(json: string): string {
  return json.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * `text` cut to at most `max` UTF-16 units, ending in `…` when cut, never between the two
 * halves of a surrogate pair (a lone half prints as U+FFFD).
 */
export function excerpt(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}
