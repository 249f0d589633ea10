import type { LedgerRecordV1 } from '@pm/envelope-schemas';
import { describe, expect, it } from 'vitest';
import { BatchSecretScan } from '../src/batch-secret-scan.js';
import { makeCanaries } from './helpers/canaries.js';

function record(seq: number, data: Record<string, unknown>): LedgerRecordV1 {
  return {
    v: 1,
    run_id: 'run-1',
    seq,
    ts: '2026-11-22T09:00:00.000Z',
    type: 'alert',
    stage: 'draft',
    data,
    prev: '0'.repeat(64),
    hash: '1'.repeat(64),
  } as unknown as LedgerRecordV1;
}

describe('BatchSecretScan', () => {
  it('hands over exactly the batches that hold a secret, however the secret sits', () => {
    const [openai, , , github] = makeCanaries();
    const suspects: number[] = [];
    const scan = new BatchSecretScan((r) => suspects.push(r.seq));
    // Clean records teach it their layouts and strings.
    for (let i = 0; i < 300; i++) scan.add(record(i, { request_id: `req-${i}`, n: i }), i + 1);
    scan.flush();
    expect(suspects).toEqual([]);
    // A secret in a value of a layout already known clean.
    scan.add(record(300, { request_id: openai!.text, n: 1 }), 301);
    scan.flush();
    expect(suspects).toEqual([300]);
    // A secret as a member name (a new layout), next to clean records of the same batch.
    scan.add(record(301, { request_id: 'req-301', n: 1 }), 302);
    scan.add(record(302, { [github!.text]: 1, n: 1 }), 303);
    scan.flush();
    expect(suspects).toEqual([300, 301, 302]);
    // A member name seen before is not trusted if its batch held a secret: 302's layout
    // was never marked clean, so the same name is looked at again.
    suspects.length = 0;
    scan.add(record(303, { [github!.text]: 2, n: 2 }), 304);
    scan.flush();
    expect(suspects).toEqual([303]);
  });

  it('leaves artifact refs out but not text that only looks like one', () => {
    const [openai] = makeCanaries();
    const suspects: number[] = [];
    const scan = new BatchSecretScan((r) => suspects.push(r.seq));
    scan.add(record(0, { output_artifact: `artifact://sha256:${'a'.repeat(64)}` }), 1);
    scan.flush();
    scan.add(record(1, { output_artifact: `artifact://sha256:${openai!.text}` }), 2);
    scan.flush();
    expect(suspects).toEqual([1]);
  });
});
