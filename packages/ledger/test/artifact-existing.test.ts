import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { pendingArtifactsOf } from './helpers/pending-artifacts.js';

// fsync is not observable from outside the process: count the calls.
vi.mock('node:fs', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:fs')>();
  return { ...original, default: original, fsyncSync: vi.fn(original.fsyncSync) };
});

const { ArtifactNotFoundError, openLedger, verifyLedger } = await import('../src/index.js');
const r = await import('./helpers/records.js');
const { useTempDirs } = await import('./helpers/temp-dir.js');

const tempDir = useTempDirs();
const fsync = fs.fsyncSync as unknown as ReturnType<typeof vi.fn>;

/** A run folder holding, at the address of `content`, what a crashed writer left: `left`. */
function leftOver(content: string, left: string) {
  const dir = tempDir();
  const hex = createHash('sha256').update(content).digest('hex');
  const path = join(dir, 'run-1', 'artifacts', 'sha256', hex);
  fs.mkdirSync(join(dir, 'run-1', 'artifacts', 'sha256'), { recursive: true });
  fs.writeFileSync(path, left);
  return { dir, path, ref: `artifact://sha256:${hex}` };
}

describe('content already at its address is checked, not trusted', () => {
  it.each([
    ['empty', ''],
    ['short', 'prompt bo'],
    ['same size, other bytes', 'prompt bodZ'],
  ])('a %s file there is replaced by the content', async (_, left) => {
    const { dir, path } = leftOver('prompt body', left);
    const ledger = openLedger({ dir, runId: 'run-1', durability: 'strict' });
    const ref = await ledger.putArtifact('prompt body');
    expect((await ledger.readArtifact(ref)).toString()).toBe('prompt body');
    expect(fs.readFileSync(path, 'utf8')).toBe('prompt body');
    await ledger.detach();
  });

  it('strict: the same content found there is fsynced before putArtifact returns', async () => {
    const { dir, path } = leftOver('prompt body', 'prompt body');
    const ledger = openLedger({ dir, runId: 'run-1', durability: 'strict' });
    fsync.mockClear();
    await ledger.putArtifact('prompt body');
    expect(fsync.mock.calls.length).toBeGreaterThan(0);
    expect(fs.readFileSync(path, 'utf8')).toBe('prompt body');
    await ledger.detach();
  });

  it.each(['batch', 'none'] as const)(
    '%s: the same content found there is queued for the next flush',
    async (durability) => {
      const { dir } = leftOver('prompt body', 'prompt body');
      const ledger = openLedger({ dir, runId: 'run-1', durability });
      const pending = pendingArtifactsOf(ledger);
      await ledger.putArtifact('prompt body');
      // (batch: its background fsync cannot have reported back before this line.)
      expect(pending.waiting).toBe(1);
      fsync.mockClear();
      ledger.flush();
      expect(pending.waiting).toBe(0);
      expect(fsync.mock.calls.length).toBeGreaterThan(0);
      await ledger.close();
    },
  );
});

describe('a record naming content at its address that this writer did not store', () => {
  it.each([
    ['empty', ''],
    ['short', 'prompt bo'],
    ['same size, other bytes', 'prompt bodZ'],
  ])('is refused when the file there is %s, until putArtifact stores it again', async (_, left) => {
    const { dir, path, ref } = leftOver('prompt body', left);
    const ledger = openLedger({ dir, runId: 'run-1', durability: 'strict' });
    let error: unknown;
    try {
      ledger.append(r.response(1, ref));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ArtifactNotFoundError);
    expect((error as Error).message).toMatch(/is damaged.*putArtifact\(\)/);
    expect(ledger.records).toBe(0);
    // Refused again (not remembered as stored), and accepted once stored properly.
    expect(() => ledger.append(r.response(1, ref))).toThrow(ArtifactNotFoundError);
    expect(await ledger.putArtifact('prompt body')).toBe(ref);
    expect(fs.readFileSync(path, 'utf8')).toBe('prompt body');
    ledger.append(r.response(1, ref));
    await ledger.close();
    expect((await verifyLedger(join(dir, 'run-1'))).ok).toBe(true);
  });

  it('a folder there is refused too', () => {
    const { dir, path, ref } = leftOver('prompt body', '');
    fs.rmSync(path);
    fs.mkdirSync(path);
    const ledger = openLedger({ dir, runId: 'run-1', durability: 'none' });
    expect(() => ledger.append(r.response(1, ref))).toThrow(/is damaged/);
    expect(ledger.records).toBe(0);
  });

  it('strict: intact content found there is fsynced before the record, once per ref', async () => {
    const { dir, ref } = leftOver('prompt body', 'prompt body');
    const ledger = openLedger({ dir, runId: 'run-1', durability: 'strict' });
    const read = vi.spyOn(fs, 'readSync');
    fsync.mockClear();
    ledger.append(r.response(1, ref));
    expect(fsync.mock.calls.length).toBeGreaterThan(0);
    const reads = read.mock.calls.length;
    expect(reads).toBeGreaterThan(0);
    fsync.mockClear();
    ledger.append(r.response(2, ref));
    ledger.append(r.response(3, ref));
    // Checked and made durable once: later records naming it cost no read, no fsync.
    expect(read.mock.calls.length).toBe(reads);
    if (fs.constants.O_DSYNC !== undefined) expect(fsync.mock.calls.length).toBe(0);
    read.mockRestore();
    await ledger.close();
  });

  it.each(['batch', 'none'] as const)(
    '%s: intact content found there is queued for the next flush',
    async (durability) => {
      const { dir, ref } = leftOver('prompt body', 'prompt body');
      const ledger = openLedger({ dir, runId: 'run-1', durability });
      const pending = pendingArtifactsOf(ledger);
      ledger.append(r.response(1, ref));
      expect(pending.waiting).toBe(1);
      ledger.append(r.response(2, ref));
      expect(pending.waiting).toBe(1);
      fsync.mockClear();
      ledger.flush();
      expect(pending.waiting).toBe(0);
      expect(fsync.mock.calls.length).toBeGreaterThan(0);
      await ledger.close();
    },
  );
});
