import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidLedgerArgumentError, openLedger, verifyLedger } from '../src/index.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();

describe("a record that would take the run's figures out of range", () => {
  it('is refused at append, so the run still closes with exact figures', async () => {
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-1' });
    const output = await ledger.putArtifact('the output');
    const huge = r.response(1, output);
    huge.data.usage.output_tokens = Number.MAX_SAFE_INTEGER - 5;
    ledger.append(huge);
    const more = r.response(2, output);
    more.data.usage.output_tokens = 10;
    const before = readFileSync(join(dir, 'run-1', 'ledger.jsonl'));
    // Before, it was written, and close() then failed the run_end record's schema, every
    // time: the run could never be closed.
    expect(() => ledger.append(more)).toThrow(InvalidLedgerArgumentError);
    expect(() => ledger.append(more)).toThrow(/output_tokens past 9007199254740991/);
    expect(readFileSync(join(dir, 'run-1', 'ledger.jsonl'))).toEqual(before);
    more.data.usage.output_tokens = 5;
    ledger.append(more);

    const costly = r.response(3, output);
    costly.data.usage = { ...costly.data.usage, input_tokens: 0, output_tokens: 0 };
    costly.data.cost_usd = 1e299; // the most a record holds once rounded to the nano-dollar
    ledger.append(costly);
    expect(() => ledger.append(costly)).toThrow(/cost_usd past any finite number/);

    const { summary } = await ledger.close();
    expect(summary.output_tokens).toBe(Number.MAX_SAFE_INTEGER);
    expect((await verifyLedger(join(dir, 'run-1'))).ok).toBe(true);
  });

  it('counts requests and billed errors the same way', async () => {
    const ledger = openLedger({ dir: tempDir(), runId: 'run-1' });
    const request = r.request('run-1', 1);
    request.data.estimated_input_tokens = Number.MAX_SAFE_INTEGER;
    ledger.append(request);
    expect(() => ledger.append(r.request('run-1', 2))).toThrow(/estimated_input_tokens past/);
    const error = r.error(1);
    error.data.usage = {
      input_tokens: 0,
      output_tokens: Number.MAX_SAFE_INTEGER,
      cached_input_tokens: 0,
      reasoning_tokens: 0,
    };
    ledger.append(error);
    expect(() => ledger.append(error)).toThrow(/output_tokens past/);
    await expect(ledger.close()).resolves.toBeDefined();
  });
});
