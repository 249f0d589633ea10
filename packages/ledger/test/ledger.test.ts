import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import {
  isPmError,
  parseLedgerRecord,
  REDACTED_TEXT as REDACTED,
  SchemaValidationError,
  SecretValue,
} from '@pm/envelope-schemas';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../src/hash-chain.js';
import {
  ArtifactNotFoundError,
  canonicalJson,
  GENESIS_PREV,
  InvalidLedgerArgumentError,
  LedgerClosedError,
  LedgerCorruptError,
  LedgerLockedError,
  openLedger,
  RECORD_HASH_TAG,
  readArtifact,
  verifyLedger,
} from '../src/index.js';
import { ledgerLines } from './helpers/files.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();

describe('openLedger / append', () => {
  it('creates <dir>/<runId>/ledger.jsonl and artifacts/, and chains records from seq 0', async () => {
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-1' });
    expect(existsSync(join(dir, 'run-1', 'ledger.jsonl'))).toBe(true);
    expect(existsSync(join(dir, 'run-1', 'artifacts', 'sha256'))).toBe(true);
    const a = ledger.append(r.runStart());
    const b = ledger.append(r.request('run-1', 1));
    expect([a.seq, b.seq]).toEqual([0, 1]);
    expect(a.prev).toBe(GENESIS_PREV);
    expect(b.prev).toBe(a.hash);
    expect(ledger.head).toBe(b.hash);
    await ledger.close();
    const lines = ledgerLines(join(dir, 'run-1'));
    expect(lines).toHaveLength(3);
    lines.forEach((line, seq) => {
      const record = parseLedgerRecord(JSON.parse(line));
      expect(record.seq).toBe(seq);
      expect(record.v).toBe(1);
      expect(record.run_id).toBe('run-1');
    });
  });

  it('writes each line as the canonical JSON of the record, hash = SHA-256(tag + canonical without hash)', async () => {
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-1' });
    ledger.append(r.request('run-1', 1));
    await ledger.close();
    for (const line of ledgerLines(join(dir, 'run-1'))) {
      const record = JSON.parse(line);
      expect(canonicalJson(record)).toBe(line);
      const { hash, ...rest } = record;
      expect(sha256Hex(RECORD_HASH_TAG + canonicalJson(rest))).toBe(hash);
    }
  });

  it('validates every record before writing it, and writes nothing when it is invalid', () => {
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-1' });
    const bad = r.request('run-1', 1);
    (bad.data as { estimated_input_tokens: number }).estimated_input_tokens = -1;
    expect(() => ledger.append(bad)).toThrow(SchemaValidationError);
    expect(() => ledger.append({ ...r.alert(), stage: 'no spaces allowed' })).toThrow(/\$\.stage/);
    expect(() => ledger.append({ type: 'run_end', data: {} } as never)).toThrow(
      InvalidLedgerArgumentError,
    );
    expect(() => ledger.append({ type: 'recovered', data: {} } as never)).toThrow(
      /recovered by openLedger/,
    );
    expect(ledger.records).toBe(0);
    expect(readFileSync(join(dir, 'run-1', 'ledger.jsonl'), 'utf8')).toBe('');
    ledger.append(r.alert());
    ledger.append({ ...r.alert(), stage: 'draft' });
    // Valid stages are remembered; that must not let a different, invalid one through.
    expect(() => ledger.append({ ...r.alert(), stage: 'draft ' })).toThrow(/\$\.stage/);
    expect(ledger.records).toBe(2);
  });

  it('refuses NaN, bigint and cycles with a message naming the path, not the value', () => {
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-1' });
    expect(() => ledger.append(r.runStart({ ratio: Number.NaN }))).toThrow(
      /\$\.data\.config\.ratio is NaN/,
    );
    expect(() => ledger.append(r.runStart({ big: 1n }))).toThrow(/bigint/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => ledger.append(r.runStart(cyclic))).toThrow(/cyclic/);
  });

  it('follows JSON.stringify rules: toJSON honoured, undefined members dropped', () => {
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-1' });
    const record = ledger.append(
      r.runStart({ at: new Date(0), gone: undefined, list: [undefined] }),
    );
    expect(record.type === 'run_start' && record.data.config).toEqual({
      at: '1970-01-01T00:00:00.000Z',
      list: [null],
    });
  });

  it('writes secret wrappers as [REDACTED] (by toJSON or by the @pm/secret marker)', async () => {
    const dir = tempDir();
    const value = `sk-proj-${'Zq8'.repeat(16)}`;
    class Secret {
      #value = value;
      reveal() {
        return this.#value;
      }
      toJSON() {
        return REDACTED;
      }
    }
    const marked = new SecretValue(value, 'test');
    const ledger = openLedger({ dir, runId: 'run-1' });
    const record = ledger.append(r.runStart({ apiKey: new Secret(), other: marked }));
    expect(record.type === 'run_start' && record.data.config).toEqual({
      apiKey: REDACTED,
      other: REDACTED,
    });
    await ledger.close();
    expect(readFileSync(join(dir, 'run-1', 'ledger.jsonl'), 'utf8')).not.toContain(value);
  });

  it('rejects a bad runId or durability before touching the disk', () => {
    const dir = tempDir();
    expect(() => openLedger({ dir, runId: '../escape' })).toThrow(InvalidLedgerArgumentError);
    expect(() => openLedger({ dir, runId: 'ok', durability: 'sometimes' as never })).toThrow(
      /durability/,
    );
    expect(() =>
      openLedger({ dir, runId: 'ok', durability: { mode: 'batch', maxRecords: 0 } }),
    ).toThrow(/maxRecords/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('accepts every durability mode and a forced sync per record', async () => {
    for (const durability of [
      'strict',
      'batch',
      'none',
      { mode: 'batch', maxRecords: 2, maxDelayMs: 1 },
    ] as const) {
      const dir = tempDir();
      const ledger = openLedger({ dir, runId: 'run-1', durability });
      for (let i = 0; i < 5; i++) ledger.append(r.request('run-1', i), { sync: i === 2 });
      ledger.flush();
      await new Promise((resolve) => setTimeout(resolve, 5)); // let a batch timer fire
      await ledger.close();
      expect((await verifyLedger(join(dir, 'run-1'))).ok).toBe(true);
    }
  });
});

describe('lock', () => {
  it('gives a second writer LedgerLockedError naming the lock file and the holder pid', async () => {
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-1' });
    let error: unknown;
    try {
      openLedger({ dir, runId: 'run-1' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LedgerLockedError);
    expect(isPmError(error) && error.code).toBe('LEDGER_LOCKED');
    expect((error as Error).message).toContain(join(dir, 'run-1', 'ledger.lock'));
    expect((error as Error).message).toContain(`process ${process.pid}`);
    await ledger.close();
    expect(existsSync(join(dir, 'run-1', 'ledger.lock'))).toBe(false);
  });

  it('takes over a lock whose holder no longer exists', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'run-1'));
    const host = (await import('node:os')).hostname();
    // pid 2^22+1 is above Linux's pid_max default ceiling: no such process.
    writeFileSync(
      join(dir, 'run-1', 'ledger.lock'),
      JSON.stringify({ pid: 4194305, host, since: '' }),
    );
    const ledger = openLedger({ dir, runId: 'run-1' });
    ledger.append(r.alert());
    await ledger.close();
  });

  it('treats a lock from another host as held', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'run-1'));
    writeFileSync(
      join(dir, 'run-1', 'ledger.lock'),
      JSON.stringify({ pid: 4194305, host: 'elsewhere', since: '' }),
    );
    expect(() => openLedger({ dir, runId: 'run-1' })).toThrow(/process 4194305 on elsewhere/);
  });
});

