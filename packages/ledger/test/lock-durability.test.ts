import type * as fs from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// fsync is not observable from outside the process: log opens, fsyncs and links in order.
const fdPaths = new Map<number, string>();
const calls: string[] = [];
vi.mock('node:fs', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:fs')>();
  const openSync = (path: fs.PathLike, ...rest: unknown[]) => {
    const fd = (original.openSync as (...a: unknown[]) => number)(path, ...rest);
    fdPaths.set(fd, String(path));
    return fd;
  };
  const fsyncSync = (fd: number) => {
    calls.push(`fsync ${basename(fdPaths.get(fd) ?? '?')}`);
    return original.fsyncSync(fd);
  };
  const linkSync = (from: fs.PathLike, to: fs.PathLike) => {
    calls.push(`link ${basename(String(to))}`);
    return original.linkSync(from, to);
  };
  const mocked = { openSync, fsyncSync, linkSync };
  return { ...original, default: { ...original, ...mocked }, ...mocked };
});

const { openLedger } = await import('../src/index.js');
const { useTempDirs } = await import('./helpers/temp-dir.js');

const tempDir = useTempDirs();

describe('the writer lock', () => {
  it('is on disk before its name: a power loss never leaves an empty ledger.lock', async () => {
    // An empty lock names no holder, so it can never be judged stale (another boot id):
    // after a power loss every open of the run failed with LEDGER_LOCKED until someone
    // deleted it by hand.
    calls.length = 0;
    const ledger = openLedger({ dir: tempDir(), runId: 'run-1' });
    const link = calls.indexOf('link ledger.lock');
    expect(link).toBeGreaterThan(0);
    expect(calls.slice(0, link).some((c) => /^fsync ledger\.lock\.\d+\./.test(c))).toBe(true);
    await ledger.detach();
  });
});
