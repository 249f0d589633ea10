import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LedgerCorruptError, MAX_LINE_BYTES, openLedger, verifyLedger } from '../src/index.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();

// A crash mid-write leaves part of one line; no line is longer than MAX_LINE_BYTES.
describe('an unterminated tail longer than any line', () => {
  it('is refused on open, the file left as it was, and verify words it as no crash', async () => {
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-1' });
    ledger.append(r.request('run-1', 1));
    await ledger.detach();
    const runDir = join(dir, 'run-1');
    const file = join(runDir, 'ledger.jsonl');
    appendFileSync(file, Buffer.alloc(MAX_LINE_BYTES + 1, 0x61));
    const before = readFileSync(file);

    const error = (() => {
      try {
        openLedger({ dir, runId: 'run-1' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(LedgerCorruptError);
    expect((error as Error).message).toContain('not a crash mid-write');
    expect(readFileSync(file).equals(before)).toBe(true);

    const { problems } = await verifyLedger(runDir);
    expect(problems.map((p) => p.kind)).toEqual(['torn_tail']);
    expect(problems[0]!.message).toContain('more than any record line can be');
  });

  it('of exactly one line at most is still cut off as a crash', async () => {
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-1' });
    ledger.append(r.request('run-1', 1));
    await ledger.detach();
    appendFileSync(join(dir, 'run-1', 'ledger.jsonl'), Buffer.alloc(MAX_LINE_BYTES, 0x61));
    const reopened = openLedger({ dir, runId: 'run-1' });
    await reopened.close();
    expect((await verifyLedger(join(dir, 'run-1'))).ok).toBe(true);
  });
});
