import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run-cli.js';
import { openLedger } from '../src/index.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();

describe('pm-ledger given a path with bytes that are not UTF-8', () => {
  it('says why it cannot open it and what to do (exit 3), for every command', async () => {
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-1', durability: 'none' });
    ledger.append(r.runStart());
    await ledger.close();
    // "café" in Latin-1: the shell passes the byte 0xE9, which Node decodes as U+FFFD.
    const latin1 = Buffer.concat([Buffer.from(`${dir}/caf`), Buffer.from([0xe9])]);
    // Made through Buffer paths: a string path would be written as UTF-8.
    const runDir = Buffer.concat([latin1, Buffer.from('/run-1')]);
    mkdirSync(runDir, { recursive: true });
    const ledgerFile = Buffer.concat([runDir, Buffer.from('/ledger.jsonl')]);
    writeFileSync(ledgerFile, readFileSync(join(dir, 'run-1', 'ledger.jsonl')));
    const asReceived = join(latin1.toString('utf8'), 'run-1');
    expect(asReceived).toContain('\uFFFD');
    for (const command of ['verify', 'show', 'summary']) {
      let out = '';
      let err = '';
      const code = await runCli([command, asReceived, '--json'], {
        out: (t) => (out += t),
        err: (t) => (err += t),
      });
      expect(code).toBe(3);
      expect(err).toContain('the path held bytes that are not UTF-8');
      expect(err).toContain('Change into the folder whose name holds them (cd)');
      expect(JSON.parse(out).error.code).toBe('INVALID_ARGUMENT');
    }
  });

  it('leaves a path that exists with U+FFFD in its name alone', async () => {
    const dir = tempDir();
    const ledger = openLedger({ dir: join(dir, 'odd\uFFFDname'), runId: 'run-1' });
    ledger.append(r.runStart());
    await ledger.close();
    let out = '';
    const code = await runCli(['verify', join(dir, 'odd\uFFFDname', 'run-1')], {
      out: (t) => (out += t),
      err: () => {},
    });
    expect(code).toBe(0);
    expect(out).toMatch(/^ok: 2 records/);
  });
});
