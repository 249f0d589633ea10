import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleFromSources } from '../../../test/support/source-bundle.js';
import { openLedger } from '../src/index.js';
import { ledgerLines } from './helpers/files.js';
import { runStart } from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();
const child = await bundleFromSources(
  fileURLToPath(new URL('./helpers/write-failure-child.ts', import.meta.url)),
);

/**
 * Root passes every permission check: a child that must meet them runs without the
 * capabilities that let it (util-linux `setpriv`), as root still, so it can read this
 * checkout wherever it lies (a child run as nobody could not in a clone under a 0700 folder).
 */
const dropRootOverride =
  process.getuid?.() === 0 ? 'setpriv --bounding-set=-dac_override,-dac_read_search -- ' : '';

/** Runs the child's step, under a file-size limit or meeting permission checks when asked. */
function runStep(args: string[], options: { ulimitFileKb?: number; permissions?: boolean } = {}) {
  const command = [process.execPath, child, ...args].map((a) => `'${a}'`).join(' ');
  const limit = options.ulimitFileKb === undefined ? '' : `ulimit -f ${options.ulimitFileKb}; `;
  const result = spawnSync(
    'sh',
    ['-c', `${limit}exec ${options.permissions ? dropRootOverride : ''}${command}`],
    { encoding: 'utf8', timeout: 30_000 },
  );
  const last = result.stdout.trim().split('\n').at(-1) ?? '';
  if (last === '')
    throw new Error(`the child said nothing (status ${result.status}): ${result.stderr}`);
  return JSON.parse(last) as {
    failed: boolean;
    pm?: boolean;
    code?: string;
    errno?: string;
    message?: string;
  };
}

describe('writes that fail surface as PmErrors that say what to do', () => {
  it.skipIf(process.platform === 'win32')(
    'openLedger on a run directory the process may not write: LEDGER_WRITE_FAILED naming the folder, no lock draft left',
    async () => {
      const dir = tempDir();
      await openLedger({ dir, runId: 'run-1' }).detach();
      const runDir = join(dir, 'run-1');
      chmodSync(runDir, 0o555);
      try {
        const result = runStep([dir, 'run-1', 'open'], { permissions: true });
        expect(result).toMatchObject({ failed: true, pm: true, code: 'LEDGER_WRITE_FAILED' });
        expect(result.message).toContain(runDir);
        expect(result.message).toContain('EACCES');
        expect(result.message).toMatch(/permission/);
      } finally {
        chmodSync(runDir, 0o755);
      }
      expect(readdirSync(runDir).filter((n) => n.startsWith('ledger.lock'))).toEqual([]);
    },
  );

  it.skipIf(process.platform === 'win32')(
    'openLedger where no byte can be written (a file-size limit of 0, as a full disk): LEDGER_WRITE_FAILED, no lock draft left',
    () => {
      const dir = tempDir();
      const result = runStep([dir, 'run-1', 'open'], { ulimitFileKb: 0 });
      expect(result).toMatchObject({
        failed: true,
        pm: true,
        code: 'LEDGER_WRITE_FAILED',
        errno: 'EFBIG',
      });
      expect(result.message).toContain('EFBIG');
      // The lock is written under a private name first: a failed write must not leave it.
      expect(readdirSync(join(dir, 'run-1')).filter((n) => n.startsWith('ledger.lock'))).toEqual(
        [],
      );
    },
  );

  it.skipIf(process.platform === 'win32')(
    'a torn tail that cannot be cut off (ledger.jsonl read-only): LEDGER_WRITE_FAILED naming the file, not a bare EACCES',
    async () => {
      const dir = tempDir();
      const ledger = openLedger({ dir, runId: 'run-1' });
      ledger.append(runStart());
      await ledger.detach();
      const runDir = join(dir, 'run-1');
      appendFileSync(join(runDir, 'ledger.jsonl'), '{"data":');
      chmodSync(dir, 0o777);
      chmodSync(runDir, 0o777);
      chmodSync(join(runDir, 'ledger.jsonl'), 0o444);
      const result = runStep([dir, 'run-1', 'open'], { permissions: true });
      expect(result).toMatchObject({ failed: true, pm: true, code: 'LEDGER_WRITE_FAILED' });
      expect(result.message).toContain(join(runDir, 'ledger.jsonl'));
      expect(result.message).toMatch(/EACCES\): .*permission/);
    },
  );

  it.skipIf(process.platform === 'win32')(
    'a checkpoint that cannot be written: LEDGER_WRITE_FAILED naming the checkpoint, not a bare EACCES',
    () => {
      const dir = tempDir();
      chmodSync(dir, 0o777);
      const result = runStep([dir, 'run-1', 'checkpoint'], { permissions: true });
      chmodSync(join(dir, 'run-1'), 0o755);
      expect(result).toMatchObject({ failed: true, pm: true, code: 'LEDGER_WRITE_FAILED' });
      expect(result.message).toMatch(
        /cannot write the checkpoint of .*run-1 \(EACCES\): .*permission/,
      );
    },
  );

  it.skipIf(process.platform === 'win32')(
    'an append that cannot be written (a file-size limit, as a full disk): LEDGER_CLOSED saying to free space before opening it again',
    () => {
      const dir = tempDir();
      const result = runStep([dir, 'run-1', 'append'], { ulimitFileKb: 64 });
      expect(result).toMatchObject({ failed: true, pm: true, code: 'LEDGER_CLOSED' });
      expect(result.message).toContain('(EFBIG)');
      // Opening it again at once, all the old message said, fails the same way.
      expect(result.message).toMatch(/free space.*then open it again with openLedger\(\)/);
    },
  );

  it.skipIf(process.platform === 'win32')(
    'putArtifact whose write fails (a file-size limit, as a full disk): LEDGER_WRITE_FAILED, no temp file left, the ledger still open',
    async () => {
      const dir = tempDir();
      mkdirSync(dir, { recursive: true });
      // 64 KiB: the lock, the ledger and the folders fit; the 256 KiB artifact does not.
      const result = runStep([dir, 'run-1', 'putArtifact'], { ulimitFileKb: 64 });
      expect(result).toMatchObject({ failed: true, pm: true, code: 'LEDGER_WRITE_FAILED' });
      expect(result.message).toContain('EFBIG');
      expect(result.message).toMatch(/artifact/i);
      expect(readdirSync(join(dir, 'run-1', 'artifacts', 'tmp'))).toEqual([]);
      expect(readdirSync(join(dir, 'run-1', 'artifacts', 'sha256'))).toEqual([]);
      // The child appended a record after the failure (the ledger stayed open).
      expect(ledgerLines(join(dir, 'run-1'))).toHaveLength(1);
    },
  );
});
