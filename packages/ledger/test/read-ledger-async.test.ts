import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isPmError } from '@pm/envelope-schemas';
import { describe, expect, it } from 'vitest';
import { openLedger, readLedger } from '../src/index.js';
import { ledgerLines } from './helpers/files.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();

async function run(records = 5): Promise<string> {
  const dir = tempDir();
  const ledger = openLedger({ dir, runId: 'run-1', durability: 'none' });
  ledger.append(r.runStart());
  for (let n = 1; n < records; n++) ledger.append(r.request('run-1', n));
  await ledger.detach();
  return join(dir, 'run-1');
}

describe('readLedger with an async onRecord (a replay that awaits its own work)', () => {
  it('awaits each record before the next, and resolves once all are handled', async () => {
    const runDir = await run();
    const handled: number[] = [];
    let running = 0;
    let most = 0;
    const count = await readLedger(runDir, async (record) => {
      most = Math.max(most, ++running);
      await sleep(2);
      handled.push(record.seq);
      running--;
    });
    expect(count).toBe(5);
    expect(handled).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(1);
  });

  it('rejects with the error of a step that fails, and hands on no later record', async () => {
    const runDir = await run();
    const failure = new Error('replayed output differs');
    const handled: number[] = [];
    const reading = readLedger(runDir, async (record) => {
      await sleep(1);
      if (record.seq === 2) throw failure;
      handled.push(record.seq);
    });
    await expect(reading).rejects.toBe(failure);
    await sleep(20);
    expect(handled).toEqual([0, 1]);
  });

  it('still hands on the records before damage, then throws LEDGER_CORRUPT', async () => {
    const runDir = await run();
    const lines = ledgerLines(runDir);
    lines[3] = lines[3]!.replace('req-3', 'req-9');
    writeFileSync(join(runDir, 'ledger.jsonl'), lines.map((l) => `${l}\n`).join(''));
    const handled: number[] = [];
    const error = await readLedger(runDir, async (record) => {
      await sleep(1);
      handled.push(record.seq);
    }).catch((e: unknown) => e);
    expect(isPmError(error) && error.code).toBe('LEDGER_CORRUPT');
    expect(handled).toEqual([0, 1, 2]);
  });
});
