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

/**
 * Packs the lines of one chunk (or a few) into a {@link LineBatch}. Lines that follow each
 * other in one source buffer are copied together, with the `\n`s between them, when the
 * next line comes from elsewhere or at {@link build}: so `add` keeps `source` until then,
 * and the caller must call `build` before changing its bytes (a splitter's read buffer is
 * refilled only after its chunk is handed on).
 */
export class LineBatchBuilder {
  private bytes: Buffer;
  private used = 0;
  private meta: number[] = [];
  /** Lines of `runSource[runStart, runEnd)` not copied yet, going to `bytes[runAt…]`. */
  private runSource: Buffer | null = null;
  private runStart = 0;
  private runEnd = 0;
  private runAt = 0;

  /** @param capacity bytes to start with; taken from `pool` when one is given. */
  constructor(
    capacity: number,
    private readonly pool: SharedBufferPool | null = null,
  ) {
    this.bytes = pool?.take(capacity) ?? sharedBuffer(capacity);
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
    if (source !== this.runSource || start !== this.runEnd + 1) {
      this.copyRun();
      this.runSource = source;
      this.runStart = start;
      this.runAt = this.used;
    }
    this.runEnd = end;
    this.meta.push(number, offset, length, this.used);
    this.used += length + 1;
  }

  /** The batch; the builder is not used again. */
  build(): LineBatch {
    this.copyRun();
    return {
      bytes: new Uint8Array(this.bytes.buffer, this.bytes.byteOffset, this.used),
      meta: Float64Array.from(this.meta),
    };
  }

  /** Copies the pending lines, and the `\n` ending the last of them. */
  private copyRun(): void {
    const source = this.runSource;
    if (source === null) return;
    const length = this.runEnd - this.runStart;
    if (this.runAt + length + 1 > this.bytes.length) {
      const grown = sharedBuffer(Math.max(this.bytes.length * 2, this.runAt + length + 1));
      this.bytes.copy(grown, 0, 0, this.runAt);
      this.pool?.give(this.bytes);
      this.bytes = grown;
    }
    source.copy(this.bytes, this.runAt, this.runStart, this.runEnd);
    this.bytes[this.runAt + length] = NEWLINE;
    this.runSource = null;
  }
}

/** Most buffers a pool keeps (the batches in flight at once, with room to spare). */
const MAX_POOLED = 16;

/**
 * Batch memory to reuse: a fresh buffer costs a page fault per 4 KiB page on first
 * touch, which on a VM costs as much as copying the lines into it. A batch's buffer goes
 * back once its result is in (nobody reads it after that).
 */
export class SharedBufferPool {
  private readonly free: Buffer[] = [];

  /** A buffer of at least `bytes` bytes. */
  take(bytes: number): Buffer {
    const index = this.free.findIndex((buffer) => buffer.length >= bytes);
    return index < 0 ? sharedBuffer(bytes) : this.free.splice(index, 1)[0]!;
  }

  /** Takes back the buffer of a batch that no thread reads any more. */
  give(buffer: Buffer | LineBatch): void {
    const whole = Buffer.isBuffer(buffer) ? buffer : Buffer.from(buffer.bytes.buffer);
    if (this.free.length < MAX_POOLED) this.free.push(whole);
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

/** True when one of the batch's lines ends (its `\n` included) exactly at byte `size`. */
export function endsLineInside(batch: LineBatch, size: number | null): boolean {
  if (size === null) return false;
  const meta = batch.meta;
  for (let at = 0; at < meta.length; at += FIELDS) {
    if (meta[at + 1]! + meta[at + 2]! + 1 === size) return true;
  }
  return false;
}

/**
 * Memory for a batch's bytes that a helper thread reads in place: posting a batch copies
 * only its few numbers, and the calling thread can still check the batch itself if the
 * helper dies holding it.
 */
function sharedBuffer(bytes: number): Buffer {
  return Buffer.from(new SharedArrayBuffer(bytes));
}
