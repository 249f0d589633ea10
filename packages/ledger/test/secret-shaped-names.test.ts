import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run-cli.js';
import {
  InvalidLedgerArgumentError,
  LedgerCorruptError,
  openLedger,
  readLedger,
  verifyLedger,
} from '../src/index.js';
import { craftChain } from './helpers/craft.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();
// Built at run time: the repository scans itself for secrets.
const githubToken = () => `gh${'p_'}Zq8vL2mN4pR6sT9uW1xY3zA5bC7dE0fG2hJ7qZ`;
const awsKeyId = () => `AK${'IA'}Q7ZL4M2N6P3R5T8V`;

describe('ids that look like secrets are refused by openLedger', () => {
  it('a secret-shaped runId: refused, never echoed, nothing created', () => {
    const dir = tempDir();
    const token = githubToken();
    let error: unknown;
    try {
      openLedger({ dir, runId: token });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidLedgerArgumentError);
    expect((error as Error).message).toMatch(/runId looks like a github secret/);
    expect((error as Error).message).not.toContain(token);
    expect(existsSync(join(dir, token))).toBe(false);
  });

  it('a signer.keyId with a control character or a lone surrogate: refused', async () => {
    const dir = tempDir();
    const sign = () => new Uint8Array(64);
    for (const keyId of ['ops\u007fkey', 'ops\nkey', 'ops\ud800key', '', 'k'.repeat(129)]) {
      expect(() => openLedger({ dir, runId: 'run-1', signer: { sign, keyId } })).toThrow(
        /signer\.keyId must be a name for the key/,
      );
    }
    for (const [i, keyId] of ['ops key 2026', 'SHA256:ab+/=', 'clé-😀'].entries()) {
      await openLedger({ dir, runId: `run-${i}`, signer: { sign, keyId } }).detach();
    }
  });

  it('a secret-shaped signer.keyId: refused, never echoed', () => {
    const dir = tempDir();
    const keyId = awsKeyId();
    const sign = () => new Uint8Array(64);
    expect(() => openLedger({ dir, runId: 'run-1', signer: { sign, keyId } })).toThrow(
      InvalidLedgerArgumentError,
    );
    try {
      openLedger({ dir, runId: 'run-1', signer: { sign, keyId } });
    } catch (e) {
      expect((e as Error).message).not.toContain(keyId);
    }
  });
});

/** A run whose run_start has an unknown member named like an AWS key id (valid hashes). */
function runWithSecretMemberName(): { dir: string; runDir: string; name: string } {
  const dir = tempDir();
  const runDir = join(dir, 'run-1');
  mkdirSync(runDir, { recursive: true });
  const name = awsKeyId();
  const data = { ...r.runStart().data, [name]: { note: `sk-${'proj'}-x` } };
  writeFileSync(
    join(runDir, 'ledger.jsonl'),
    craftChain('run-1', [{ type: 'run_start', data }]).join(''),
  );
  return { dir, runDir, name };
}

describe('verification never spells a secret-shaped member name, and scans invalid records', () => {
  it('verifyLedger: schema_invalid leaves the member name out; secret_found reports it', async () => {
    const { runDir, name } = runWithSecretMemberName();
    const result = await verifyLedger(runDir);
    expect(result.problems.map((p) => p.kind)).toEqual(['schema_invalid', 'secret_found']);
    // The schema's path elides a token-shaped name by its length (an AWS key id: 20).
    expect(result.problems[0]!.message).toContain('$.data[<key of 20 characters>]');
    expect(result.problems[1]!.message).toMatch(/not a valid record.*aws secret at \$\.data/);
    expect(JSON.stringify(result)).not.toContain(name);
  });

  it('pm-ledger verify (human and --json) and the LedgerCorruptError messages do not spell it', async () => {
    const { dir, runDir, name } = runWithSecretMemberName();
    for (const argv of [
      ['verify', runDir],
      ['verify', runDir, '--json'],
    ]) {
      let out = '';
      let err = '';
      const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
      expect(code).toBe(1);
      expect(out).toContain('secret_found');
      expect(out + err).not.toContain(name);
    }
    const errors: unknown[] = [];
    await readLedger(runDir, () => {}).catch((e) => errors.push(e));
    try {
      openLedger({ dir, runId: 'run-1' });
    } catch (e) {
      errors.push(e);
    }
    expect(errors).toHaveLength(2);
    for (const error of errors) {
      expect(error).toBeInstanceOf(LedgerCorruptError);
      expect((error as Error).message).toContain('[<key of 20 characters>]');
      expect(
        JSON.stringify({
          m: (error as Error).message,
          d: (error as { details?: unknown }).details,
        }),
      ).not.toContain(name);
    }
  });
});
