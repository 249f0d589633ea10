import { describe, expect, it } from 'vitest';
import { LedgerClosedError, openLedger } from '../src/index.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();

/** The error `fn` throws (or its promise rejects with). */
async function thrownBy(fn: () => unknown): Promise<Error> {
  try {
    await fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('LEDGER_CLOSED says what to do next, and it works', () => {
  it('after close() (the run ended): start a new run, since openLedger refuses the ended one', async () => {
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-1' });
    ledger.append(r.runStart());
    await ledger.close();
    for (const fn of [() => ledger.append(r.runStart()), () => ledger.putArtifact('x')]) {
      const error = await thrownBy(fn);
      expect(error).toBeInstanceOf(LedgerClosedError);
      expect(error.message).toMatch(/start a new run/);
      // Opening it again, as the old message said, only fails again.
      expect(error.message).not.toMatch(/Open it again/);
    }
    const reopen = await thrownBy(() => openLedger({ dir, runId: 'run-1' }));
    expect(reopen).toBeInstanceOf(LedgerClosedError);
    expect(reopen.message).toMatch(/start a new run/);
    expect(reopen.message).not.toMatch(/Open it again/);
  });

  it('after detach() (the run goes on): open it again, and that works', async () => {
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-1' });
    ledger.append(r.runStart());
    await ledger.detach();
    const error = await thrownBy(() => ledger.append(r.runStart()));
    expect(error).toBeInstanceOf(LedgerClosedError);
    expect(error.message).toMatch(/Open it again with openLedger\(\)/);
    const again = openLedger({ dir, runId: 'run-1' });
    expect(again.records).toBe(1);
    await again.close();
  });
});
