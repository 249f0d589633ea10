import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { isPmError } from '@pm/envelope-schemas';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchTimers } from '../../../test/support/watch-timers.js';
import { runCli } from '../src/cli/run-cli.js';
import {
  DEFAULT_SIGN_TIMEOUT_MS,
  type LedgerCheckpointV1,
  type LedgerSigner,
  type LedgerSignOptions,
  openLedger,
  verifyLedger,
} from '../src/index.js';
import * as r from './helpers/records.js';
import { openSignedRun, recordTypes } from './helpers/signed-run.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();
const { privateKey, publicKey } = generateKeyPairSync('ed25519');

/** A KMS client's sign: the real Ed25519 signature, a few ms later. */
function kmsSign(key: KeyObject = privateKey, delayMs = 5) {
  return (message: Uint8Array): Promise<Uint8Array> =>
    new Promise((resolve) => setTimeout(() => resolve(sign(null, message, key)), delayMs));
}

/**
 * An asynchronous sign the test answers by hand: each call waits until `release(i)` (or
 * `fail(i)`), so the test decides what happens while it is pending.
 */
function heldSigner() {
  const calls: {
    message: Uint8Array;
    signal: AbortSignal;
    resolve: (sig: Uint8Array) => void;
    reject: (e: unknown) => void;
  }[] = [];
  const signFn = (message: Uint8Array, options: LedgerSignOptions) =>
    new Promise<Uint8Array>((resolve, reject) => {
      calls.push({ message, signal: options.signal, resolve, reject });
    });
  return {
    calls,
    sign: signFn,
    release(i: number) {
      const call = calls[i]!;
      call.resolve(sign(null, call.message, privateKey));
    },
  };
}

/** A run with two records, written by a writer whose checkpoints `signer` signs. */
const openRun = (signer: LedgerSigner) => openSignedRun(tempDir(), signer);
const types = recordTypes;

function storedCheckpoint(runDir: string): LedgerCheckpointV1 {
  return JSON.parse(readFileSync(join(runDir, 'checkpoint.json'), 'utf8'));
}

/** Resolves once the event loop has gone round `n` times (timers included). */
const turns = (n = 3) =>
  new Promise<void>((resolve) => {
    const step = (left: number) => (left === 0 ? resolve() : setImmediate(() => step(left - 1)));
    step(n);
  });

/** The timers of signatures: 600 s in these tests. */
const watchSignTimers = () => watchTimers((ms) => ms === 600_000);

