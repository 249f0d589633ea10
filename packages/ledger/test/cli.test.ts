import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run-cli.js';
import { openLedger } from '../src/index.js';
import { cliScript } from './helpers/cli-script.js';
import { ledgerLines } from './helpers/files.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

async function sampleRun(signed = false) {
  const keys = generateKeyPairSync('ed25519');
  const dir = tempDir();
  const ledger = openLedger({
    dir,
    runId: 'run-1',
    ...(signed ? { signer: { privateKey: keys.privateKey } } : {}),
  });
  ledger.append(r.runStart());
  const out = await ledger.putArtifact('output');
  ledger.append(r.request('run-1', 1));
  ledger.append(r.approval(1));
  ledger.append(r.response(1, out));
  ledger.append({ ...r.request('run-1', 2), stage: 'interpret-goal' });
  ledger.append({ ...r.error(2), stage: 'interpret-goal' });
  await ledger.close();
  const publicKeyFile = join(dir, 'signer.pub.pem');
  writeFileSync(publicKeyFile, keys.publicKey.export({ type: 'spki', format: 'pem' }));
  return { runDir: join(dir, 'run-1'), publicKeyFile };
}

describe('pm-ledger verify', () => {
  it('prints one short line and exits 0 for a good ledger', async () => {
    const { runDir, publicKeyFile } = await sampleRun(true);
    const plain = await cli('verify', runDir);
    expect(plain.code).toBe(0);
    expect(plain.out).toMatch(
      /^ok: 7 records, head [0-9a-f]{16}, checkpoint at seq 6 \(unsigned check: pass --public-key\)\n$/,
    );
    const signed = await cli('verify', runDir, '--public-key', publicKeyFile);
    expect(signed.out).toContain('(signature valid)');
    // Helper threads asked for explicitly: the same verdict.
    const helped = await cli('verify', runDir, '--workers', '1');
    expect(helped).toEqual(plain);
  });

  it('verifies a copy under another folder name with --run-id', async () => {
    const { runDir } = await sampleRun();
    const copy = join(tempDir(), 'kept-elsewhere');
    cpSync(runDir, copy, { recursive: true });
    expect((await cli('verify', copy)).code).toBe(1);
    const told = await cli('verify', copy, '--run-id', 'run-1');
    expect(told.code).toBe(0);
    expect(told.out).toMatch(/^ok: 7 records/);
  });

  it('exits 1 and lists problems when the ledger was tampered with; --json is machine-stable', async () => {
    const { runDir } = await sampleRun();
    const lines = ledgerLines(runDir);
    lines[2] = lines[2]!.replace('alice@example.com', 'mallory@example.com');
    writeFileSync(join(runDir, 'ledger.jsonl'), lines.map((l) => `${l}\n`).join(''));
    const human = await cli('verify', runDir);
    expect(human.code).toBe(1);
    expect(human.out).toMatch(
      /^FAILED: 1 problem in 7 records\n {2}hash_mismatch +line 3: record 2/,
    );
    const json = await cli('verify', runDir, '--json');
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.out);
    expect(Object.keys(parsed)).toEqual([
      'ok',
      'run_dir',
      'records',
      'head',
      'size',
      'checkpoint',
      'problems',
      'problems_omitted',
      'in_flight',
    ]);
    expect(parsed.problems_omitted).toBe(0);
    expect(parsed.in_flight).toBeNull();
    expect(parsed.problems).toEqual([
      { kind: 'hash_mismatch', seq: 2, line: 3, message: expect.stringContaining('record 2') },
    ]);
  });

  it('exits 2 on usage errors and 3 when there is nothing to read', async () => {
    expect((await cli()).code).toBe(2);
    expect((await cli('verify')).code).toBe(2);
    expect((await cli('frobnicate', 'x')).code).toBe(2);
    expect((await cli('verify', 'x', '--bogus')).code).toBe(2);
    expect((await cli('verify', 'x', '--workers', 'two')).code).toBe(2);
    expect((await cli('verify', 'x', '--workers', '-1')).code).toBe(2);
    const missing = await cli('verify', tempDir());
    expect(missing.code).toBe(3);
    expect(missing.err).toMatch(/holds no ledger.jsonl/);
    expect((await cli('--help')).code).toBe(0);
  });
});

