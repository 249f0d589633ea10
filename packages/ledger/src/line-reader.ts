import { isUtf8 } from 'node:buffer';
import { closeSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { describe, NotRegularFileError, openRegularSync, READ_NO_WAIT } from './regular-file.js';

/** One complete (`\n`-terminated) line of a ledger file. */
export interface LedgerLine {
  /** The line's text without its `\n`, decoded as UTF-8 (empty when `notUtf8`). */
  text: string;
  /** 1-based line number. */
  number: number;
  /** Byte offset of the line's first byte in the file. */
  offset: number;
  /** Byte length of the line without its `\n`. */
  bytes: number;
  /**
   * True when the line is longer than {@link MAX_LINE_BYTES}: its bytes were not kept
   * (`text` is empty), so a damaged file without newlines cannot exhaust memory.
   */
  oversized: boolean;
  /**
   * True when the line's bytes are not valid UTF-8 (`text` is empty). Decoding them would
   * turn each bad sequence into U+FFFD, so two different byte strings would give the same
   * text (and hash): such a line is damage, never a record.
   */
  notUtf8: boolean;
}

/**
 * Longest line kept in memory (16 MiB). The ledger refuses to write a longer record
 * (large content belongs in an artifact), so a longer line is damage.
 */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

/** What followed the last `\n`: bytes of a line whose write never finished. */
export interface LineTail {
  /** Byte offset where the unterminated bytes start (= size of the complete part). */
  offset: number;
  /** How many bytes follow the last `\n` (0 when the file ends cleanly). */
  bytes: number;
}

/** Called per complete line; return nothing. */
export type OnLine = (line: LedgerLine) => void;

/** Read size: large enough for throughput, small enough to keep memory bounded. */
const CHUNK = 1 << 20;
const NEWLINE = 0x0a;

/**
 * Called per complete line with its bytes, `source[start, end)` (valid only during the
 * call), its 1-based number and its byte offset in the file. `source` is null for a line
 * longer than {@link MAX_LINE_BYTES}, whose bytes were not kept; `end - start` is still
 * its length.
 */
export type OnRawLine = (
  source: Buffer | null,
  start: number,
  end: number,
  number: number,
  offset: number,
) => void;

/**
 * Splits a byte stream into lines, chunk by chunk, holding at most one partial line in
 * memory (so a 1 GB ledger is read in bounded memory). Lines come straight from the
 * chunk, without copying, unless they span two chunks.
 */
export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private oversized = false;
  private offset = 0;
  private number = 0;

  /**
   * Feeds the next chunk; calls `onLine` for each line completed in it, decoded. The lines
   * wholly inside the chunk are checked for UTF-8 in one call, with their `\n`s (so no
   * sequence can run across two lines); only when that fails, or for a line begun in an
   * earlier chunk, is a line checked on its own.
   */
  push(chunk: Buffer, onLine: OnLine): void {
    const from = this.pendingBytes === 0 && !this.oversized ? 0 : chunk.indexOf(NEWLINE) + 1;
    const to = chunk.lastIndexOf(NEWLINE);
    const wholeLinesValid = to > from && isUtf8(chunk.subarray(from, to));
    this.pushRaw(chunk, (source, start, end, number, offset) => {
      let text = '';
      let notUtf8 = false;
      if (source !== null) {
        const checked = wholeLinesValid && source === chunk && start >= from;
        notUtf8 = !checked && !isUtf8(source.subarray(start, end));
        if (!notUtf8) text = source.toString('utf8', start, end);
      }
      onLine({ text, number, offset, bytes: end - start, oversized: source === null, notUtf8 });
    });
  }

  /** Feeds the next chunk; calls `onLine` for each line completed in it, as bytes. */
  pushRaw(chunk: Buffer, onLine: OnRawLine): void {
    let start = 0;
    let nl = chunk.indexOf(NEWLINE, start);
    while (nl !== -1) {
      const length = this.pendingBytes + (nl - start);
      this.number++;
      if (this.oversized || length > MAX_LINE_BYTES) {
        // `end - start` carries the length of a line whose bytes were not kept.
        onLine(null, 0, length, this.number, this.offset);
      } else if (this.pendingBytes > 0) {
        this.pending.push(chunk.subarray(start, nl));
        onLine(Buffer.concat(this.pending), 0, length, this.number, this.offset);
      } else {
        onLine(chunk, start, nl, this.number, this.offset);
      }
      // A new array only after a line that used one (most lines do not).
      if (this.pending.length > 0) this.pending = [];
      this.pendingBytes = 0;
      this.oversized = false;
      this.offset += length + 1;
      start = nl + 1;
      nl = chunk.indexOf(NEWLINE, start);
    }
    if (start < chunk.length) {
      this.pendingBytes += chunk.length - start;
      if (this.pendingBytes > MAX_LINE_BYTES) {
        // Count the bytes, stop keeping them.
        this.oversized = true;
        this.pending = [];
      } else {
        // Copy: the caller reuses its read buffer for the next chunk.
        this.pending.push(Buffer.from(chunk.subarray(start)));
      }
    }
  }

  /** Ends the stream: where the unterminated tail (if any) starts and how long it is. */
  end(): LineTail {
    return { offset: this.offset, bytes: this.pendingBytes };
  }
}

/** Reads `file` line by line synchronously (used on open, before the writer starts). */
export function forEachLineSync(file: string, onLine: OnLine): LineTail {
  const fd = openRegularSync(file);
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    const splitter = new LineSplitter();
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK, null);
      if (n === 0) break;
      splitter.push(buffer.subarray(0, n), onLine);
    }
    return splitter.end();
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads `file` line by line, one chunk per event-loop turn, so verifying a large ledger
 * does not block the host for its whole duration.
 */
export async function forEachLine(file: string, onLine: OnLine): Promise<LineTail> {
  const splitter = new LineSplitter();
  return forEachChunk(file, (chunk) => splitter.push(chunk, onLine), splitter);
}

/**
 * Reads `file` a chunk at a time through `splitter`; `onChunk` is awaited per chunk (a
 * caller that batches lines hands each chunk's lines on there).
 */
export async function forEachChunk(
  file: string,
  onChunk: (chunk: Buffer) => void | Promise<void>,
  splitter: LineSplitter,
): Promise<LineTail> {
  const handle = await open(file, READ_NO_WAIT);
  // The read issued ahead of the chunk being checked; settled before the handle closes.
  let reading: Promise<{ bytesRead: number }> | undefined;
  try {
    // Never a FIFO (reading one could wait forever) or a folder.
    const stat = await handle.stat();
    if (!stat.isFile()) throw new NotRegularFileError(file, describe(stat));
    // Two buffers: the next chunk is read (on libuv's pool) while this one is checked, so
    // verification never sits idle waiting for the disk or the page cache. A buffer is
    // only read into again after its chunk's `onChunk` has resolved.
    let current = Buffer.allocUnsafe(CHUNK);
    let next = Buffer.allocUnsafe(CHUNK);
    reading = handle.read(current, 0, CHUNK, null);
    for (;;) {
      const { bytesRead } = await reading;
      if (bytesRead === 0) break;
      reading = handle.read(next, 0, CHUNK, null);
      await onChunk(current.subarray(0, bytesRead));
      [current, next] = [next, current];
    }
    return splitter.end();
  } finally {
    // When `onChunk` threw, the read ahead is still in flight: its outcome no longer
    // matters, but it must not surface as an unhandled rejection.
    await reading?.catch(() => undefined);
    await handle.close();
  }
}
