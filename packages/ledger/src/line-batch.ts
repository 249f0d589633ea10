import { isUtf8 } from 'node:buffer';
import type { LedgerLine } from './line-reader.js';

/** Per line in {@link LineBatch.meta}: number, byte offset in the file, length, start in `bytes` (-1: oversized). */
const FIELDS = 4;

/**
 * Consecutive lines of a ledger packed for a verification thread: their bytes, each
 * followed by its `\n` (so the whole batch can be checked for UTF-8 in one call and no
 * sequence can run from one line into the next), and four numbers per line (two typed
 * arrays: cheap to send to another thread).
 */
export interface LineBatch {
  bytes: Uint8Array;
  meta: Float64Array;
}

/** Packs the lines of one chunk (or a few) into a {@link LineBatch}. */
export class LineBatchBuilder {
  private bytes: Buffer;
  private used = 0;
  private meta: number[] = [];

  constructor(capacity: number) {
    this.bytes = Buffer.allocUnsafeSlow(capacity);
  }

  get lines(): number {
    return this.meta.length / FIELDS;
  }

  /** Adds a line, as a splitter hands it over (see `OnRawLine`). */
  add(source: Buffer | null, start: number, end: number, number: number, offset: number): void {
    const length = end - start;
    if (source === null) {
      this.meta.push(number, offset, length, -1);
      return;
    }
    if (this.used + length + 1 > this.bytes.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(this.bytes.length * 2, this.used + length + 1));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    source.copy(this.bytes, this.used, start, end);
    this.meta.push(number, offset, length, this.used);
    this.used += length;
    this.bytes[this.used++] = NEWLINE;
  }

  /** The batch; the builder is not used again. */
  build(): LineBatch {
    return {
      bytes: new Uint8Array(this.bytes.buffer, this.bytes.byteOffset, this.used),
      meta: Float64Array.from(this.meta),
    };
  }
}

const NEWLINE = 0x0a;

/**
 * The lines of a batch, decoded. The batch is checked for UTF-8 in one call; only when
 * that fails is each line checked on its own (see `LedgerLine.notUtf8`).
 */
export function unpackLines(batch: LineBatch): LedgerLine[] {
  const bytes = Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.byteLength);
  const allValid = isUtf8(bytes);
  const meta = batch.meta;
  const lines: LedgerLine[] = [];
  for (let i = 0; i < meta.length; i += FIELDS) {
    const length = meta[i + 2]!;
    const start = meta[i + 3]!;
    const oversized = start < 0;
    const notUtf8 = !oversized && !allValid && !isUtf8(bytes.subarray(start, start + length));
    lines.push({
      text: oversized || notUtf8 ? '' : bytes.toString('utf8', start, start + length),
      number: meta[i]!,
      offset: meta[i + 1]!,
      bytes: length,
      oversized,
      notUtf8,
    });
  }
  return lines;
}

/** Where line `i` of a batch is: its number, byte offset and length. */
export function batchLine(batch: LineBatch, i: number): LinePosition {
  const at = i * FIELDS;
  return { number: batch.meta[at]!, offset: batch.meta[at + 1]!, bytes: batch.meta[at + 2]! };
}

/** Where a line is in the file. */
export type LinePosition = Pick<LedgerLine, 'number' | 'offset' | 'bytes'>;
