import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../src/hash-chain.js';
import {
  InvalidLedgerArgumentError,
  type LedgerCheckpointV1,
  openLedger,
  verifyLedger,
} from '../src/index.js';
import { craftChain } from './helpers/craft.js';
import { ledgerLines } from './helpers/files.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();

/** A closed run of 6 records naming one artifact; returns its directory and the artifact hash. */
async function sampleRun(signer?: { privateKey: import('node:crypto').KeyObject }) {
  const dir = tempDir();
  const ledger = openLedger({ dir, runId: 'run-1', ...(signer ? { signer } : {}) });
  ledger.append(r.runStart());
  const prompt = await ledger.putArtifact('the prompt');
  ledger.append(r.request('run-1', 1, [prompt]));
  const output = await ledger.putArtifact('the output');
  ledger.append(r.response(1, output));
  ledger.append(r.alert());
  ledger.append(r.request('run-1', 2));
  const closed = await ledger.close();
  return {
    runDir: join(dir, 'run-1'),
    output: sha256Hex('the output'),
    checkpoint: closed.checkpoint,
  };
}

/** An empty run directory named `runId`, as openLedger names it (verify holds records to it). */
function runFolder(runId: string): string {
  const runDir = join(tempDir(), runId);
  mkdirSync(runDir);
  return runDir;
}

const kinds = async (runDir: string, options = {}) =>
  (await verifyLedger(runDir, options)).problems.map((p) => [p.kind, p.seq]);

function editLines(runDir: string, edit: (lines: string[]) => string[]) {
  const file = join(runDir, 'ledger.jsonl');
  writeFileSync(
    file,
    edit(ledgerLines(runDir))
      .map((l) => `${l}\n`)
      .join(''),
  );
}

describe('verifyLedger', () => {
  it('passes a clean run and reports records, head and size', async () => {
    const { runDir } = await sampleRun();
    const result = await verifyLedger(runDir);
    expect(result).toMatchObject({ ok: true, records: 6, problems: [], checkpoint: null });
    const last = JSON.parse(ledgerLines(runDir).at(-1)!);
    expect(result.head).toBe(last.hash);
    expect(result.size).toBe(readFileSync(join(runDir, 'ledger.jsonl')).length);
  });

  it('hash_mismatch: a value edited in place (reported once, not cascading)', async () => {
    const { runDir } = await sampleRun();
    editLines(runDir, (lines) =>
      lines.map((l, i) => (i === 2 ? l.replace('"attempts":1', '"attempts":2') : l)),
    );
    expect(await kinds(runDir)).toEqual([['hash_mismatch', 2]]);
  });

  it('prev_mismatch and seq_gap: a line deleted', async () => {
    const { runDir } = await sampleRun();
    editLines(runDir, (lines) => lines.filter((_, i) => i !== 3));
    expect(await kinds(runDir)).toEqual([
      ['seq_gap', 4],
      ['prev_mismatch', 4],
    ]);
  });

  it('bad_json: a line that is not JSON', async () => {
    const { runDir } = await sampleRun();
    editLines(runDir, (lines) => lines.map((l, i) => (i === 1 ? l.slice(0, 40) : l)));
    expect(await kinds(runDir)).toEqual([['bad_json', 1]]);
  });

  it('says a file converted to CRLF line ends, or given a byte order mark, was converted', async () => {
    const { runDir } = await sampleRun();
    const file = join(runDir, 'ledger.jsonl');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replaceAll('\n', '\r\n'));
    const crlf = await verifyLedger(runDir);
    expect(crlf.problems.map((p) => p.kind)).toEqual(Array(6).fill('hash_mismatch'));
    for (const problem of crlf.problems) {
      expect(problem.message).toMatch(/ends in a carriage return.*converted to CRLF line ends/);
    }
    writeFileSync(file, `\uFEFF${original}`);
    const bom = await verifyLedger(runDir);
    expect(bom.problems.map((p) => [p.kind, p.line])).toEqual([['bad_json', 1]]);
    expect(bom.problems[0]!.message).toMatch(
      /^line 1 is not JSON: it starts with a byte order mark/,
    );
    // Damage of another kind keeps its own words.
    writeFileSync(file, original.replace('"attempts":1', '"attempts":2'));
    expect((await verifyLedger(runDir)).problems[0]!.message).toMatch(
      /it was changed after it was written$/,
    );
  });

  it('schema_invalid: a correctly chained record that is not a LedgerRecordV1', async () => {
    const dir = runFolder('run-1');
    const lines = craftChain('run-1', [r.alert(), { type: 'alert', data: { level: 'loud' } }]);
    writeFileSync(join(dir, 'ledger.jsonl'), lines.join(''));
    const result = await verifyLedger(dir);
    expect(result.problems.map((p) => [p.kind, p.seq])).toEqual([['schema_invalid', 1]]);
    expect(result.problems[0]!.message).toContain('$.data.level');
  });

  it('schema_invalid: a record from another run', async () => {
    const dir = runFolder('run-1');
    const a = craftChain('run-1', [r.alert()]);
    const b = craftChain('run-2', [r.alert()], JSON.parse(a[0]!).hash, 1);
    writeFileSync(join(dir, 'ledger.jsonl'), a[0]! + b[0]!);
    expect(await kinds(dir)).toEqual([['schema_invalid', 1]]);
  });

  it('missing_artifact and artifact_mismatch', async () => {
    const { runDir, output } = await sampleRun();
    rmSync(join(runDir, 'artifacts', 'sha256', output));
    writeFileSync(join(runDir, 'artifacts', 'sha256', sha256Hex('the prompt')), 'changed');
    // In the order the records name them.
    const expected = [
      ['artifact_mismatch', 1],
      ['missing_artifact', 2],
    ];
    expect(await kinds(runDir)).toEqual(expected);
    // Without the secret scan the refs are collected by a walk of their own.
    expect(await kinds(runDir, { secrets: false })).toEqual(expected);
  });

  it('reports a store entry it cannot read instead of throwing', async () => {
    const { runDir } = await sampleRun();
    const name = sha256Hex('not a file');
    mkdirSync(join(runDir, 'artifacts', 'sha256', name));
    const { problems } = await verifyLedger(runDir);
    expect(problems).toEqual([
      {
        kind: 'artifact_mismatch',
        seq: null,
        line: null,
        message: `artifact sha256:${name} is a folder, not a regular file`,
      },
    ]);
  });

  it('torn_tail: an unterminated last line', async () => {
    const { runDir } = await sampleRun();
    writeFileSync(join(runDir, 'ledger.jsonl'), '{"data":', { flag: 'a' });
    expect(await kinds(runDir)).toEqual([['torn_tail', 6]]);
  });

  it('says what it cannot verify instead of guessing', async () => {
    const dir = tempDir();
    await expect(verifyLedger(dir)).rejects.toThrow(InvalidLedgerArgumentError);
  });
});

