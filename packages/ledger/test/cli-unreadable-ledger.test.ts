import { spawnSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../src/index.js';
import { runStart } from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const cliPath = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

/** Root passes every permission check: the child runs without the capabilities that let it. */
const dropRootOverride =
  process.getuid?.() === 0 ? 'setpriv --bounding-set=-dac_override,-dac_read_search -- ' : '';

function cliMeetingPermissions(args: string[]) {
  const command = [process.execPath, '--import', 'tsx', cliPath, ...args]
    .map((a) => `'${a}'`)
    .join(' ');
  return spawnSync('sh', ['-c', `exec ${dropRootOverride}${command}`], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 30_000,
  });
}

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
        const result = cliMeetingPermissions([command, join(dir, 'run-1'), '--json']);
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
