import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseLedgerRecord } from '@pm/envelope-schemas';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/canonical-json.js';
import {
  LedgerClosedError,
  openLedger,
  readArtifact,
  summariseLedger,
  verifyLedger,
} from '../src/index.js';
import { encodeRecord } from '../src/record-line.js';
import { ledgerLines } from './helpers/files.js';
import { useTempDirs } from './helpers/temp-dir.js';

// A v1 ledger written once by fixtures/make-ledger-v1-fixture.ts and committed: every
// record type, artifacts, a scrubbed secret, a recovered torn tail, a signed checkpoint.
// If a change to the code or the schemas breaks any of this, the format changed.
const runDir = fileURLToPath(new URL('./fixtures/ledger-v1/run-fixture-v1/', import.meta.url));
const publicKey = fileURLToPath(new URL('./fixtures/ledger-v1.signer.pub.pem', import.meta.url));
const HEAD = '218581f11f6be998871f5556965c0c54793ace9784278236910801d335370b26';
const tempDir = useTempDirs();

describe('historical v1 ledger fixture', () => {
  it('still verifies, signature and all, with the same head', async () => {
    const result = await verifyLedger(runDir, { publicKey });
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ ok: true, records: 9, head: HEAD, size: 4919 });
    expect(result.checkpoint).toEqual({ seq: 8, size: 4919, signed: true });
  });

  it('every line is still exactly what the current encoder writes for its record', () => {
    for (const line of ledgerLines(runDir)) {
      const record = parseLedgerRecord(JSON.parse(line));
      const { line: again, hash } = encodeRecord({
        ...record,
        dataJson: canonicalJson(record.data),
      });
      expect(again).toBe(`${line}\n`);
      expect(hash).toBe(record.hash);
    }
  });

  it('holds every record type and keeps its figures', async () => {
    const types = ledgerLines(runDir).map((line) => JSON.parse(line).type);
    expect(types).toEqual([
      'run_start',
      'request',
      'approval',
      'response',
      'error',
      'recovered',
      'alert',
      'request',
      'run_end',
    ]);
    expect(await summariseLedger(runDir)).toMatchObject({
      run_id: 'run-fixture-v1',
      records: 9,
      closed: true,
      requests: 2,
      responses: 1,
      errors: 1,
      approvals: 1,
      alerts: 1,
      recoveries: 1,
      scrubbed_records: 1,
      estimated_input_tokens: 1624,
      input_tokens: 812,
      output_tokens: 240,
      models: ['gpt-5.2-codex'],
      stages: ['draft-narrative', 'interpret-goal'],
    });
    const error = JSON.parse(ledgerLines(runDir)[4]!);
    expect(error.scrubbed).toEqual([{ path: '$.data.message', kind: 'github' }]);
  });

  it('replays its artifacts and stays closed to writers', async () => {
    const response = JSON.parse(ledgerLines(runDir)[3]!);
    const output = await readArtifact(runDir, response.data.output_artifact);
    expect(output.toString()).toBe('{"narrative":"Three variants cover 92% of cases."}');
    const copy = tempDir();
    cpSync(runDir, join(copy, 'run-fixture-v1'), { recursive: true });
    expect(() => openLedger({ dir: copy, runId: 'run-fixture-v1' })).toThrow(LedgerClosedError);
    expect(readFileSync(join(runDir, 'ledger.jsonl')).length).toBe(4919);
  });
});
