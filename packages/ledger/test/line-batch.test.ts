import { describe, expect, it } from 'vitest';
import {
  batchLine,
  endsLineInside,
  LineBatchBuilder,
  SharedBufferPool,
  unpackLines,
} from '../src/line-batch.js';
import { type LedgerLine, LineSplitter, MAX_LINE_BYTES } from '../src/line-reader.js';

/** The lines of `chunks` as the splitter decodes them. */
function decoded(chunks: Buffer[]): LedgerLine[] {
  const splitter = new LineSplitter();
  const lines: LedgerLine[] = [];
  for (const chunk of chunks) splitter.push(chunk, (line) => lines.push(line));
  return lines;
}

/** The same lines packed into batches (one per chunk, as verification does) and unpacked. */
function packed(chunks: Buffer[], capacity: number, pool: SharedBufferPool | null = null) {
  const splitter = new LineSplitter();
  const lines: LedgerLine[] = [];
  for (const chunk of chunks) {
    const builder = new LineBatchBuilder(capacity, pool);
    splitter.pushRaw(chunk, (source, start, end, number, offset) =>
      builder.add(source, start, end, number, offset),
    );
    const batch = builder.build();
    const unpacked = unpackLines(batch);
    for (const [i, line] of unpacked.entries()) {
      expect(batchLine(batch, i)).toEqual({
        number: line.number,
        offset: line.offset,
        bytes: line.bytes,
      });
    }
    lines.push(...unpacked);
    pool?.give(batch);
  }
  return lines;
}

describe('line batches (what helper threads are sent)', () => {
  it('carry every line, position and oversized mark the splitter sees, growing as needed', () => {
    const text = [
      '{"a":1}',
      'é'.repeat(3000), // multi-byte, longer than the builder's capacity
      '',
      'x'.repeat(MAX_LINE_BYTES + 5), // oversized: kept as a mark, not bytes
      'tail',
    ].join('\n');
    const bytes = Buffer.from(`${text}\n`);
    // Chunks cut mid-line and mid-character.
    const chunks = [bytes.subarray(0, 5), bytes.subarray(5, 4001), bytes.subarray(4001)];
    const expected = decoded(chunks);
    expect(expected.map((l) => l.oversized)).toEqual([false, false, false, true, false]);
    expect(packed(chunks, 64)).toEqual(expected);
  });

  it('reuse pooled memory without carrying bytes from one batch into the next', () => {
    const pool = new SharedBufferPool();
    const first = new LineBatchBuilder(64, pool);
    first.add(Buffer.from('a long first line, longer than the next\n'), 0, 39, 1, 0);
    const old = first.build();
    pool.give(old);
    const second = new LineBatchBuilder(16, pool);
    second.add(Buffer.from('short\n'), 0, 5, 2, 40);
    const batch = second.build();
    expect(batch.bytes.buffer).toBe(old.bytes.buffer);
    expect(unpackLines(batch).map((l) => l.text)).toEqual(['short']);
    // Lines cut into chunks of every size, packed through one pool, read back the same.
    const bytes = Buffer.from('{"a":1}\n\nééé\n{"b":[2,3]}\nlast line\n');
    for (let size = 1; size <= bytes.length; size++) {
      const chunks: Buffer[] = [];
      for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
      expect(packed(chunks, 8, pool)).toEqual(decoded(chunks));
    }
  });

  it('say whether a line ends exactly at a byte offset (where a checkpoint ends)', () => {
    const builder = new LineBatchBuilder(64);
    const source = Buffer.from('abc\ndefgh\n');
    builder.add(source, 0, 3, 5, 100);
    builder.add(source, 4, 9, 6, 104);
    const batch = builder.build();
    expect([104, 110].map((size) => endsLineInside(batch, size))).toEqual([true, true]);
    expect([null, 100, 103, 109, 111].map((size) => endsLineInside(batch, size))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
