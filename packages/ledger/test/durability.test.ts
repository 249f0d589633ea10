import { constants, existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BATCH_DELAY_MS, DEFAULT_BATCH_RECORDS, SyncPolicy } from '../src/durability.js';
import { openLedger } from '../src/index.js';
import { descriptorsOn } from './helpers/files.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

/** A SyncPolicy whose flushes are counted instead of hitting a disk. */
function counted(option: ConstructorParameters<typeof SyncPolicy>[1]) {
  const flushes: number[] = [];
  let written = 0;
  const policy = new SyncPolicy(42, option, () => {}, {
    syncFile: () => flushes.push(written),
  });
  return {
    policy,
    flushes,
    write(force = false) {
      written++;
      policy.afterWrite(force);
    },
  };
}

describe('durability modes (when fdatasync happens)', () => {
  it('strict: after every record', () => {
    const s = counted('strict');
    for (let i = 0; i < 3; i++) s.write();
    expect(s.flushes).toEqual([1, 2, 3]);
  });

  it('batch: every maxRecords records, and maxDelayMs after the first unsynced one', async () => {
    const s = counted({ mode: 'batch', maxRecords: 3, maxDelayMs: 10 });
    for (let i = 0; i < 7; i++) s.write();
    expect(s.flushes).toEqual([3, 6]);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(s.flushes).toEqual([3, 6, 7]); // the window closed on the 7th
    s.policy.dispose();
  });

  it('batch defaults: 512 records or 100 ms', () => {
    expect([DEFAULT_BATCH_RECORDS, DEFAULT_BATCH_DELAY_MS]).toEqual([512, 100]);
    const s = counted(undefined);
    expect(s.policy.mode).toBe('batch');
    for (let i = 0; i < 512; i++) s.write();
    expect(s.flushes).toEqual([512]);
    s.policy.dispose();
  });

  it('none: only when asked; a forced record syncs in any mode', () => {
    const s = counted('none');
    s.write();
    s.write();
    expect(s.flushes).toEqual([]);
    s.write(true); // append(r, { sync: true })
    expect(s.flushes).toEqual([3]);
    s.write();
    s.policy.syncNow(); // flush() / close()
    s.policy.syncNow(); // nothing new: no second flush
    expect(s.flushes).toEqual([3, 4]);
  });

  it('a failed flush is reported and rethrown', () => {
    let failed = false;
    const policy = new SyncPolicy(
      42,
      'strict',
      () => {
        failed = true;
      },
      {
        syncFile: () => {
          throw new Error('EIO');
        },
      },
    );
    expect(() => policy.afterWrite(false)).toThrow('EIO');
    expect(failed).toBe(true);
  });
});

describe('a failing timer flush', () => {
  it('is reported through onError and never thrown into the event loop', async () => {
    let failed = 0;
    const policy = new SyncPolicy(
      42,
      { mode: 'batch', maxDelayMs: 1 },
      () => {
        failed++;
      },
      {
        syncFile: () => {
          throw new Error('EIO');
        },
      },
    );
    policy.afterWrite(false);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(failed).toBe(1);
  });
});

/** The open flags of this process's descriptor on `file` (Linux: /proc/self/fdinfo). */
function openFlags(file: string): number {
  const [fd] = descriptorsOn(file);
  if (fd === undefined) throw new Error(`${file} is not open`);
  const info = readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8');
  return Number.parseInt(/^flags:\s+([0-7]+)$/m.exec(info)![1]!, 8);
}

describe.runIf(existsSync('/proc/self/fdinfo'))('the ledger file descriptor', () => {
  const tempDir = useTempDirs();

  it('strict opens the ledger with O_DSYNC (each write durable on return); batch does not', async () => {
    for (const [mode, dsync] of [
      ['strict', constants.O_DSYNC],
      ['batch', 0],
    ] as const) {
      const dir = tempDir();
      const ledger = openLedger({ dir, runId: 'run-1', durability: mode });
      ledger.append(r.alert());
      expect(openFlags(ledger.file) & constants.O_DSYNC).toBe(dsync);
      expect(openFlags(ledger.file) & constants.O_APPEND).toBe(constants.O_APPEND);
      await ledger.close();
    }
  });
});
