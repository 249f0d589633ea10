import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLLMClient } from '../src/index.js';
import { scriptedProvider } from '../src/testing.js';

const root = mkdtempSync(join(tmpdir(), 'pm-scripted-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('scriptedProvider (@pm/llm-client/testing)', () => {
  it('refuses an option it does not take (a misspelt remote would leave it offline)', () => {
    expect(() => scriptedProvider(['ok'], { remot: true } as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', details: { field: 'remot' } }),
    );
  });

  it('answers from its script, records calls, and fails when told to', async () => {
    const provider = scriptedProvider(['first', { fail: { status: 400, retryable: false } }]);
    const run = await createLLMClient({ provider, ledger: { dir: root } }).startRun({
      runId: 'scripted',
    });
    const ok = await run.generateText({ model: 'gpt-5.2', input: 'one', maxOutputTokens: 10 });
    expect(ok.output).toBe('first');
    await expect(
      run.generateText({ model: 'gpt-5.2', input: 'two', maxOutputTokens: 10 }),
    ).rejects.toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
    });
    expect(provider.calls.map((c) => c.messages.at(-1)?.content)).toEqual(['one', 'two']);
    await run.end();
  });
});
