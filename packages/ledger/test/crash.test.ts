import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleFromSources } from '../../../test/support/source-bundle.js';
import { openLedger, verifyLedger } from '../src/index.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();
const writer = await bundleFromSources(
  fileURLToPath(new URL('./helpers/crash-writer.ts', import.meta.url)),
);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Kill {
  /** Highest seq the child reported as appended (append had returned). */
  acked: number;
  /** The child had appended at least one record when it was killed. */
  whileAppending: boolean;
  stderr: string;
}

/**
 * Starts a writer and SIGKILLs it at a random moment: usually 0-15 ms after its first
 * append returned, sometimes during start-up or while it recovers the previous crash.
 * Timed from the first append, not from start-up, so a loaded machine changes how many
 * records each life writes but not whether it writes any.
 */
async function runAndKill(dir: string, runId: string, durability: string): Promise<Kill> {
  const child: ChildProcess = spawn(process.execPath, [writer, dir, runId, durability], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let acked = -1;
  let stderr = '';
  let pending = '';
  let onFirstAppend: () => void = () => {};
  const firstAppend = new Promise<void>((resolve) => {
    onFirstAppend = resolve;
  });
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      if (line.startsWith('ready')) continue;
      acked = Math.max(acked, Number(line));
      onFirstAppend();
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  if (Math.random() < 0.15) {
    await Promise.race([sleep(Math.random() * 700), closed]); // start-up or recovery
  } else {
    await Promise.race([firstAppend, closed]);
    await sleep(Math.random() * 15);
  }
  const whileAppending = acked >= 0;
  child.kill('SIGKILL');
  await closed;
  return { acked, whileAppending, stderr };
}

/** Complete records on disk (lines ending in `\n`). */
function completeLines(file: string): number {
  if (!existsSync(file)) return 0;
  const bytes = readFileSync(file);
  let n = 0;
  for (const b of bytes) if (b === 10) n++;
  return n;
}

async function crashLoop(durability: 'strict' | 'batch', kills: number) {
  const dir = tempDir();
  const runId = `crash-${durability}`;
  const runDir = join(dir, runId);
  const file = join(runDir, 'ledger.jsonl');
  let durable = 0; // records known to be on disk: reopened, or acked by the child
  let recoveries = 0;
  let killedWhileAppending = 0;
  for (let i = 0; i < kills; i++) {
    const { acked, whileAppending, stderr } = await runAndKill(dir, runId, durability);
    if (whileAppending) killedWhileAppending++;
    expect(stderr, 'the writer must only ever die by SIGKILL').toBe('');
    durable = Math.max(durable, acked + 1);
    // Nothing append had returned is lost; at most one record beyond it is complete.
    const complete = completeLines(file);
    expect(complete).toBeGreaterThanOrEqual(durable);
    expect(complete).toBeLessThanOrEqual(durable + 1);

    const ledger = openLedger({ dir, runId }); // recovers a torn tail, takes over the stale lock
    if (ledger.records > complete) recoveries++;
    expect(ledger.records).toBeGreaterThanOrEqual(complete);
    expect(ledger.records).toBeLessThanOrEqual(complete + 1); // + the `recovered` record
    durable = ledger.records;
    await ledger.detach();
    const result = await verifyLedger(runDir);
    expect(result.problems).toEqual([]);
  }
  return { recoveries, killedWhileAppending };
}

describe('crash safety (real child processes, SIGKILL)', () => {
  it('50 kills at random moments: every reopen verifies and no resolved append is lost', async () => {
    const [strict, batch] = await Promise.all([crashLoop('strict', 25), crashLoop('batch', 25)]);
    // The loop must really have exercised writing and recovery, not just start-ups: 85% of
    // kills are timed from a first append (fewer than half is ~1e-5 likely by chance).
    expect(strict.killedWhileAppending + batch.killedWhileAppending).toBeGreaterThanOrEqual(25);
    // Torn tails are a matter of luck per kill; record how many occurred, for the log.
    console.info(
      `crash loop: ${strict.recoveries + batch.recoveries} torn tails recovered in 50 kills`,
    );
  }, 300_000);
});
