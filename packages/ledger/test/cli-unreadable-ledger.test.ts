import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../src/index.js';
import { cliInShell } from './helpers/cli-in-shell.js';
import { response, runStart } from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();
describe('a ledger.jsonl the process may not read', () => {
  it.skipIf(process.platform === 'win32').each(['verify', 'summary', 'show'])(
    '%s: exit 3 and INVALID_ARGUMENT saying to check permissions, not a bare errno',
    async (command) => {
      const dir = tempDir();
      const ledger = openLedger({ dir, runId: 'run-1' });
      ledger.append(runStart());
      await ledger.close();
      const file = join(dir, 'run-1', 'ledger.jsonl');
      chmodSync(file, 0o000);
      try {
        const result = cliInShell([command, join(dir, 'run-1'), '--json'], {
          meetPermissions: true,
        });
        expect(result.status).toBe(3);
        expect(JSON.parse(result.stdout)).toEqual({
          ok: false,
          error: {
            code: 'INVALID_ARGUMENT',
            message: `${file} cannot be read (EACCES): check the permissions of the run directory and its ledger.jsonl.`,
          },
        });
        expect(result.stderr).toBe(
          `pm-ledger: ${file} cannot be read (EACCES): check the permissions of the run directory and its ledger.jsonl.\n`,
        );
      } finally {
        chmodSync(file, 0o644);
      }
    },
  );
});

describe('an artifacts folder the process may not list', () => {
  it.skipIf(process.platform === 'win32')(
    'is one problem saying why no artifact was checked, not one missing_artifact per artifact',
    async () => {
      const dir = tempDir();
      const ledger = openLedger({ dir, runId: 'run-1' });
      ledger.append(runStart());
      for (const text of ['first output', 'second output']) {
        ledger.append(response(1, await ledger.putArtifact(text)));
      }
      await ledger.close();
      const store = join(dir, 'run-1', 'artifacts', 'sha256');
      chmodSync(store, 0o000);
      try {
        const result = cliInShell(['verify', join(dir, 'run-1'), '--json'], {
          meetPermissions: true,
        });
        expect(result.status).toBe(1);
        expect(JSON.parse(result.stdout).problems).toEqual([
          {
            kind: 'artifact_mismatch',
            seq: null,
            line: null,
            message: 'artifacts/sha256/ cannot be listed (EACCES): no artifact can be checked',
          },
        ]);
      } finally {
        chmodSync(store, 0o755);
      }
    },
  );
});
