import * as fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// fsync is not observable from outside the process: remember which path each fd is, and
// which paths were fsynced.
const fdPaths = new Map<number, string>();
const fsynced: string[] = [];
vi.mock('node:fs', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:fs')>();
  const openSync = (path: fs.PathLike, ...rest: unknown[]) => {
    const fd = (original.openSync as (...a: unknown[]) => number)(path, ...rest);
    fdPaths.set(fd, String(path));
    return fd;
  };
  const fsyncSync = (fd: number) => {
    fsynced.push(fdPaths.get(fd) ?? `fd ${fd}`);
    return original.fsyncSync(fd);
  };
  return { ...original, default: { ...original, openSync, fsyncSync }, openSync, fsyncSync };
});

const { openLedger } = await import('../src/index.js');
const r = await import('./helpers/records.js');
const { useTempDirs } = await import('./helpers/temp-dir.js');

const tempDir = useTempDirs();

describe('every folder openLedger creates is made durable in its parent', () => {
  it('a dir created several levels deep, and artifacts/sha256/ in artifacts/', async () => {
    const root = tempDir();
    const dir = join(root, 'a', 'b');
    fsynced.length = 0;
    const ledger = openLedger({ dir, runId: 'run-1', durability: 'strict' });
    const runDir = join(dir, 'run-1');
    // Each new folder's entry lives in its parent: a power loss could forget any of them,
    // and with them records `strict` promised were on disk.
    for (const parent of [root, join(root, 'a'), dir, runDir, join(runDir, 'artifacts')]) {
      expect(fsynced).toContain(parent);
    }
    ledger.append(r.runStart());
    await ledger.close();
  });

  it('artifacts/ recreated under an existing ledger is made durable too', async () => {
    const dir = tempDir();
    const first = openLedger({ dir, runId: 'run-1' });
    first.append(r.runStart());
    await first.detach();
    const runDir = join(dir, 'run-1');
    fs.rmSync(join(runDir, 'artifacts'), { recursive: true });
    fsynced.length = 0;
    const again = openLedger({ dir, runId: 'run-1' });
    expect(fsynced).toContain(runDir);
    expect(fsynced).toContain(join(runDir, 'artifacts'));
    await again.detach();
  });
});
