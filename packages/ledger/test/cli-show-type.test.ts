import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../src/index.js';
import { cliInChild } from './helpers/cli-child.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();

describe('pm-ledger show --type', () => {
  it('a type that is not a record type is a usage error (2), not an empty listing (0)', async () => {
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-1' });
    ledger.append(r.runStart());
    ledger.append(r.request('run-1', 1));
    await ledger.close();
    const runDir = join(dir, 'run-1');
    // A typo ("reqest", a plural) printed nothing and exited 0: read as "no such records".
    const typo = await cliInChild(['show', runDir, '--type', 'reqest', '--json']);
    expect(typo.status).toBe(2);
    expect(JSON.parse(typo.stdout)).toEqual({
      ok: false,
      error: { code: 'USAGE', message: expect.stringContaining('--type takes a record type') },
    });
    const known = await cliInChild(['show', runDir, '--type', 'request', '--json']);
    expect(known.status).toBe(0);
    expect(
      known.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).type),
    ).toEqual(['request']);
  });
});
