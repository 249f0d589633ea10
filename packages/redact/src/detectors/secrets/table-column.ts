import type { Detector } from '../../detector.js';
import type { Finding } from '../../finding.js';
import { isSensitiveKey } from '../../redactor/sensitive-keys.js';
import {
  API_KEY_KEYS,
  forEachName,
  type NameKeys,
  PASSWORD_KEYS,
  TOKEN_KEYS,
} from './credential-name-search.js';
import { isSecretValue } from './secret-value-shape.js';

/** Cell separators of delimited text, in the order tried: CSV, TSV, `;` (Excel's CSV in many locales). */
const SEPARATORS = [',', '\t', ';'];

/** A Markdown table's delimiter row (`|---|:--:|`, `--- | ---`), the whole line. */
const DELIMITER_ROW = /^[ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+(?:[ \t]*:?-+:?[ \t]*)?[ \t]*\r?$/;

/** A header line of delimited text: letters, digits, `_ .-`, blanks, quotes and separators. */
const PLAIN_HEADER_LINE = /[A-Za-z"][\w .,;\t"-]*\r?(?=\n|$)/y;

/** Whether the line at `at` can be a delimiter row: its first character after blanks is `|`, `:` or `-`. */
function startsDelimiterRow(text: string, at: number): boolean {
  let c = text.charCodeAt(at);
  while (c === 32 || c === 9) c = text.charCodeAt(++at);
  return c === 124 || c === 58 || c === 45;
}

/** One cell of a row: where its text starts and ends in the text, blanks and quotes off. */
interface Cell {
  start: number;
  end: number;
}

/** A row: how many cells it has, and the first of them (as many as were asked for). */
interface Row {
  count: number;
  cells: Cell[];
}

/** Splits the line `[start, end)` into cells, keeping the first `keep`. */
type Split = (text: string, start: number, end: number, keep: number) => Row;

/**
 * Header cells kept: the columns a credential can be in. Rows keep only up to the last
 * credential column, so a row of a million `|` allocates no million cells.
 */
export const MAX_COLUMNS = 64;

/**
 * A secret in a table, in a column whose header names a credential: a Markdown table (the
 * header row, its `|---|---|` row, then rows with `|`; any credential name, as
 * `redactValue` masks values under: `Password`, `API Key`, `Access Token`, `client_secret`)
 * or delimited text (a header row of names alone, one of them a credential's, of cells
 * apart by `,`, a tab or `;`, CSV quotes read, then rows of as many cells, up to a line that
 * is not one). Exports and pasted tables hold passwords in clear with no `=` or `:` before
 * them. Under a header naming a password, a delimited cell is judged as a value in a URL
 * query is (nothing else goes there, so `sunshine` is taken too); elsewhere (a Markdown
 * cell, often documentation; a delimited table naming only tokens, secrets or keys) as a
 * quoted assignment's is (letters with digits or symbols, or random). Placeholders,
 * variables and credential words are never taken.
 *
 * Markdown tables are found from each `|` (the next line must be a delimiter row),
 * delimited ones from each credential name (`PASSWORD_KEYS`, and the keys of `token`,
 * `secret` and `… key`). After a line, or a table, each search resumes past it, so rows that
 * repeat the header's name are not read again: linear.
 */
export const tableColumn: Detector = {
  id: 'table-column',
  type: 'secret',
  kind: 'generic',
  priority: 50,
  // Every table holds its separator: `|`, `,`, a tab or `;`.
  needles: ['|', ',', '\t', ';'],
  scan(text: string, out: Finding[]): void {
    for (let at = text.indexOf('|'); at >= 0; at = text.indexOf('|', at + 1)) {
      at = readMarkdownTable(text, at, out);
    }
    // A header naming two credentials (`password,pwd`) is read once per name: its findings
    // are the same spans, merged as any overlap is.
    const readLine = (at: number) =>
      readDelimitedTable(text, text.lastIndexOf('\n', at) + 1, lineEnd(text, at), out);
    forEachName(text, PASSWORD_KEYS, readLine);
    forEachName(text, OTHER_NAME_KEYS, readLine);
  },
};

/**
 * `token`, `secret` and `… key` found in a line: any offset in the line will do, so each key
 * is visited once, not from every place its name may start.
 */
const OTHER_NAME_KEYS: NameKeys = [...TOKEN_KEYS, ...API_KEY_KEYS].map(([key]) => [key, [0]]);

/** A password's name, as a column's name ends (`password`, `DB_PASSWORD`, `user pwd`). */
const PASSWORD_NAME = /(?:password|passwd|pwd|passphrase)$/i;

/** Where the line holding `at` ends (its `\n`, or the end of the text). */
function lineEnd(text: string, at: number): number {
  const end = text.indexOf('\n', at);
  return end < 0 ? text.length : end;
}

/**
 * Reads the Markdown table whose header is the line holding the `|` at `at`, if the next
 * line is its delimiter row, reporting the secrets of its credential columns. Returns
 * where the search goes on: the table's last row's end, or the line's. The line's start
 * is looked for only then: most lines with a `|` (code's `||`) are no header.
 */
function readMarkdownTable(text: string, at: number, out: Finding[]): number {
  const end = lineEnd(text, at);
  if (end >= text.length || !startsDelimiterRow(text, end + 1)) return end;
  const delimiterEnd = lineEnd(text, end + 1);
  if (!DELIMITER_ROW.test(text.slice(end + 1, delimiterEnd))) return end;
  const start = text.lastIndexOf('\n', at) + 1;
  const header = markdownCells(text, start, end, MAX_COLUMNS);
  return readRows(
    text,
    header,
    delimiterEnd,
    markdownCells,
    { delimited: false, wordsTaken: false },
    out,
  );
}

/**
 * Reads the delimited table whose header is the line `[start, end)`, if it is one: names
 * and separators from the line's start (code with commas, indented or with brackets and
 * operators, fails at its first such character), and a next line of as many cells.
 * Returns where the search goes on, as {@link readMarkdownTable} does.
 */
function readDelimitedTable(text: string, start: number, end: number, out: Finding[]): number {
  PLAIN_HEADER_LINE.lastIndex = start;
  if (end >= text.length || !PLAIN_HEADER_LINE.test(text)) return end;
  const line = text.slice(start, end);
  const nextEnd = lineEnd(text, end + 1);
  for (const separator of SEPARATORS) {
    if (!line.includes(separator)) continue;
    const split: Split = (t, s, e, keep) => delimitedCells(t, s, e, separator, keep);
    const header = split(text, start, end, MAX_COLUMNS);
    if (header.count < 2 || !header.cells.every((cell) => isHeaderName(text, cell))) continue;
    if (split(text, end + 1, nextEnd, 0).count !== header.count) continue;
    // Only credentials go under a password's name, so a word there is one too; `token` also
    // heads a column of words in language data (`token,pos,lemma`).
    const namesPassword = header.cells.some((cell) =>
      PASSWORD_NAME.test(text.slice(cell.start, cell.end)),
    );
    return readRows(text, header, end, split, { delimited: true, wordsTaken: namesPassword }, out);
  }
  return end;
}

/** How a table's rows are read. */
interface RowRules {
  /** Delimited text: a row of another number of cells ends the table (Markdown: no `|`). */
  delimited: boolean;
  /** A word is a secret, as in a URL query's value (`sunshine`); else only a secret's shape is. */
  wordsTaken: boolean;
}

/**
 * Reports the secrets in the credential columns of the rows after `headerEnd` (the `\n`
 * ending the header, or its delimiter row), up to a row that ends the table (`rules`).
 * Returns where the last row ends.
 */
function readRows(
  text: string,
  header: Row,
  headerEnd: number,
  split: Split,
  rules: RowRules,
  out: Finding[],
): number {
  const columns: number[] = [];
  header.cells.forEach((cell, i) => {
    if (isSensitiveKey(text.slice(cell.start, cell.end))) columns.push(i);
  });
  if (columns.length === 0) return headerEnd;
  const keep = columns[columns.length - 1]! + 1;
  let end = headerEnd;
  while (end < text.length) {
    const rowEnd = lineEnd(text, end + 1);
    const row = split(text, end + 1, rowEnd, keep);
    if (rules.delimited ? row.count !== header.count : row.count === 0) break;
    for (const column of columns) {
      const cell = row.cells[column];
      if (cell === undefined) continue;
      if (isSecretValue(text.slice(cell.start, cell.end), false, rules.wordsTaken)) {
        out.push({ ...cell, type: 'secret', kind: 'generic', detector: 'table-column' });
      }
    }
    end = rowEnd;
  }
  return end;
}

/**
 * The cells of a Markdown table row (`| a | b |`, outer pipes optional; `\|` is no
 * separator), blanks and a code span's backticks off; none when the line holds no `|`.
 */
function markdownCells(text: string, start: number, end: number, keep: number): Row {
  const cells: Cell[] = [];
  let count = 0;
  let from = start;
  let sawPipe = false;
  for (let i = start; i <= end; i++) {
    const c = i === end ? 124 : text.charCodeAt(i);
    if (c !== 124 /* | */ || (i < end && text.charCodeAt(i - 1) === 92) /* \ */) continue;
    if (i < end) sawPipe = true;
    // Only cells kept, and those at the line's ends, are trimmed (no object per cell of
    // a long row): the blank before a leading pipe and after a trailing one is no cell.
    const atEdge = from === start || i === end;
    if (atEdge || count < keep) {
      const cell = trimmed(text, from, i, '`');
      if (!(atEdge && cell.start === cell.end) && count++ < keep) cells.push(cell);
    } else {
      count++;
    }
    from = i + 1;
  }
  return sawPipe ? { count, cells } : { count: 0, cells: [] };
}

/**
 * The cells of a delimited row, apart by `separator`; a cell in double quotes may hold the
 * separator and `""` for a quote (RFC 4180), and is given without its quotes.
 */
function delimitedCells(
  text: string,
  start: number,
  end: number,
  separator: string,
  keep: number,
): Row {
  const cells: Cell[] = [];
  let count = 0;
  const sep = separator.charCodeAt(0);
  if (start >= end) return { count, cells };
  let i = start;
  while (i <= end) {
    if (text.charCodeAt(i) === 34 /* " */) {
      let close = i + 1;
      for (; close < end; close++) {
        if (text.charCodeAt(close) !== 34) continue;
        if (text.charCodeAt(close + 1) === 34) close++;
        else break;
      }
      if (count++ < keep) cells.push({ start: i + 1, end: Math.min(close, end) });
      i = close + 1;
      while (i < end && text.charCodeAt(i) !== sep) i++;
      if (i >= end) break;
      i++;
      continue;
    }
    let next = i;
    while (next < end && text.charCodeAt(next) !== sep) next++;
    if (count++ < keep) cells.push(trimmed(text, i, next, ''));
    if (next >= end) break;
    i = next + 1;
  }
  return { count, cells };
}

/**
 * A delimited header's cell that can be a column's name (`password`, `API Key`,
 * `db.password`): a letter, then letters, digits, `_`, `.`, `-` and blanks, 64 characters at
 * most. Code with commas (`{ key, count, pass }`, `push(token);`), a quoted token list
 * (`" open", " pass"`) and a sentence's clauses are no header row.
 */
const HEADER_NAME = /^[A-Za-z][\w .-]{0,63}$/;
/** Most blanks in a column's name: a name of up to three words, not a clause. */
const MAX_NAME_BLANKS = 2;

function isHeaderName(text: string, cell: Cell): boolean {
  const name = text.slice(cell.start, cell.end);
  return HEADER_NAME.test(name) && isFewWords(name);
}

/** Whether a table cell's text is short enough to name a column: three words at most. */
export function isFewWords(name: string): boolean {
  let blanks = 0;
  for (let i = 0; i < name.length; i++) {
    if (name.charCodeAt(i) === 32 && ++blanks > MAX_NAME_BLANKS) return false;
  }
  return true;
}

/** `[start, end)` without blanks, a `\r` and, with `quote`, that character around it. */
function trimmed(text: string, start: number, end: number, quote: string): Cell {
  const strip = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === quote;
  while (start < end && strip(text[start]!)) start++;
  while (end > start && strip(text[end - 1]!)) end--;
  return { start, end };
}
