import { describe, expect, it } from 'vitest';
import { batchLine, LineBatchBuilder, unpackLines } from '../src/line-batch.js';
import { type LedgerLine, LineSplitter, MAX_LINE_BYTES } from '../src/line-reader.js';

/** The lines of `chunks` as the splitter decodes them. */
function decoded(chunks: Buffer[]): LedgerLine[] {
  const splitter = new LineSplitter();
  const lines: LedgerLine[] = [];
  for (const chunk of chunks) splitter.push(chunk, (line) => lines.push(line));
  return lines;
}

/** The same lines packed into batches (one per chunk, as verification does) and unpacked. */
function packed(chunks: Buffer[], capacity: number): LedgerLine[] {
  const splitter = new LineSplitter();
  const lines: LedgerLine[] = [];
  for (const chunk of chunks) {
    const builder = new LineBatchBuilder(capacity);
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
});