describe('each command takes its own options only', () => {
  it.each([
    ['show', ['--public-key', 'no-such.pem'], '--public-key', '--type, --stage, --run-id, --json'],
    ['summary', ['--checkpoint', 'x', '--workers', '3'], '--checkpoint', '--run-id, --json'],
    [
      'verify',
      ['--type', 'approval', '--stage', 'x'],
      '--type',
      '--public-key, --checkpoint, --workers, --run-id, --json',
    ],
    ['show', ['--type', 'approval', '--checkpoint=cp.json'], '--checkpoint', '--type, --stage'],
  ])(
    '%s %j: usage error (2) naming the flag and the valid ones',
    async (command, flags, flag, valid) => {
      const { runDir } = await sampleRun();
      const result = await cli(command, runDir, ...flags);
      expect(result.code).toBe(2);
      expect(result.out).toBe('');
      expect(result.err).toContain(`${flag} is not an option of ${command}: ${command} takes `);
      expect(result.err).toContain(valid);
    },
  );

  it('still takes every option of its own, and --help anywhere', async () => {
    const { runDir, publicKeyFile } = await sampleRun(true);
    expect(
      (await cli('verify', runDir, '--public-key', publicKeyFile, '--workers', '0')).code,
    ).toBe(0);
    expect((await cli('show', runDir, '--type', 'request', '--stage', 'x', '--json')).code).toBe(0);
    expect((await cli('summary', runDir, '--run-id', 'run-1', '--json')).code).toBe(0);
    expect((await cli('show', runDir, '--public-key', 'k', '--help')).code).toBe(0);
  });
});

describe('usage errors with --json', () => {
  it.each([
    [['verify', 'run', '--bogus', '--json'], /Unknown option '--bogus'/],
    [['verify', 'run', '--workers', 'two', '--json'], /--workers takes a whole number/],
    [['verify', 'run', '--public-key', '--json'], /--public-key/],
    [['nosuch', 'run', '--json'], /unknown command "nosuch"/],
    [['--json'], /name a command/],
    [['verify', '--json'], /verify needs the run directory/],
    [['show', 'run', '--public-key', 'k', '--json'], /--public-key is not an option of show/],
    [['verify', 'run', '--json=yes'], /--json/],
  ])('%j: exit 2, stdout holds { ok: false, error: { code: USAGE } }', async (argv, message) => {
    const result = await cli(...argv);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.out)).toEqual({
      ok: false,
      error: { code: 'USAGE', message: expect.stringMatching(message) },
    });
    expect(result.out.split('\n')).toHaveLength(2);
    expect(result.err).toMatch(message);
  });

  it('without --json (or with it only after --), stdout stays empty', async () => {
    for (const argv of [
      ['verify', 'run', '--bogus'],
      ['verify', 'run', 'x', '--', '--json'],
    ]) {
      const result = await cli(...argv);
      expect(result.code).toBe(2);
      expect(result.out).toBe('');
    }
  });

  it.each([
    ['verify', '--run-id'],
    ['summary', '--run-id'],
    ['show', '--run-id'],
    ['verify', '--public-key'],
    ['verify', '--checkpoint'],
  ])('%s %s with an empty value is a usage error (2), not a failed read', async (command, flag) => {
    const { runDir } = await sampleRun();
    const result = await cli(command, runDir, flag, '', '--json');
    expect(result.code).toBe(2);
    expect(JSON.parse(result.out)).toEqual({
      ok: false,
      error: {
        code: 'USAGE',
        message: expect.stringContaining(`${flag} was given an empty value`),
      },
    });
  });
});

describe('pm-ledger verify --public-key', () => {
  it('a key that cannot be read exits 3 also when the run has no checkpoint', async () => {
    const { runDir } = await sampleRun();
    const result = await cli(
      'verify',
      runDir,
      '--public-key',
      join(runDir, 'no-such.pem'),
      '--json',
    );
    expect(result.code).toBe(3);
    expect(JSON.parse(result.out)).toEqual({
      ok: false,
      error: {
        code: 'INVALID_ARGUMENT',
        message: expect.stringMatching(/^The public key could not be read: ENOENT/),
      },
    });
  });
});

