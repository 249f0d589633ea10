import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLedger, verifyLedger } from '../src/index.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();

describe('an append made while a record is being built', () => {
  it('chains after it: a toJSON in the data that appends leaves a valid chain', async () => {
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-1', durability: 'none' });
    // A host value whose serialisation records something itself (an audit hook, say).
    const scope = {
      toJSON() {
        ledger.append(r.alert());
        return 'run';
      },
    };
    const outer = ledger.append({ type: 'alert', data: { ...r.alert().data, scope } as never });
    // The inner record took seq 0; the outer one follows it and links to it.
    expect(outer.seq).toBe(1);
    await ledger.close();
    const verified = await verifyLedger(join(dir, 'run-1'));
    expect(verified.problems).toEqual([]);
    expect(verified).toMatchObject({ ok: true, records: 3 });
  });
});
