import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLLMClient } from '../src/index.js';

const root = mkdtempSync(join(tmpdir(), 'pm-truncated-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Words, so no detector reads the filler as personal data or a secret. */
const longText = 'the quick brown fox jumps over the lazy dog '.repeat(500); // 22,000 characters

describe('a data block cut to its cap is named in the result, not only told to the model', () => {
  it('context without a template: cut is ["context"], a short one []', async () => {
    const client = createLLMClient({ ledger: { dir: join(root, 'plain') } });
    const run = await client.startRun({ runId: 'run-1' });
    const call = { model: 'gpt-5.2', input: 'Summarise', maxOutputTokens: 50 };
    const cut = await run.generateText({ ...call, context: { notes: longText } });
    expect(cut.truncated).toEqual(['context']);
    const whole = await run.generateText({ ...call, context: { notes: 'short' } });
    expect(whole.truncated).toEqual([]);
    const none = await run.generateText(call);
    expect(none.truncated).toEqual([]);
    await run.end();
  });

  it('a template placeholder filled with too much data is named; run.estimate says so too', async () => {
    const client = createLLMClient({ ledger: { dir: join(root, 'template') } });
    const run = await client.startRun({ runId: 'run-1', stage: 'draft-narrative' });
    const call = {
      model: 'gpt-5.2',
      template: 'draft-narrative@1',
      input: 'Summarise',
      context: { notes: longText },
      maxOutputTokens: 50,
    };
    expect((await run.estimate(call)).truncated).toEqual(['context']);
    expect((await run.generateText(call)).truncated).toEqual(['context']);
    await run.end();
  });
});
