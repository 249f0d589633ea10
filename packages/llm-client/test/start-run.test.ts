import { existsSync, mkdtempSync, rmSync } from 'node:fs';
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
    const bad = createLLMClient({
      policy: localPolicy(),
      ledger: { dir },
      budget: { limits: { tokens: -5 } },
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
});
