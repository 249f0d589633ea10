import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLedger, verifyLedger } from '../src/index.js';
import { makeCanaries } from './helpers/canaries.js';
import { cliInChild } from './helpers/cli-child.js';
import { runStart } from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();

describe('a file in artifacts/sha256/ named by a secret', () => {
  it('is reported without its name reaching the report or pm-ledger verify', async () => {
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-1' });
    ledger.append(runStart());
    await ledger.putArtifact('output');
    await ledger.close();
    const runDir = join(dir, 'run-1');
    const github = makeCanaries().find((c) => c.kind === 'github')!;
    // Past the 80 characters the message keeps: cut there, the key would no longer scan.
    const name = `${'x'.repeat(60)} ${github.text}`;
    writeFileSync(join(runDir, 'artifacts', 'sha256', name), 'planted');

    const result = await verifyLedger(runDir);
    expect(result.problems).toEqual([
      {
        kind: 'artifact_mismatch',
        seq: null,
        line: null,
        message: expect.stringContaining('[SECRET:github]'),
      },
    ]);
    expect(JSON.stringify(result)).not.toContain(github.secret);
    for (const args of [[], ['--json']]) {
      const cli = await cliInChild(['verify', runDir, ...args]);
      expect(cli.status).toBe(1);
      expect(cli.stdout).toContain('not named by a SHA-256');
      expect(cli.stdout).not.toContain(github.secret.slice(0, 12));
    }
  });
});
