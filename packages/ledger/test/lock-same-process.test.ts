import { describe, expect, it } from 'vitest';
import { LedgerLockedError, openLedger } from '../src/index.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();

describe('a run opened twice in one process', () => {
  it('says this process holds it (close or detach that ledger), not to wait for or delete the lock', async () => {
    const dir = tempDir();
    const first = openLedger({ dir, runId: 'run-1' });
    let error: unknown;
    try {
      openLedger({ dir, runId: 'run-1' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LedgerLockedError);
    const message = (error as Error).message;
    expect(message).toMatch(/this process/);
    expect(message).toMatch(/close\(\) or detach\(\)/);
    // Deleting the lock, as the message said for a gone holder, would let two writers in.
    expect(message).not.toMatch(/delete the lock file/);
    await first.detach();
    await openLedger({ dir, runId: 'run-1' }).detach();
  });
});