// The timer spies of one test go with it.
afterEach(() => {
  vi.restoreAllMocks();
});
describe('an asynchronous { sign } signer (a KMS client)', () => {
  it('signs with checkpointAsync() and close(): the ledger verifies with the public key, in code and with pm-ledger verify', async () => {
    const { dir, runDir, ledger } = openRun({ sign: kmsSign(), keyId: 'kms-key-1' });
    const first = await ledger.checkpointAsync();
    expect(first).toMatchObject({
      seq: 1,
      size: ledger.size,
      head: ledger.head,
      key_id: 'kms-key-1',
    });
    expect(storedCheckpoint(runDir)).toEqual(first);

    ledger.append(r.request('run-1', 2));
    const { checkpoint } = await ledger.close();
    expect(checkpoint).toMatchObject({ seq: 3, key_id: 'kms-key-1' });
    expect(storedCheckpoint(runDir)).toEqual(checkpoint);
    expect(await types(runDir)).toEqual(['run_start', 'request', 'request', 'run_end']);

    const result = await verifyLedger(runDir, { publicKey });
    expect(result.problems).toEqual([]);
    expect(result.checkpoint).toEqual({ seq: 3, size: checkpoint!.size, signed: true });
    // The earlier checkpoint, kept elsewhere, still verifies (a prefix of the ledger).
    expect((await verifyLedger(runDir, { publicKey, checkpoint: first })).problems).toEqual([]);

    const keyFile = join(dir, 'signer.pub.pem');
    writeFileSync(keyFile, publicKey.export({ type: 'spki', format: 'pem' }));
    let out = '';
    const code = await runCli(['verify', runDir, '--public-key', keyFile], {
      out: (t) => (out += t),
      err: () => {},
    });
    expect(code).toBe(0);
    expect(out).toMatch(/^ok: 4 records, head [0-9a-f]{16}, checkpoint at seq 3/);
  });

  it('detach() waits for the signature, and a writer that opens the run again continues the chain', async () => {
    const { dir, runDir, ledger } = openRun({ sign: kmsSign() });
    const { checkpoint } = await ledger.detach();
    expect(checkpoint).toMatchObject({ seq: 1 });
    expect(storedCheckpoint(runDir)).toEqual(checkpoint);
    const again = openLedger({ dir, runId: 'run-1', signer: { sign: kmsSign() } });
    again.append(r.request('run-1', 2));
    await again.close();
    expect((await verifyLedger(runDir, { publicKey })).problems).toEqual([]);
  });

  it('checkpoint() refuses it (use checkpointAsync), aborts its signal, writes nothing and stays open', async () => {
    const held = heldSigner();
    const { runDir, ledger } = openRun({ sign: held.sign });
    let failure: unknown;
    try {
      ledger.checkpoint();
    } catch (error) {
      failure = error;
    }
    expect(isPmError(failure)).toBe(true);
    expect(failure).toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: { signer: 'asynchronous' },
    });
    expect((failure as Error).message).toMatch(
      /returned a Promise.*await ledger\.checkpointAsync\(\).*stays open/,
    );
    expect(held.calls[0]!.signal.aborted).toBe(true);
    // The abandoned Promise rejecting later is no unhandled rejection (vitest fails on one).
    held.calls[0]!.reject(new Error('request aborted'));
    await turns();
    expect(existsSync(join(runDir, 'checkpoint.json'))).toBe(false);
    ledger.append(r.request('run-1', 2));
    const closing = ledger.close();
    await turns();
    held.release(1);
    expect((await closing).checkpoint?.seq).toBe(3);
    expect((await verifyLedger(runDir, { publicKey })).problems).toEqual([]);
  });

  it('a sign that rejects fails checkpointAsync() and close() as SIGNER_UNAVAILABLE (cause kept, not echoed), writing nothing; the run can be closed again', async () => {
    const kmsDown = new Error('KMS arn:aws:kms:eu-west-1:123456789012:key/abc unreachable');
    const { dir, runDir, ledger, file } = openRun({ sign: () => Promise.reject(kmsDown) });
    const failed = (await ledger.checkpointAsync().catch((e: unknown) => e)) as Error;
    expect(failed).toMatchObject({ code: 'SIGNER_UNAVAILABLE', details: { signer: 'rejected' } });
    expect(failed.message).toMatch(/signer\.sign rejected.*call checkpointAsync\(\) again/);
    expect(failed.message).not.toContain('arn:aws');
    expect((failed.cause as Error).cause).toBe(kmsDown);
    expect(existsSync(join(runDir, 'checkpoint.json'))).toBe(false);

    ledger.append(r.request('run-1', 2));
    ledger.flush();
    const before = readFileSync(file);
    const failure = (await ledger.close().catch((e: unknown) => e)) as Error;
    expect(failure).toMatchObject({ code: 'SIGNER_UNAVAILABLE', details: { signer: 'rejected' } });
    expect(failure.message).toMatch(
      /wrote nothing \(no run_end\).*open it again with openLedger\(\)/,
    );
    expect(failure.message).not.toContain('arn:aws');
    // Nothing written: no run_end that no checkpoint covers, no checkpoint file.
    expect(readFileSync(file)).toEqual(before);
    expect(existsSync(join(runDir, 'checkpoint.json'))).toBe(false);

    const again = openLedger({ dir, runId: 'run-1', signer: { sign: kmsSign() } });
    expect((await again.close()).checkpoint?.seq).toBe(3);
    expect(await types(runDir)).toEqual(['run_start', 'request', 'request', 'run_end']);
    expect((await verifyLedger(runDir, { publicKey })).problems).toEqual([]);
  });

  it('a sign that never settles fails after timeoutMs, with its signal aborted: checkpointAsync() leaves the ledger open, close() releases the run unended', async () => {
    const signals: AbortSignal[] = [];
    const hung = (_m: Uint8Array, { signal }: LedgerSignOptions) => {
      signals.push(signal);
      return new Promise<Uint8Array>(() => {});
    };
    const { dir, runDir, ledger, file } = openRun({ sign: hung, timeoutMs: 50 });
    const started = Date.now();
    const failed = (await ledger.checkpointAsync().catch((e: unknown) => e)) as Error;
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(failed).toMatchObject({ code: 'SIGNER_UNAVAILABLE', details: { signer: 'timeout' } });
    expect(failed.message).toMatch(
      /did not settle within 50 ms.*longer timeoutMs.*call checkpointAsync\(\) again/,
    );
    expect(signals[0]!.aborted).toBe(true);
    expect(existsSync(join(runDir, 'checkpoint.json'))).toBe(false);
    ledger.append(r.request('run-1', 2));

    ledger.flush();
    const before = readFileSync(file);
    const failure = (await ledger.close().catch((e: unknown) => e)) as Error;
    expect(failure).toMatchObject({ code: 'SIGNER_UNAVAILABLE', details: { signer: 'timeout' } });
    expect(failure.message).toMatch(/did not settle within 50 ms.*wrote nothing \(no run_end\)/);
    expect(signals[1]!.aborted).toBe(true);
    expect(readFileSync(file)).toEqual(before);
    // Released: a writer with a signer that works can close the run.
    const again = openLedger({ dir, runId: 'run-1', signer: { privateKey } });
    await again.close();
    expect((await verifyLedger(runDir, { publicKey })).problems).toEqual([]);
  });

  it('leaves no timer behind once the signature is in, or rejected: a 10-minute timeout does not keep the host alive', async () => {
    const timers = watchSignTimers();
    let rejectNext = false;
    const { ledger } = openRun({
      sign: (message) =>
        rejectNext
          ? Promise.reject(new Error('KMS throttled'))
          : Promise.resolve(sign(null, message, privateKey)),
      timeoutMs: 600_000,
    });
    await ledger.checkpointAsync();
    expect(timers.started).toHaveLength(1);
    expect(timers.allCleared()).toBe(true);
    rejectNext = true;
    await expect(ledger.checkpointAsync()).rejects.toMatchObject({ code: 'SIGNER_UNAVAILABLE' });
    expect(timers.started).toHaveLength(2);
    expect(timers.allCleared()).toBe(true);
    rejectNext = false;
    await ledger.close();
    expect(timers.started).toHaveLength(3);
    expect(timers.allCleared()).toBe(true);
  });

  it('waits 10 s by default; timeoutMs must be a whole number of ms from 1 to 600000', () => {
    expect(DEFAULT_SIGN_TIMEOUT_MS).toBe(10_000);
    for (const timeoutMs of [0, -1, 1.5, 600_001, Number.NaN, '100']) {
      expect(() =>
        openLedger({
          dir: tempDir(),
          runId: 'run-1',
          signer: { sign: kmsSign(), timeoutMs: timeoutMs as number },
        }),
      ).toThrow(
        expect.objectContaining({
          code: 'INVALID_ARGUMENT',
          message: expect.stringMatching(/signer\.timeoutMs must be a whole number/),
        }),
      );
    }
  });

  it.each([
    ['32 bytes', () => new Uint8Array(32), /resolved to 32 bytes/],
    ['base64 text', () => 'c2lnbmF0dXJl', /resolved to string/],
  ])('a signature resolved as %s is refused before anything is written', async (_, value, said) => {
    const { runDir, ledger, file } = openRun({
      sign: async () => value() as unknown as Uint8Array,
    });
    const failed = (await ledger.checkpointAsync().catch((e: unknown) => e)) as Error;
    expect(failed).toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: { signer: 'not_a_signature' },
    });
    expect(failed.message).toMatch(/64-byte Ed25519 signature/);
    expect(failed.message).toMatch(said);
    ledger.flush();
    const before = readFileSync(file);
    await expect(ledger.close()).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(readFileSync(file)).toEqual(before);
    expect(existsSync(join(runDir, 'checkpoint.json'))).toBe(false);
  });

  it('records appended while checkpointAsync() waits are not covered: it signs the (size, head) it was called at', async () => {
    const held = heldSigner();
    const { runDir, ledger } = openRun({ sign: held.sign });
    const at = { size: ledger.size, head: ledger.head, seq: ledger.records - 1 };
    const pending = ledger.checkpointAsync();
    for (let i = 2; i < 7; i++) ledger.append(r.request('run-1', i));
    await turns();
    held.release(0);
    const checkpoint = await pending;
    expect(checkpoint).toMatchObject(at);
    expect(storedCheckpoint(runDir)).toEqual(checkpoint);
    expect(ledger.records).toBe(7);
    // A prefix: the chain verifies past it, and the checkpoint with the public key.
    const result = await verifyLedger(runDir, { publicKey });
    expect(result.problems).toEqual([]);
    expect(result.checkpoint).toEqual({ seq: 1, size: at.size, signed: true });
    expect(result.records).toBe(7);
  });

  it('a checkpoint answered late never replaces a later one in checkpoint.json', async () => {
    const held = heldSigner();
    const { runDir, ledger } = openRun({ sign: held.sign });
    const older = ledger.checkpointAsync();
    ledger.append(r.request('run-1', 2));
    const newer = ledger.checkpointAsync();
    await turns();
    held.release(1);
    const second = await newer;
    held.release(0);
    const first = await older;
    expect(first.seq).toBe(1);
    expect(second.seq).toBe(2);
    expect(storedCheckpoint(runDir)).toEqual(second);
    expect((await verifyLedger(runDir, { publicKey, checkpoint: first })).problems).toEqual([]);
  });

  it('a writer that failed while the signature was awaited writes no checkpoint (LEDGER_CLOSED)', async () => {
    const held = heldSigner();
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-1', durability: 'none', signer: held });
    ledger.append(r.runStart());
    const pending = ledger.checkpointAsync();
    // An artifact replaced by a folder before its fsync: the next sync fails the writer,
    // which releases the run.
    const ref = await ledger.putArtifact('output');
    const path = join(ledger.runDir, 'artifacts', 'sha256', ref.slice(-64));
    rmSync(path);
    mkdirSync(path);
    expect(() => ledger.flush()).toThrow(expect.objectContaining({ code: 'LEDGER_CLOSED' }));
    await turns();
    held.release(0);
    await expect(pending).rejects.toMatchObject({
      code: 'LEDGER_CLOSED',
      message: expect.stringMatching(
        /while its checkpoint was being signed; the checkpoint was not written/,
      ),
    });
    expect(existsSync(join(ledger.runDir, 'checkpoint.json'))).toBe(false);
  });

  it('a writer that failed while close() awaited its signature writes no run_end, not even into a file that took its descriptor', async () => {
    const held = heldSigner();
    const dir = tempDir();
    const ledger = openLedger({
      dir,
      runId: 'run-1',
      durability: { mode: 'batch', maxDelayMs: 5 },
      signer: held,
    });
    // The artifact folder removed before its fsync (a group commit's, after an artifact was
    // stored): the group commit's timer, firing while close() waits, fails the writer,
    // which closes its file and releases the run. Stored before any record, so no group
    // commit is due before the folder goes.
    await ledger.putArtifact('output');
    rmSync(join(ledger.runDir, 'artifacts', 'sha256'), { recursive: true });
    ledger.append(r.runStart());
    ledger.append(r.request('run-1', 1));
    const closing = ledger.close();
    closing.catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The descriptor number the ledger had is free again: something else gets it.
    const other = join(dir, 'other.txt');
    const fd = openSync(other, 'w');
    try {
      held.release(0);
      await expect(closing).rejects.toMatchObject({
        code: 'LEDGER_CLOSED',
        message: expect.stringMatching(/while close\(\) waited.*run_end was not written/),
      });
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(other, 'utf8')).toBe('');
    expect(await types(ledger.runDir)).toEqual(['run_start', 'request']);
    expect(existsSync(join(ledger.runDir, 'checkpoint.json'))).toBe(false);
  });

  it('a writer that fails while a signature is awaited stops waiting: the signer is told (signal aborted), the call fails at once, no timer keeps the host alive', async () => {
    const timers = watchSignTimers();
    const held = heldSigner();
    const dir = tempDir();
    const ledger = openLedger({
      dir,
      runId: 'run-1',
      durability: 'none',
      signer: { sign: held.sign, timeoutMs: 600_000 },
    });
    ledger.append(r.runStart());
    const pending = ledger.checkpointAsync();
    pending.catch(() => {});
    // The artifact folder removed before its fsync: the next flush fails the writer.
    await ledger.putArtifact('output');
    rmSync(join(ledger.runDir, 'artifacts', 'sha256'), { recursive: true });
    expect(() => ledger.flush()).toThrow(expect.objectContaining({ code: 'LEDGER_CLOSED' }));
    await turns();
    expect(held.calls[0]!.signal.aborted).toBe(true);
    await expect(pending).rejects.toMatchObject({
      code: 'LEDGER_CLOSED',
      message: expect.stringMatching(/while its checkpoint was being signed/),
    });
    expect(timers.started).toHaveLength(1);
    expect(timers.allCleared()).toBe(true);
    expect(existsSync(join(ledger.runDir, 'checkpoint.json'))).toBe(false);
  });

  it('close() refuses appends while it waits, waits for checkpointAsync() calls still running, and signs the run_end it holds', async () => {
    const held = heldSigner();
    const { runDir, ledger } = openRun({ sign: held.sign });
    const running = ledger.checkpointAsync();
    const closing = ledger.close();
    expect(() => ledger.append(r.request('run-1', 2))).toThrow(
      expect.objectContaining({
        code: 'LEDGER_CLOSED',
        message: expect.stringMatching(/is being closed.*before calling close\(\)/),
      }),
    );
    await expect(ledger.checkpointAsync()).rejects.toMatchObject({ code: 'LEDGER_CLOSED' });
    await turns();
    // close() signed already (its signature is in) but has not written run_end: it waits.
    held.release(1);
    await turns();
    expect(await types(runDir)).toEqual(['run_start', 'request']);
    held.release(0);
    const [checkpoint, closed] = await Promise.all([running, closing]);
    expect(checkpoint.seq).toBe(1);
    expect(closed.checkpoint).toMatchObject({ seq: 2, head: closed.record.hash });
    expect(storedCheckpoint(runDir)).toEqual(closed.checkpoint);
    expect(await types(runDir)).toEqual(['run_start', 'request', 'run_end']);
    const result = await verifyLedger(runDir, { publicKey });
    expect(result.problems).toEqual([]);
    expect(result.checkpoint).toMatchObject({ seq: 2, signed: true });
  });

  it('a sign that throws at once for close() still lets checkpointAsync() calls running finish and write before the run is released', async () => {
    const held = heldSigner();
    let calls = 0;
    const { dir, runDir, ledger } = openRun({
      sign: (message, options) => {
        calls += 1;
        if (calls === 2) throw new Error('KMS client: no credentials');
        return held.sign(message, options);
      },
    });
    const running = ledger.checkpointAsync();
    const closing = ledger.close();
    closing.catch(() => {});
    await turns();
    // close() has failed to sign, but waits: the lock is still this writer's.
    expect(() => openLedger({ dir, runId: 'run-1' })).toThrow(
      expect.objectContaining({ code: 'LEDGER_LOCKED' }),
    );
    held.release(0);
    expect((await running).seq).toBe(1);
    expect(storedCheckpoint(runDir).seq).toBe(1);
    await expect(closing).rejects.toMatchObject({
      code: 'SIGNER_UNAVAILABLE',
      message: expect.stringMatching(/threw.*close\(\) wrote nothing/),
    });
    expect(await types(runDir)).toEqual(['run_start', 'request']);
    const again = openLedger({ dir, runId: 'run-1' });
    await again.close();
  });

  it('with a synchronous signer close() still ends the run before it returns, and checkpointAsync() writes before it returns', async () => {
    const { dir, runDir, ledger } = openRun({ sign: (m) => sign(null, m, privateKey) });
    const pending = ledger.checkpointAsync();
    expect(storedCheckpoint(runDir).seq).toBe(1);
    await pending;
    const closing = ledger.close();
    // The lock is free at once: no await between.
    expect(() => openLedger({ dir, runId: 'run-1' })).toThrow(
      expect.objectContaining({ code: 'LEDGER_CLOSED' }),
    );
    await closing;
  });
});
