import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/canonical-json.js';
import { openLedger, verifyLedger } from '../src/index.js';
import { encodeRecord } from '../src/record-line.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();

type Edit =
  | { kind: 'byte'; at: number; delta: number }
  | { kind: 'delete'; line: number }
  | { kind: 'swap'; a: number; b: number }
  | { kind: 'insert'; line: number; what: 'copy' | 'chained' | 'garbage'; from: number }
  | { kind: 'rehash'; line: number }
  | { kind: 'truncate'; at: number };

/** Re-encodes record `i` with a changed value and a correct hash, successors untouched. */
function rehash(line: string, change: (record: Record<string, unknown>) => void): string {
  const record = JSON.parse(line);
  change(record);
  return encodeRecord({ ...record, dataJson: canonicalJson(record.data) }).line.trimEnd();
}

function apply(original: Buffer, edit: Edit): Buffer {
  const lines = original.toString('utf8').split('\n').slice(0, -1);
  const n = lines.length;
  const join = (ls: string[]) => Buffer.from(ls.map((l) => `${l}\n`).join(''));
  switch (edit.kind) {
    case 'byte': {
      const out = Buffer.from(original);
      const at = edit.at % out.length;
      out[at] = (out[at]! + edit.delta) % 256; // delta in 1..255: always a different byte
      return out;
    }
    case 'delete':
      return join(lines.filter((_, i) => i !== edit.line % n));
    case 'swap': {
      const a = edit.a % n;
      const b = (a + 1 + (edit.b % (n - 1))) % n; // b !== a
      const out = [...lines];
      [out[a], out[b]] = [out[b]!, out[a]!];
      return join(out);
    }
    case 'insert': {
      const at = edit.line % (n + 1);
      let inserted: string;
      if (edit.what === 'copy') inserted = lines[edit.from % n]!;
      else if (edit.what === 'garbage') inserted = '{"not":"a record"}';
      else {
        // A well-formed record chained to its predecessor, with the seq of its position.
        const prev = at === 0 ? '0'.repeat(64) : JSON.parse(lines[at - 1]!).hash;
        inserted = encodeRecord({
          run_id: 'run-t',
          seq: at,
          ts: '2026-11-22T09:30:00.000Z',
          type: 'alert',
          stage: null,
          dataJson: canonicalJson(r.alert().data),
          prev,
        }).line.trimEnd();
      }
      return join([...lines.slice(0, at), inserted, ...lines.slice(at)]);
    }
    case 'rehash': {
      const i = edit.line % n;
      const out = [...lines];
      out[i] = rehash(out[i]!, (record) => {
        record.ts = '2030-01-01T00:00:00.000Z';
      });
      return join(out);
    }
    case 'truncate':
      return original.subarray(0, edit.at % original.length);
  }
}

const edits: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constant('byte' as const),
    at: fc.nat(),
    delta: fc.integer({ min: 1, max: 255 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    line: fc.nat(),
    what: fc.constantFrom('copy' as const, 'chained' as const, 'garbage' as const),
    from: fc.nat(),
  }),
  fc.record({ kind: fc.constant('rehash' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

describe('tamper detection', () => {
  it('detects 1,000 random edits of a signed ledger (byte, delete, swap, insert, re-hash, truncate)', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-t', signer: { privateKey } });
    ledger.append(r.runStart());
    for (let i = 0; i < 12; i++) {
      ledger.append(r.request('run-t', i));
      ledger.append(i % 3 === 0 ? r.error(i) : r.alert());
    }
    const { checkpoint } = await ledger.close();
    const runDir = join(dir, 'run-t');
    const file = join(runDir, 'ledger.jsonl');
    const original = readFileSync(file);
    expect((await verifyLedger(runDir, { publicKey })).ok).toBe(true);

    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(edits, async (edit) => {
        const edited = apply(original, edit);
        if (edited.equals(original)) return; // cannot happen by construction; guard anyway
        writeFileSync(file, edited);
        const result = await verifyLedger(runDir, {
          publicKey,
          checkpoint: checkpoint!,
          artifacts: false,
        });
        expect(result.ok, JSON.stringify(edit)).toBe(false);
        seen.set(edit.kind, (seen.get(edit.kind) ?? 0) + 1);
      }),
      { numRuns: 1000 },
    );
    writeFileSync(file, original);
    expect([...seen.keys()].sort()).toEqual([
      'byte',
      'delete',
      'insert',
      'rehash',
      'swap',
      'truncate',
    ]);
    expect([...seen.values()].reduce((a, b) => a + b, 0)).toBe(1000);
  });

  it('without a checkpoint, still detects every edit except at the very end of the chain', async () => {
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-t' });
    for (let i = 0; i < 6; i++) ledger.append(r.request('run-t', i));
    await ledger.detach(); // open run: no run_end, no checkpoint
    const runDir = join(dir, 'run-t');
    const file = join(runDir, 'ledger.jsonl');
    const original = readFileSync(file);
    const lines = original.toString().split('\n').slice(0, -1);
    // Dropping or re-hashing the LAST record leaves a consistent, shorter chain: undetectable
    // without a checkpoint (documented). Anything before it breaks a link.
    writeFileSync(file, `${lines.slice(0, -1).join('\n')}\n`);
    expect((await verifyLedger(runDir)).ok).toBe(true);
    writeFileSync(file, `${lines.filter((_, i) => i !== 2).join('\n')}\n`);
    expect((await verifyLedger(runDir)).ok).toBe(false);
    const rehashed = [...lines];
    rehashed[2] = rehash(rehashed[2]!, (record) => {
      record.ts = '2030-01-01T00:00:00.000Z';
    });
    writeFileSync(file, `${rehashed.join('\n')}\n`);
    expect((await verifyLedger(runDir)).problems.map((p) => [p.kind, p.seq])).toEqual([
      ['prev_mismatch', 3],
    ]);
  });
});
