import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forEachLine, forEachLineSync, type LedgerLine, LineSplitter } from '../src/line-reader.js';
import { descriptorsOn } from './helpers/files.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();

describe('line reader (streaming, bounded memory)', () => {
  it('yields the same lines, numbers and byte offsets however the bytes are chunked', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary', maxLength: 40 }).map((s) => s.replaceAll('\n', ' '))),
        fc.string({ maxLength: 10 }).map((s) => s.replaceAll('\n', ' ')),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1 }),
        (lines, tail, sizes) => {
          const bytes = Buffer.from(lines.map((l) => `${l}\n`).join('') + tail);
          const splitter = new LineSplitter();
          const seen: LedgerLine[] = [];
          let at = 0;
          for (let i = 0; at < bytes.length; i++) {
            const size = sizes[i % sizes.length]!;
            splitter.push(bytes.subarray(at, at + size), (line) => seen.push(line));
            at += size;
          }
          expect(seen.map((l) => l.text)).toEqual(lines);
          let offset = 0;
          seen.forEach((line, i) => {
            expect(line.number).toBe(i + 1);
            expect(line.offset).toBe(offset);
            expect(line.bytes).toBe(Buffer.byteLength(lines[i]!));
            offset += line.bytes + 1;
          });
          expect(splitter.end()).toEqual({ offset, bytes: Buffer.byteLength(tail) });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads files larger than its 1 MiB buffer the same way, sync and async', async () => {
    const file = join(tempDir(), 'big.jsonl');
    const lines = Array.from(
      { length: 30_000 },
      (_, i) => `{"n":${i},"pad":"${'é'.repeat(i % 90)}"}`,
    );
    writeFileSync(file, `${lines.join('\n')}\n{"torn"`);
    const sync: string[] = [];
    const asyncLines: string[] = [];
    const tailSync = forEachLineSync(file, (line) => sync.push(line.text));
    const tailAsync = await forEachLine(file, (line) => asyncLines.push(line.text));
    expect(sync).toEqual(lines);
    expect(asyncLines).toEqual(lines);
    expect(tailSync).toEqual(tailAsync);
    expect(tailSync.bytes).toBe('{"torn"'.length);
  });

  it('stops with the error a line handler throws, and closes the file, while the next read is in flight', async () => {
    const file = join(tempDir(), 'big.jsonl');
    // Three 1 MiB chunks: the throw comes while the next chunk's read is already issued.
    writeFileSync(file, `${'x'.repeat(1023)}\n`.repeat(3 * 1024));
    let seen = 0;
    const stopAt = 1500;
    await expect(
      forEachLine(file, () => {
        if (++seen === stopAt) throw new Error('handler gave up');
      }),
    ).rejects.toThrow('handler gave up');
    expect(seen).toBe(stopAt);
    expect(descriptorsOn(file)).toEqual([]);
  });
});
