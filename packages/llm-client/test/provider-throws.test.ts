import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLLMClient, type LLMProvider } from '../src/index.js';
import { scriptedProvider } from '../src/testing.js';
import { ledgerRecords } from './helpers/ledger-records.js';
import { tempRoot } from './helpers/temp-root.js';
import { localPolicy } from './local-policy.js';

const root = tempRoot('pm-provider-throws-');

describe('a remote provider that throws something other than a PmError', () => {
  it('books the attempt at its worst case (it may have been sent) and names the provider', async () => {
    const dir = join(root, 'type-error');
    // A host's own provider whose fetch failed after writing the request, left unmapped.
    const provider: LLMProvider = {
      ...scriptedProvider(['unused'], { remote: true, name: 'homemade' }),
      call: async () => {
        throw new TypeError('fetch failed');
      },
    };
    const run = await createLLMClient({
      policy: localPolicy(),
      provider,
      ledger: { dir },
    }).startRun({ runId: 'r' });
    const failed = run.generateText({ model: 'gpt-5.2', input: 'hi', maxOutputTokens: 50 });
    await expect(failed).rejects.toMatchObject({ code: 'INTERNAL_ERROR' });
    await expect(failed).rejects.toThrow(/Provider "homemade" threw a TypeError/);
    const usage = (await run.usage()).scopes[0]!;
    expect(usage.reserved.requests).toBe(0);
    // Before: released, as if the provider had certainly not been reached.
    expect(usage.spent.requests).toBe(1);
    expect(usage.spent.usd).toBeGreaterThan(0);
    const { summary } = await run.end();
    expect(summary.cost_usd).toBe(usage.spent.usd);
    expect(ledgerRecords(dir, 'r').find((r) => r.type === 'error')?.data).toMatchObject({
      phase: 'call',
      reservation: 'settled',
    });
  });
});

describe('a remote provider that answers with the wrong shape', () => {
  it.each([
    ['no text', { model: 'gpt-5.2' }, 'text'],
    ['no model', { text: 'ok' }, 'model'],
    // The ledger's records take model names only: before, "Invalid LedgerRecordV1".
    ['a model that is no model name', { text: 'ok', model: 'gpt 5 (routed)' }, 'model'],
    ['a 10,000-character model', { text: 'ok', model: 'g'.repeat(10_000) }, 'model'],
    ['null', null, 'result'],
  ])(
    '%s: an error naming the provider and the field; the answered attempt is booked',
    async (name, answer, field) => {
      const dir = join(root, `shape-${name.replace(/\W+/g, '-')}`);
      const provider: LLMProvider = {
        ...scriptedProvider(['unused'], { remote: true, name: 'homemade' }),
        call: async () => answer as never,
      };
      const run = await createLLMClient({
        policy: localPolicy(),
        provider,
        ledger: { dir },
      }).startRun({ runId: 'r' });
      const failed = run.generateText({ model: 'gpt-5.2', input: 'hi', maxOutputTokens: 50 });
      // Before: the ledger's "putArtifact takes a string..." or "Invalid LedgerRecordV1".
      await expect(failed).rejects.toThrow(`Provider "homemade" answered without a valid ${field}`);
      const usage = (await run.usage()).scopes[0]!;
      expect(usage.reserved.requests).toBe(0);
      expect(usage.spent.requests).toBe(1);
      await run.end();
    },
  );
});