describe('checkpoints', () => {
  it('close() signs (run_id, size, head, time); verify checks the signature', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const { runDir, checkpoint } = await sampleRun({ privateKey });
    expect(checkpoint).toMatchObject({ v: 1, run_id: 'run-1', seq: 5, alg: 'ed25519' });
    expect(checkpoint!.size).toBe(readFileSync(join(runDir, 'ledger.jsonl')).length);
    expect(JSON.parse(readFileSync(join(runDir, 'checkpoint.json'), 'utf8'))).toEqual(checkpoint);
    const result = await verifyLedger(runDir, { publicKey });
    expect(result.ok).toBe(true);
    expect(result.checkpoint).toEqual({ seq: 5, size: checkpoint!.size, signed: true });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect((await verifyLedger(runDir, { publicKey: pem })).ok).toBe(true);
  });

  it('the private key never lands in the run directory', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const { runDir } = await sampleRun({ privateKey });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().split('\n')[1]!;
    const der = privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
    for (const file of ['ledger.jsonl', 'checkpoint.json']) {
      const text = readFileSync(join(runDir, file), 'utf8');
      expect(text).not.toContain(pem);
      expect(text).not.toContain(der);
    }
  });

  it('detects truncation, which the hash chain alone cannot', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const { runDir, checkpoint } = await sampleRun({ privateKey });
    editLines(runDir, (lines) => lines.slice(0, -2));
    // Even unsigned, the run's own checkpoint.json catches a naive truncation…
    expect(await kinds(runDir)).toEqual([['checkpoint_mismatch', 5]]);
    // …but a tamperer deletes it too: the chain alone is then shorter and consistent.
    rmSync(join(runDir, 'checkpoint.json'));
    expect(await kinds(runDir)).toEqual([]);
    // The exported checkpoint and the public key still catch it.
    expect(await kinds(runDir, { publicKey, checkpoint: checkpoint! })).toEqual([
      ['checkpoint_mismatch', 5],
    ]);
  });

  it('detects a rewrite of the whole chain up to the checkpoint', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const { runDir, checkpoint } = await sampleRun({ privateKey });
    const size = readFileSync(join(runDir, 'ledger.jsonl')).length;
    const forged = craftChain('run-1', [
      r.alert(),
      r.alert(),
      r.alert(),
      r.alert(),
      r.alert(),
      r.alert(),
      r.alert(),
    ]);
    writeFileSync(join(runDir, 'ledger.jsonl'), forged.join(''));
    truncateSync(join(runDir, 'ledger.jsonl'), Math.min(size, forged.join('').length));
    const result = await verifyLedger(runDir, { publicKey, artifacts: false });
    expect(result.problems.map((p) => p.kind)).toContain('checkpoint_mismatch');
    expect(checkpoint).not.toBeNull();
  });

  it('refuses a checkpoint signed by another key, a forged one, or none at all', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const other = generateKeyPairSync('ed25519');
    const { runDir, checkpoint } = await sampleRun({ privateKey });
    expect(await kinds(runDir, { publicKey: other.publicKey })).toEqual([
      ['checkpoint_mismatch', null],
    ]);
    const forged: LedgerCheckpointV1 = { ...checkpoint!, size: checkpoint!.size - 1 };
    expect(
      await kinds(runDir, {
        publicKey: generateKeyPairSync('ed25519').publicKey,
        checkpoint: forged,
      }),
    ).toEqual([['checkpoint_mismatch', null]]);
    rmSync(join(runDir, 'checkpoint.json'));
    expect(await kinds(runDir, { publicKey: other.publicKey })).toEqual([
      ['checkpoint_mismatch', null],
    ]);
  });

  it('accepts a checkpoint kept elsewhere and ledger.checkpoint() at any time', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-1', signer: { privateKey, keyId: 'test-key' } });
    ledger.append(r.alert());
    const exported = ledger.checkpoint();
    expect(exported).toMatchObject({ seq: 0, key_id: 'test-key' });
    ledger.append(r.alert());
    await ledger.close();
    const runDir = join(dir, 'run-1');
    rmSync(join(runDir, 'checkpoint.json'));
    expect((await verifyLedger(runDir, { publicKey, checkpoint: exported })).ok).toBe(true);
  });

  it.each([
    ['a missing file', () => 'no-such-key.pem', /could not be read: ENOENT/],
    [
      'an RSA PEM file',
      (dir: string) => {
        const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
        const file = join(dir, 'rsa.pub.pem');
        writeFileSync(file, publicKey.export({ type: 'spki', format: 'pem' }));
        return file;
      },
      /The public key is rsa, not Ed25519/,
    ],
    [
      'a DER file',
      (dir: string) => {
        const { publicKey } = generateKeyPairSync('ed25519');
        const file = join(dir, 'pub.der');
        writeFileSync(file, publicKey.export({ type: 'spki', format: 'der' }));
        return file;
      },
      /could not be read/,
    ],
    [
      'an X25519 KeyObject',
      () => generateKeyPairSync('x25519').publicKey,
      /The public key is x25519, not Ed25519/,
    ],
  ])(
    'an unusable publicKey (%s) is an error, with or without a checkpoint',
    async (_, key, message) => {
      const { privateKey } = generateKeyPairSync('ed25519');
      const { runDir } = await sampleRun({ privateKey });
      const publicKey = key(tempDir());
      const refused = (promise: Promise<unknown>) =>
        expect(promise).rejects.toThrow(
          expect.objectContaining({
            code: 'INVALID_ARGUMENT',
            message: expect.stringMatching(message),
          }),
        );
      await refused(verifyLedger(runDir, { publicKey }));
      rmSync(join(runDir, 'checkpoint.json'));
      await refused(verifyLedger(runDir, { publicKey }));
      // Refused before any line is read: also for a ledger with nothing in it.
      const empty = runFolder('run-2');
      writeFileSync(join(empty, 'ledger.jsonl'), '');
      await refused(verifyLedger(empty, { publicKey }));
    },
  );

  it('rejects a signer that is not Ed25519 at open', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => openLedger({ dir: tempDir(), runId: 'run-1', signer: { privateKey } })).toThrow(
      /Ed25519/,
    );
  });
});