describe('pm-ledger verify --checkpoint', () => {
  it.each([
    ['missing', null, /could not be read \(ENOENT\)/],
    ['not JSON', '{"v":1', /is not a ledger checkpoint \(v1\)/],
    ['not a checkpoint', '{"v":2}', /is not a ledger checkpoint \(v1\)/],
  ])(
    'an unusable file (%s): --json prints { ok: false, error } on stdout, exit 3',
    async (_, content, message) => {
      const { runDir } = await sampleRun(true);
      const file = join(runDir, '..', 'cp.json');
      if (content !== null) writeFileSync(file, content);
      const result = await cli('verify', runDir, '--checkpoint', file, '--json');
      expect(result.code).toBe(3);
      const printed = JSON.parse(result.out);
      expect(printed).toEqual({
        ok: false,
        error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(message) },
      });
      expect(result.err).toMatch(message);
    },
  );
});

describe('pm-ledger summary / show', () => {
  it('summary prints the run figures; --json gives the LedgerSummary', async () => {
    const { runDir } = await sampleRun();
    const human = await cli('summary', runDir);
    expect(human.code).toBe(0);
    expect(human.out).toContain('requests    2 (responses 1, errors 1)');
    expect(human.out).toContain('models      gpt-5.2-codex');
    expect(human.out).toContain('stages      draft-narrative, interpret-goal');
    const json = JSON.parse((await cli('summary', runDir, '--json')).out);
    expect(json).toMatchObject({
      run_id: 'run-1',
      closed: true,
      records: 7,
      requests: 2,
      responses: 1,
      errors: 1,
      approvals: 1,
      estimated_input_tokens: 1624,
      estimated_output_tokens: 2048,
      input_tokens: 812,
      output_tokens: 240,
      cost_usd: 0.004781,
      error_codes: { PROVIDER_UNAVAILABLE: 1 },
    });
  });

  it('summary prints a cost under a micro-dollar in decimals, not as 1e-7', async () => {
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-1' });
    const out = await ledger.putArtifact('output');
    ledger.append(r.request('run-1', 1));
    const response = r.response(1, out);
    ledger.append({ ...response, data: { ...response.data, cost_usd: 1e-7 } });
    await ledger.close();
    const human = await cli('summary', join(dir, 'run-1'));
    expect(human.out).toMatch(/^cost {8}\$0\.0000001 \(worst case reserved \$[0-9.]+\)$/m);
  });

  it('show filters by --type and --stage', async () => {
    const { runDir } = await sampleRun();
    const requests = await cli('show', runDir, '--type', 'request');
    expect(requests.out.trim().split('\n')).toHaveLength(2);
    expect(requests.out).toMatch(/^1\t\S+\trequest\tdraft-narrative\t\{/);
    const stage = await cli('show', runDir, '--stage', 'interpret-goal', '--json');
    const records = stage.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(records.map((x) => x.type)).toEqual(['request', 'error']);
  });

  it('summary and show exit 1 on a damaged ledger', async () => {
    const { runDir } = await sampleRun();
    writeFileSync(join(runDir, 'ledger.jsonl'), 'not json\n');
    expect((await cli('summary', runDir)).code).toBe(1);
    expect((await cli('show', runDir)).code).toBe(1);
  });

  it("a bug (an error neither the package's nor the system's) exits 70 with its stack, not 3", async () => {
    const { runDir } = await sampleRun();
    // The first write throws as a bug would; the failure report after it is written.
    const failingOnce = (error: Error) => {
      let out = '';
      let err = '';
      let first = true;
      const io = {
        out: (t: string) => {
          if (first) {
            first = false;
            throw error;
          }
          out += t;
        },
        err: (t: string) => (err += t),
      };
      return { io, result: () => ({ out, err }) };
    };
    const bug = failingOnce(new TypeError('cannot read properties of undefined'));
    expect(await runCli(['summary', runDir, '--json'], bug.io)).toBe(70);
    expect(JSON.parse(bug.result().out).error.code).toBe('INTERNAL');
    expect(bug.result().err).toContain('internal error (a bug in pm-ledger; please report it)');
    expect(bug.result().err).toMatch(/TypeError: cannot read properties of undefined\n\s+at /);

    const system = failingOnce(Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' }));
    expect(await runCli(['summary', runDir], system.io)).toBe(3);
    expect(system.result().err).toBe('pm-ledger: EIO: i/o error, write\n');
  });

  it('runs as a real process with the documented exit codes', async () => {
    const { runDir } = await sampleRun();
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [cliScript, ...args], {
        encoding: 'utf8',
      });
    const ok = run('verify', runDir, '--json');
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).ok).toBe(true);
    writeFileSync(join(runDir, 'ledger.jsonl'), '{}\n', { flag: 'a' });
    expect(run('verify', runDir).status).toBe(1);
    expect(run('verify').status).toBe(2);
  });
});