describe('close / detach / reopen', () => {
  it('close appends run_end with the run figures, then refuses more records', async () => {
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-1' });
    ledger.append(r.request('run-1', 1));
    ledger.append(r.approval(1, 'deny'));
    ledger.append(r.error(1));
    const { record, summary, checkpoint } = await ledger.close();
    expect(record.type).toBe('run_end');
    expect(summary).toMatchObject({
      requests: 1,
      errors: 1,
      approvals: 1,
      estimated_input_tokens: 812,
    });
    expect(checkpoint).toBeNull();
    expect(await ledger.close()).toEqual({ record, summary, checkpoint }); // idempotent
    expect(() => ledger.append(r.alert())).toThrow(LedgerClosedError);
    expect(() => openLedger({ dir, runId: 'run-1' })).toThrow(/run_end/);
  });

  it("counts a billed failure's usage and cost in the run figures", async () => {
    const ledger = openLedger({ dir: tempDir(), runId: 'run-1' });
    const usage = {
      input_tokens: 500,
      cached_input_tokens: 0,
      output_tokens: 200,
      reasoning_tokens: 0,
    };
    const refused = r.error(1, 'The model refused the request.');
    ledger.append({
      ...refused,
      data: { ...refused.data, reservation: 'settled', usage, cost_usd: 0.00275 },
    });
    const { summary } = await ledger.close();
    expect(summary).toMatchObject({
      errors: 1,
      input_tokens: 500,
      output_tokens: 200,
      cost_usd: 0.00275,
    });
  });

  it('detach releases the run without ending it; a reopen continues the chain', async () => {
    const dir = tempDir();
    const first = openLedger({ dir, runId: 'run-1' });
    const a = first.append(r.request('run-1', 1));
    await first.detach();
    const second = openLedger({ dir, runId: 'run-1' });
    const b = second.append(r.request('run-1', 2));
    expect(b.seq).toBe(1);
    expect(b.prev).toBe(a.hash);
    const { summary } = await second.close();
    expect(summary.requests).toBe(2); // figures cover records written before the reopen too
    expect((await verifyLedger(join(dir, 'run-1'))).ok).toBe(true);
  });

  it('cuts a torn last line on open and records a recovered record (length and hash only)', async () => {
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-1' });
    ledger.append(r.request('run-1', 1));
    await ledger.detach();
    const file = join(dir, 'run-1', 'ledger.jsonl');
    const torn = '{"data":{"request_id":"req-2","env';
    appendFileSync(file, torn);
    expect((await verifyLedger(join(dir, 'run-1'))).problems.map((p) => p.kind)).toEqual([
      'torn_tail',
    ]);
    const reopened = openLedger({ dir, runId: 'run-1' });
    await reopened.close();
    const records = ledgerLines(join(dir, 'run-1')).map((line) => JSON.parse(line));
    expect(records.map((x) => x.type)).toEqual(['request', 'recovered', 'run_end']);
    expect(records[1].data).toEqual({
      dropped_bytes: torn.length,
      dropped_sha256: sha256Hex(torn),
    });
    expect((await verifyLedger(join(dir, 'run-1'))).ok).toBe(true);
  });

  it('refuses to open a ledger damaged anywhere but its tail, and leaves it untouched', async () => {
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-1' });
    ledger.append(r.request('run-1', 1));
    ledger.append(r.request('run-1', 2));
    await ledger.detach();
    const file = join(dir, 'run-1', 'ledger.jsonl');
    const before = readFileSync(file, 'utf8').replace('req-1', 'req-9');
    writeFileSync(file, before);
    expect(() => openLedger({ dir, runId: 'run-1' })).toThrow(LedgerCorruptError);
    expect(() => openLedger({ dir, runId: 'run-1' })).toThrow(/hash_mismatch at line 1/);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(existsSync(join(dir, 'run-1', 'ledger.lock'))).toBe(false);
  });
});

