import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLLMClient } from '../src/index.js';
import { localPolicy } from './local-policy.js';

const root = mkdtempSync(join(tmpdir(), 'pm-start-run-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('startRun', () => {
  it('a budget option it refuses leaves no ledger behind, so the run id can be started again', async () => {
    const dir = join(root, 'bad-budget');
    // A bad limit is refused before any run, by createLLMClient itself...
    expect(() =>
      createLLMClient({
        policy: localPolicy(),
        ledger: { dir },
        budget: { limits: { tokens: -5 } },
      }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    // ...a store is met only by a run's budget.
    const bad = createLLMClient({
      policy: localPolicy(),
      ledger: { dir },
      budget: { store: {} as never },
    });
    await expect(bad.startRun({ runId: 'r' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(existsSync(join(dir, 'r', 'ledger.lock'))).toBe(false);

    // Fixed, in the same process: before, LEDGER_LOCKED by this very process.
    const good = createLLMClient({ policy: localPolicy(), ledger: { dir } });
    const run = await good.startRun({ runId: 'r' });
    await run.generateText({ model: 'gpt-5.2', input: 'hi', maxOutputTokens: 10 });
    const { summary } = await run.end();
    expect(summary.responses).toBe(1);
  });

  it('a run started again after a crash goes on from its last request id', async () => {
    const dir = join(root, 'crashed');
    const resumed = join(root, 'resumed');
    const call = { model: 'gpt-5.2', input: 'hi', maxOutputTokens: 10 };
    const first = await createLLMClient({ policy: localPolicy(), ledger: { dir } }).startRun({
      runId: 'job-7',
    });
    await first.generateText(call);
    await first.generateText(call);
    // What a crash leaves: the run's ledger without run_end, and no live lock.
    cpSync(join(dir, 'job-7'), join(resumed, 'job-7'), {
      recursive: true,
      filter: (path) => !path.endsWith('ledger.lock'),
    });
    await first.end();

    const again = await createLLMClient({
      policy: localPolicy(),
      ledger: { dir: resumed },
    }).startRun({ runId: 'job-7' });
    // Before: req-0001 again, a second call with the id of the first in one ledger.
    expect((await again.generateText(call)).requestId).toBe('req-0003');
    await again.end();
    const ids = readFileSync(join(resumed, 'job-7', 'ledger.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; data: { request_id?: string } })
      .filter((r) => r.type === 'request')
      .map((r) => r.data.request_id);
    expect(ids).toEqual(['req-0001', 'req-0002', 'req-0003']);
  });

  it.each([
    ['null', 'options', null],
    ['a string', 'options', 'job-7'],
    ['a misspelt option', 'runID', { runID: 'job-7' }],
  ])(
    'options that are %s are INVALID_ARGUMENT naming %s, before any ledger opens',
    async (_name, field, options) => {
      const dir = join(root, 'bad-options');
      const client = createLLMClient({ policy: localPolicy(), ledger: { dir } });
      // Before: a TypeError for null; a run under a fresh UUID for the others.
      const started = client.startRun(options as never);
      await expect(started).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      await expect(started).rejects.toThrow(field);
      expect(existsSync(dir)).toBe(false);
    },
  );
});