describe('readLedger', () => {
  it('yields every record in order, and refuses (or skips) a damaged one', async () => {
    const { readLedger } = await import('../src/index.js');
    const { runDir } = await sampleRun();
    const seen: number[] = [];
    expect(await readLedger(runDir, (record) => seen.push(record.seq))).toBe(6);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
    editLines(runDir, (lines) =>
      lines.map((l, i) => (i === 2 ? l.replace('"attempts":1', '"attempts":2') : l)),
    );
    await expect(readLedger(runDir, () => {})).rejects.toThrow(/hash_mismatch/);
    editLines(runDir, (lines) => lines.map((l, i) => (i === 4 ? 'not json' : l)));
    const kept: number[] = [];
    await readLedger(runDir, (record) => kept.push(record.seq), { onProblem: 'skip' });
    expect(kept).toEqual([0, 1, 2, 3, 5]); // the edited record is shown, the non-record is not
  });
});

describe('bounded memory on damaged input', () => {
  it('reports a line longer than any record as bad_json without holding it, and append refuses one', async () => {
    const { MAX_LINE_BYTES } = await import('../src/line-reader.js');
    const { runDir } = await sampleRun();
    writeFileSync(join(runDir, 'ledger.jsonl'), `${'x'.repeat(MAX_LINE_BYTES + 10)}\n`, {
      flag: 'a',
    });
    const result = await verifyLedger(runDir, { artifacts: false, secrets: false });
    expect(result.problems.map((p) => [p.kind, p.line])).toEqual([['bad_json', 7]]);
    expect(result.problems[0]!.message).toMatch(/longer than any record/);

    const ledger = openLedger({ dir: tempDir(), runId: 'run-big', durability: 'none' });
    expect(() => ledger.append(r.runStart({ blob: 'z '.repeat(MAX_LINE_BYTES / 2) }))).toThrow(
      /putArtifact/,
    );
    expect(ledger.records).toBe(0);
    await ledger.close();
  });
});
