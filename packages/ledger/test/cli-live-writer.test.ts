import { appendFileSync, readFileSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IN_FLIGHT_GRACE_MS } from '../src/cli/in-flight-tail.js';
import { runCli } from '../src/cli/run-cli.js';
import { openLedger } from '../src/index.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();

async function cli(...argv: string[]) {
  let out = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: () => {} });
  return { code, out };
}

/**
 * A run whose writer (this process: its lock is live) has written two records, the last
 * one only half as a reader can meet it mid-`write(2)`; `finish()` writes the rest, as the
 * kernel does moments later.
 */
function runMidWrite() {
  const dir = tempDir();
  const ledger = openLedger({ dir, runId: 'run-1', durability: 'none' });
  ledger.append(r.runStart());
  ledger.append(r.request('run-1', 1));
  const runDir = join(dir, 'run-1');
  const file = join(runDir, 'ledger.jsonl');
  const whole = readFileSync(file);
  const lastLine = whole.lastIndexOf(0x0a, whole.length - 2) + 1;
  const half = lastLine + Math.floor((whole.length - lastLine) / 2);
  truncateSync(file, half);
  return { ledger, runDir, finish: () => appendFileSync(file, whole.subarray(half)) };
}

describe('pm-ledger verify while a writer appends', () => {
  it('names a line finished while verify read it as in flight, not as a crash: exit 0', async () => {
    const { ledger, runDir, finish } = runMidWrite();
    // Finished well after verify has read the file, well within the grace it waits.
    const finishing = setTimeout(finish, 250);
    const json = await cli('verify', runDir, '--json');
    clearTimeout(finishing);
    const parsed = JSON.parse(json.out);
    expect(parsed).toMatchObject({ ok: true, records: 1, problems: [] });
    expect(parsed.in_flight).toEqual({ line: 2, seq: 1 });
    expect(json.code).toBe(0);
    // Once finished, the line is an ordinary record.
    expect(await cli('verify', runDir)).toEqual({
      code: 0,
      out: expect.stringMatching(/^ok: 2 records, head [0-9a-f]{16}\n$/),
    });
    await ledger.close();
  });

  it('says so on the human verdict line', async () => {
    const { ledger, runDir, finish } = runMidWrite();
    const finishing = setTimeout(finish, 250);
    const human = await cli('verify', runDir);
    clearTimeout(finishing);
    expect(human.code).toBe(0);
    expect(human.out).toMatch(
      /^ok: 1 records, head [0-9a-f]{16}; run being written: line 2 was being appended while verify read it and is not checked/,
    );
    await ledger.close();
  });

  it('still reports a torn tail that no writer finishes, after the grace', async () => {
    const { ledger, runDir } = runMidWrite();
    const started = Date.now();
    const json = await cli('verify', runDir, '--json');
    expect(Date.now() - started).toBeGreaterThanOrEqual(IN_FLIGHT_GRACE_MS - 50);
    const parsed = JSON.parse(json.out);
    expect(json.code).toBe(1);
    expect(parsed.in_flight).toBeNull();
    expect(parsed.problems).toEqual([
      expect.objectContaining({ kind: 'torn_tail', seq: 1, line: 2 }),
    ]);
    await ledger.detach().catch(() => undefined);
  });

  it('reports a torn tail at once when no lock is there (a crash, the run released)', async () => {
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-1', durability: 'none' });
    ledger.append(r.runStart());
    await ledger.detach();
    const runDir = join(dir, 'run-1');
    appendFileSync(join(runDir, 'ledger.jsonl'), '{"data":{');
    const started = Date.now();
    const human = await cli('verify', runDir);
    expect(Date.now() - started).toBeLessThan(IN_FLIGHT_GRACE_MS / 2);
    expect(human.code).toBe(1);
    expect(human.out).toMatch(/torn_tail +line 2: /);
    expect(human.out).not.toContain('being written');
  });
});
