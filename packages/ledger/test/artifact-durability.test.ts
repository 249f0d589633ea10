import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { artifactDir, prepareArtifactStore, storeArtifactBytes } from '../src/artifact-store.js';
import { SyncPolicy } from '../src/durability.js';
import { openLedger, readArtifact, verifyLedger } from '../src/index.js';
import { PendingArtifacts } from '../src/pending-artifacts.js';
import { pendingArtifactsOf } from './helpers/pending-artifacts.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();

describe('artifact durability follows the ledger mode', () => {
  it('pending artifacts are made durable before the ledger file, at every flush', () => {
    const order: string[] = [];
    const policy = new SyncPolicy(7, 'batch', () => {}, {
      syncFile: () => order.push('ledger'),
      beforeSync: () => order.push('artifacts'),
    });
    policy.afterWrite(true);
    policy.afterWrite(true);
    expect(order).toEqual(['artifacts', 'ledger', 'artifacts', 'ledger']);
  });

  it('without fsync an artifact is still complete and in place (temp file + rename); pending ones flush', () => {
    const runDir = tempDir();
    prepareArtifactStore(runDir);
    const bytes = new TextEncoder().encode('prompt text');
    const stored = storeArtifactBytes(runDir, bytes, false);
    expect(stored.written).toBe(true);
    expect(readFileSync(stored.path, 'utf8')).toBe('prompt text');
    expect(readdirSync(join(runDir, 'artifacts'))).toContain('sha256');
    expect(storeArtifactBytes(runDir, bytes, false).written).toBe(false);
    const pending = new PendingArtifacts(artifactDir(runDir));
    pending.add(stored.path, false);
    expect(() => pending.flush()).not.toThrow();
    expect(pending.waiting).toBe(0);
  });

  it('pending artifacts are made durable at a flush with no record unsynced (putArtifact, then flush)', () => {
    const order: string[] = [];
    const policy = new SyncPolicy(7, 'batch', () => {}, {
      syncFile: () => order.push('ledger'),
      beforeSync: () => order.push('artifacts'),
    });
    policy.syncNow();
    expect(order).toEqual(['artifacts']); // no record to sync, but the artifacts are
  });

  it.each(['batch', 'none'] as const)(
    '%s: an artifact stored and flushed is no longer pending',
    async (durability) => {
      const dir = tempDir();
      const ledger = openLedger({ dir, runId: `run-${durability}`, durability });
      await ledger.putArtifact('output text');
      const pending = pendingArtifactsOf(ledger);
      if (durability === 'none') {
        // none starts no background fsync: it waits for flush/close, like its records.
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      // (batch: its background fsync cannot have reported back before this line.)
      expect(pending.waiting).toBe(1);
      ledger.flush();
      expect(pending.waiting).toBe(0);
      await ledger.close();
    },
  );

  it("a pending artifact's fsync starts at once in the background; a flush redoes only what did not finish", async () => {
    const runDir = tempDir();
    prepareArtifactStore(runDir);
    const pending = new PendingArtifacts(artifactDir(runDir));
    const stored = storeArtifactBytes(runDir, new TextEncoder().encode('output'), false);
    pending.add(stored.path, true);
    expect(pending.waiting).toBe(1);
    for (let i = 0; pending.waiting > 0 && i < 500; i++) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    expect(pending.waiting).toBe(0);
    pending.flush(); // the folder only
    // One whose background fsync fails stays pending, and the flush says why.
    const gone = join(artifactDir(runDir), 'f'.repeat(64));
    pending.add(gone, true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pending.waiting).toBe(1);
    expect(() => pending.flush()).toThrow(/ENOENT/);
  });

  it('background fsyncs run one at a time, in the order stored; what a flush made durable is skipped', async () => {
    const runDir = tempDir();
    prepareArtifactStore(runDir);
    let running = 0;
    let most = 0;
    const synced: string[] = [];
    const pending = new PendingArtifacts(artifactDir(runDir), async (path) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 2));
      synced.push(path);
      running--;
    });
    const paths = Array.from(
      { length: 6 },
      (_, i) => storeArtifactBytes(runDir, new TextEncoder().encode(`output ${i}`), false).path,
    );
    const until = async (done: () => boolean) => {
      for (let i = 0; !done() && i < 1000; i++) {
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    };
    for (const path of paths.slice(0, 4)) pending.add(path, true);
    await until(() => synced.length > 0);
    // The second is being synced now; the flush fsyncs it and the last two here.
    pending.flush();
    expect(pending.waiting).toBe(0);
    for (const path of paths.slice(4)) pending.add(path, true);
    await until(() => pending.waiting === 0 && running === 0);
    expect(pending.waiting).toBe(0);
    expect(synced).toEqual([paths[0], paths[1], paths[4], paths[5]]);
    expect(most).toBe(1);
  });

  it.each(['strict', 'batch', 'none'] as const)(
    '%s: the artifact reads back intact and the run verifies',
    async (durability) => {
      const dir = tempDir();
      const runDir = join(dir, `run-${durability}`);
      const ledger = openLedger({ dir, runId: `run-${durability}`, durability });
      const ref = await ledger.putArtifact('output text', { mediaType: 'text/plain' });
      expect(existsSync(join(runDir, 'artifacts', 'sha256', ref.slice(-64)))).toBe(true);
      await ledger.close();
      expect((await readArtifact(runDir, ref)).toString('utf8')).toBe('output text');
      expect((await verifyLedger(runDir)).ok).toBe(true);
    },
  );
});
