import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LedgerCorruptError, openLedger, readLedger, verifyLedger } from '../src/index.js';
import { LineBatchBuilder, unpackLines } from '../src/line-batch.js';
import { type LedgerLine, LineSplitter } from '../src/line-reader.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();

/**
 * A closed, signed run whose run_start holds U+FFFD, then that character's three bytes
 * replaced by three others that are not UTF-8 (a cut 4-byte sequence), which a lenient
 * decoder also turns into U+FFFD: same text, same hash, different bytes.
 */
async function editedRun() {
  const dir = tempDir();
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const ledger = openLedger({ dir, runId: 'run-1', signer: { privateKey } });
  ledger.append(r.runStart({ provider: 'offline', note: 'caf\uFFFD' }));
  ledger.append(r.request('run-1', 1));
  await ledger.detach();
  const runDir = join(dir, 'run-1');
  const file = join(runDir, 'ledger.jsonl');
  const bytes = readFileSync(file);
  const at = bytes.indexOf(Buffer.from([0xef, 0xbf, 0xbd]));
  expect(at).toBeGreaterThan(0);
  bytes.set([0xf0, 0x9f, 0x98], at);
  expect(bytes.toString('utf8')).toBe(readFileSync(file, 'utf8')); // decodes the same
  writeFileSync(file, bytes);
  return { dir, runDir, publicKey };
}

describe('a line that is not valid UTF-8 is damage', () => {
  it.each([0, 1])('verifyLedger reports it as bad_json (workers: %i)', async (workers) => {
    const { runDir, publicKey } = await editedRun();
    const result = await verifyLedger(runDir, { publicKey, workers });
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toMatchObject({ kind: 'bad_json', line: 1 });
    expect(result.problems[0]!.message).toMatch(/not valid UTF-8/);
  });

  it('openLedger and readLedger refuse it', async () => {
    const { dir, runDir } = await editedRun();
    expect(() => openLedger({ dir, runId: 'run-1' })).toThrow(LedgerCorruptError);
    await expect(readLedger(runDir, () => {})).rejects.toThrow(/not valid UTF-8/);
  });

  it('the splitter and the helper batches find the bad line however the chunks fall', () => {
    const good = Buffer.from('{"é":"ü"}');
    const bad = Buffer.from([0x7b, 0xc3, 0x7d]); // a lead byte with no continuation
    // A sequence cut by a line end: each line alone is bad, the two glued together are not.
    const cutA = Buffer.from([0x61, 0xe2, 0x82]);
    const cutB = Buffer.from([0xac, 0x62]);
    const nl = Buffer.from('\n');
    const all = Buffer.concat([good, nl, bad, nl, good, nl, cutA, nl, cutB, nl, good, nl]);
    const expected = [false, true, false, true, true, false];
    for (let cut = 1; cut < all.length; cut++) {
      const chunks = [all.subarray(0, cut), all.subarray(cut)];
      const splitter = new LineSplitter();
      const lines: LedgerLine[] = [];
      for (const chunk of chunks) splitter.push(chunk, (line) => lines.push(line));
      expect(lines.map((l) => l.notUtf8)).toEqual(expected);
      expect(lines.filter((l) => !l.notUtf8).map((l) => l.text)).toEqual([
        '{"é":"ü"}',
        '{"é":"ü"}',
        '{"é":"ü"}',
      ]);
      const raw = new LineSplitter();
      const unpacked: LedgerLine[] = [];
      for (const chunk of chunks) {
        const builder = new LineBatchBuilder(8);
        raw.pushRaw(chunk, (source, start, end, number, offset) =>
          builder.add(source, start, end, number, offset),
        );
        unpacked.push(...unpackLines(builder.build()));
      }
      expect(unpacked).toEqual(lines);
    }
  });
});
