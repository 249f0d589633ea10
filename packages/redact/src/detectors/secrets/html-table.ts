import { isBlank } from '../../char-class.js';
import type { Detector } from '../../detector.js';
import type { Finding } from '../../finding.js';
import { isSensitiveKey } from '../../redactor/sensitive-keys.js';
import { isSecretValue } from './secret-value-shape.js';
import { isFewWords, MAX_COLUMNS } from './table-column.js';

/** The start of a table tag, its name (case-insensitive) whole: bounded, linear. */
const TABLE_TAG = /<(\/?)(table|thead|tbody|tfoot|tr|th|td)(?=[\s/>])/iy;

/** Longest cell read: a name or a secret is short, and a longer cell is never copied. */
const MAX_CELL_CHARS = 4096;
/** Longest cell that can name a column or a row (`Password`, `API Key`, `新密码`). */
const MAX_NAME_CHARS = 64;

/** One cell: where its content lies (between its tags), and whether it is a `<th>`. */
interface Cell {
  start: number;
  end: number;
  heading: boolean;
}

/** A cell's text (tags left out) and where it runs in the text, first to last character. */
interface CellText {
  text: string;
  start: number;
  end: number;
}

/**
 * A secret in an HTML table, in either layout a page or a pasted wiki export uses: a
 * column whose header names a credential (`<th>Password</th>` in the first row of `<th>`
 * cells, or the first row of `<thead>`), or a row whose cell names one, the next cell
 * holding it (`<tr><th>API Key</th><td>…</td></tr>`). Names are what `redactValue` masks
 * values under (`Password`, `API Key`, `client_secret`, `新密码`), in a cell of up to three
 * words; the value, its tags left out (`<code>…</code>`) and its character references
 * decoded (`&amp;`, `&nbsp;`), is judged as a Markdown table's cell is (letters with digits
 * or symbols, or random; never a word or a placeholder). The span runs from its first
 * character to its last.
 *
 * Tags are found from each `<`, and each tag's `>` by a search that only moves forward, so
 * the text is read a bounded number of times: linear.
 */
export const htmlTable: Detector = {
  id: 'html-table',
  type: 'secret',
  kind: 'generic',
  priority: 50,
  // Every cell starts with one of these.
  needles: ['<td', '<th', '<TD', '<TH', '<Td', '<Th'],
  scan(text: string, out: Finding[]): void {
    const tables = new TableReader(text, out);
    let tagEnd = -1;
    for (let lt = text.indexOf('<'); lt >= 0; lt = text.indexOf('<', lt + 1)) {
      TABLE_TAG.lastIndex = lt;
      const tag = TABLE_TAG.exec(text);
      if (tag === null) continue;
      if (tagEnd < lt) tagEnd = text.indexOf('>', lt);
      if (tagEnd < 0) break;
      tables.tag(tag[1] === '/', tag[2]!.toLowerCase(), lt, tagEnd + 1);
      lt = tagEnd;
    }
    tables.finishRow(text.length);
  },
};

/** Follows the table tags of one text in order, reporting as each row ends. */
class TableReader {
  /** The credential columns named by the current table's header row; null before one. */
  private columns: number[] | null = null;
  private cells: Cell[] = [];
  /** Cells in the current row, kept or not. */
  private count = 0;
  /** Where the open cell's content starts (-1: no cell open). */
  private cellStart = -1;
  private cellHeading = false;
  private inRow = false;
  private inHead = false;

  constructor(
    private readonly text: string,
    private readonly out: Finding[],
  ) {}

  /** A tag `<name …>` (`</name>` when `closing`) from `start` to `end` (past its `>`). */
  tag(closing: boolean, name: string, start: number, end: number): void {
    if (name === 'td' || name === 'th') {
      this.closeCell(start);
      if (!closing) {
        this.inRow = true;
        this.cellStart = end;
        this.cellHeading = name === 'th';
      }
    } else if (name === 'tr') {
      this.finishRow(start);
      this.inRow = !closing;
    } else {
      // A table, or its head or body, starts or ends: so does the row.
      this.finishRow(start);
      if (name === 'thead') this.inHead = !closing;
      if (name === 'table') {
        this.columns = null;
        this.inHead = false;
      }
    }
  }

  /** Ends the open cell at `at`, if any. */
  private closeCell(at: number): void {
    if (this.cellStart < 0) return;
    if (this.count++ < MAX_COLUMNS) {
      this.cells.push({ start: this.cellStart, end: at, heading: this.cellHeading });
    }
    this.cellStart = -1;
  }

  /** Ends the current row at `at`: a header row names columns, any other is read. */
  finishRow(at: number): void {
    this.closeCell(at);
    if (this.inRow && this.cells.length > 0) this.readRow();
    this.cells = [];
    this.count = 0;
    this.inRow = false;
  }

  private readRow(): void {
    const texts = this.cells.map((cell) => cellText(this.text, cell));
    const naming = texts.map((t) => t !== null && namesCredential(t.text));
    if (this.columns === null && (this.inHead || this.cells.every((cell) => cell.heading))) {
      this.columns = [];
      naming.forEach((names, i) => {
        if (names) this.columns!.push(i);
      });
      return;
    }
    const report = (i: number) => {
      const value = texts[i];
      if (value === undefined || value === null || naming[i]) return;
      if (isSecretValue(value.text, false, false)) {
        this.out.push({
          type: 'secret',
          kind: 'generic',
          start: value.start,
          end: value.end,
          detector: 'html-table',
        });
      }
    };
    // A row naming its own credential: the cell after the name holds it.
    naming.forEach((names, i) => {
      if (names) report(i + 1);
    });
    for (const column of this.columns ?? []) report(column);
  }
}

/** Whether a cell's text names a credential: a short name, as `redactValue` reads keys. */
function namesCredential(text: string): boolean {
  if (text.length === 0 || text.length > MAX_NAME_CHARS) return false;
  return isFewWords(text) && isSensitiveKey(text);
}

/**
 * A cell's text without its tags and the blanks around it, and where that runs in the text;
 * null for a cell too long to be a name or a secret.
 */
function cellText(text: string, { start, end }: Cell): CellText | null {
  if (end - start > MAX_CELL_CHARS) return null;
  let out = '';
  let first = -1;
  let last = -1;
  let i = start;
  while (i < end) {
    if (text.charCodeAt(i) === 60 /* < */) {
      const close = text.indexOf('>', i);
      if (close < 0 || close >= end) break;
      i = close + 1;
      continue;
    }
    const next = text.indexOf('<', i);
    const runEnd = next < 0 || next > end ? end : next;
    out += text.slice(i, runEnd);
    for (let k = i; k < runEnd; k++) {
      if (!isBlank(text.charCodeAt(k))) {
        if (first < 0) first = k;
        last = k + 1;
      }
    }
    i = runEnd;
  }
  return {
    text: decodeEntities(out).trim(),
    start: first < 0 ? start : first,
    end: last < 0 ? start : last,
  };
}

/** The character references HTML writes in a cell: `&nbsp;` is a blank, not a value. */
const ENTITY = /&(?:(nbsp|amp|lt|gt|quot|apos)|#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6}));/g;
const NAMED: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/** `text` with its common character references decoded (an invalid code point kept as it is). */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, name?: string, decimal?: string, hex?: string) => {
    if (name !== undefined) return NAMED[name]!;
    const code = decimal !== undefined ? Number(decimal) : Number.parseInt(hex!, 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
