import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../src/index.js';
import { cliInShell } from './helpers/cli-in-shell.js';
import { runStart } from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();
/** `pm-ledger verify <args> --json` in a child process. */
function verifyInChild(
  args: string[],
  options: { meetPermissions?: boolean; heapMb?: number } = {},
) {
  const result = cliInShell(['verify', ...args, '--json'], options);
  return { status: result.status, out: result.stdout, err: result.stderr };
}

async function signedRun() {
  const dir = tempDir();
  // A fresh key per run: nothing key-shaped is committed.
  const { privateKey } = generateKeyPairSync('ed25519');
  const ledger = openLedger({ dir, runId: 'run-1', signer: { privateKey } });
  ledger.append(runStart());
  await ledger.close();
  return join(dir, 'run-1');
}

describe("verify and the run's checkpoint.json", () => {
  it.skipIf(process.platform === 'win32')(
    'one the verifier may not read is said to be unreadable (EACCES), not "not readable JSON"',
    async () => {
      const runDir = await signedRun();
      const file = join(runDir, 'checkpoint.json');
      chmodSync(file, 0o000);
      try {
        const result = verifyInChild([runDir], { meetPermissions: true });
        expect(result.status).toBe(1);
        expect(JSON.parse(result.out).problems).toEqual([
          {
            kind: 'checkpoint_mismatch',
            seq: null,
            line: null,
            message:
              'checkpoint.json cannot be read (EACCES): check its permissions; the ledger was not checked against it',
          },
        ]);
      } finally {
        chmodSync(file, 0o644);
      }
    },
  );

  it('one that is not JSON says so', async () => {
    const runDir = await signedRun();
    writeFileSync(join(runDir, 'checkpoint.json'), 'hello\n');
    const result = verifyInChild([runDir]);
    expect(result.status).toBe(1);
    expect(JSON.parse(result.out).problems[0].message).toBe('checkpoint.json is not JSON');
  });

  it('a huge one (2 GiB, sparse) is reported from its size, never read whole', async () => {
    const runDir = await signedRun();
    const file = join(runDir, 'checkpoint.json');
    truncateSync(file, 2 * 1024 ** 3);
    // With a 64 MiB heap, reading it whole would fail (or throw ERR_FS_FILE_TOO_LARGE).
    const result = verifyInChild([runDir], { heapMb: 64 });
    expect(result.status).toBe(1);
    expect(JSON.parse(result.out).problems).toEqual([
      {
        kind: 'checkpoint_mismatch',
        seq: null,
        line: null,
        message: `checkpoint.json is ${2 * 1024 ** 3} bytes, while a checkpoint is under 65536`,
      },
    ]);
    // The same file given with --checkpoint: refused (exit 3) from its size too.
    const given = verifyInChild([runDir, '--checkpoint', file], { heapMb: 64 });
    expect(given.status).toBe(3);
    expect(JSON.parse(given.out).error.message).toContain(
      `could not be read (it is ${2 * 1024 ** 3} bytes, while a checkpoint is under 65536)`,
    );
  });
});
