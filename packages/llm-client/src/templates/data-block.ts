/**
 * Untrusted data goes into a prompt only as a fenced block: control characters and
 * bidirectional overrides removed (they hide text from a human reviewer), size capped, and
 * fenced with more backticks than any run inside it, so the data cannot close its fence and
 * pose as instructions.
 */

// C0 and C1 controls except tab and newline, and the Unicode bidi embedding/override/isolate marks.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is this pattern's job.
const UNSAFE_CHARACTERS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** A rendered data block. */
export interface DataBlock {
  text: string;
  /** Whether the value was cut to fit the cap. */
  truncated: boolean;
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    run = text.charCodeAt(i) === 96 ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

/** Cuts `text` to at most `max` UTF-16 units without splitting a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/** Renders a value (text as is, anything else as JSON) as a fenced, capped, cleaned data block. */
export function renderDataBlock(name: string, value: unknown, maxChars: number): DataBlock {
  const raw = typeof value === 'string' ? value : (JSON.stringify(value, null, 2) ?? 'null');
  const clean = raw.replace(UNSAFE_CHARACTERS, '');
  const truncated = clean.length > maxChars;
  const body = truncated ? `${cut(clean, maxChars)}\n[... truncated ...]` : clean;
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(body) + 1));
  const format = typeof value === 'string' ? 'text' : 'json';
  return { text: `${fence}data name=${name} format=${format}\n${body}\n${fence}`, truncated };
}