describe('artifacts', () => {
  it('stores content once under artifacts/sha256/<hex> and returns artifact://sha256:<hex>', async () => {
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-1' });
    const ref = await ledger.putArtifact('the prompt', { mediaType: 'text/plain' });
    expect(ref).toBe(`artifact://sha256:${sha256Hex('the prompt')}`);
    expect(await ledger.putArtifact(Buffer.from('the prompt'))).toBe(ref);
    const stored = readdirSync(join(dir, 'run-1', 'artifacts', 'sha256'));
    expect(stored).toEqual([sha256Hex('the prompt')]);
    expect(readdirSync(join(dir, 'run-1', 'artifacts', 'tmp'))).toEqual([]);
    expect((await ledger.readArtifact(ref)).toString()).toBe('the prompt');
    await ledger.close();
    expect((await readArtifact(join(dir, 'run-1'), ref)).toString()).toBe('the prompt');
  });

  it('keeps binary content byte for byte', async () => {
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-1' });
    const bytes = Buffer.from([0, 255, 128, 10, 13, 0xc3, 0x28]);
    const ref = await ledger.putArtifact(bytes, { mediaType: 'application/octet-stream' });
    expect(Buffer.compare(await ledger.readArtifact(ref), bytes)).toBe(0);
    await ledger.close();
  });

  it('refuses a record naming an artifact that is not stored', async () => {
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-1' });
    const missing = `artifact://sha256:${sha256Hex('never stored')}`;
    expect(() => ledger.append(r.request('run-1', 1, [missing]))).toThrow(ArtifactNotFoundError);
    expect(ledger.records).toBe(0);
    const ref = await ledger.putArtifact('stored');
    ledger.append(r.request('run-1', 1, [ref]));
    ledger.append(r.response(1, ref));
    await ledger.close();
  });

  it('readArtifact reports a missing or altered artifact', async () => {
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-1' });
    const ref = await ledger.putArtifact('original');
    await ledger.close();
    const runDir = join(dir, 'run-1');
    await expect(readArtifact(runDir, `artifact://sha256:${'1'.repeat(64)}`)).rejects.toThrow(
      ArtifactNotFoundError,
    );
    await expect(readArtifact(runDir, 'artifact://md5:abc')).rejects.toThrow(
      InvalidLedgerArgumentError,
    );
    writeFileSync(join(runDir, 'artifacts', 'sha256', sha256Hex('original')), 'altered');
    await expect(readArtifact(runDir, ref)).rejects.toThrow(LedgerCorruptError);
  });
});
