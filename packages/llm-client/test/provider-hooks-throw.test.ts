import { PmError } from '@pm/envelope-schemas';
import { describe, expect, it } from 'vitest';
import { createLLMClient, type LLMProvider } from '../src/index.js';
import { scriptedProvider } from '../src/testing.js';
import { ledgerRecords } from './helpers/ledger-records.js';
import { rejection } from './helpers/rejection.js';
import { tempRoot } from './helpers/temp-root.js';
import { localPolicy } from './local-policy.js';

const root = tempRoot('pm-provider-hooks-throw-');
const call = { model: 'gpt-5.2', input: 'hi', maxOutputTokens: 50 };

/** A host's remote provider named `homemade`, with `hooks` over the scripted one's. */
function homemade(hooks: Partial<LLMProvider>): LLMProvider & { calls: unknown[] } {
  const scripted = scriptedProvider(['answer'], { remote: true, name: 'homemade' });
  return Object.assign(scripted, hooks);
}

// Host code broke, not the SDK: the error names the provider and the hook, never the thrown
// message (it may quote a token), and does not ask for a bug report against the SDK.
describe("a host provider's hook that throws something other than a PmError", () => {
  for (const hook of ['checkRequest', 'sentReasoningEffort'] as const) {
    it(`(${hook}) fails the call naming the provider and the hook; nothing is sent or held`, async () => {
      const provider = homemade({
        [hook]: () => {
          throw new TypeError(`cannot read the secret sk-${'x'.repeat(30)}`);
        },
      });
      const run = await createLLMClient({
        policy: localPolicy(),
        provider,
        ledger: { dir: root, durability: 'none' },
      }).startRun({ runId: hook });
      const error = await rejection(run.generateText(call));
      expect(error).toMatchObject({ code: 'INTERNAL_ERROR' });
      expect(error.message).toContain(`Provider "homemade" threw a TypeError in ${hook}`);
      expect(error.message).not.toContain('report this as a bug');
      expect(error.message).not.toContain('secret');
      expect(provider.calls).toHaveLength(0);
      const [scope] = (await run.usage()).scopes;
      expect(scope?.reserved).toEqual({ tokens: 0, usd: 0, requests: 0 });
      await run.end();
      const record = ledgerRecords(root, hook).find((r) => r.type === 'error');
      expect(record?.data).toMatchObject({ code: 'INTERNAL_ERROR', reservation: 'none' });
    });
  }

  it("(a PmError from checkRequest) is the provider's own refusal, passed on as it is", async () => {
    const refusal = new PmError('INVALID_ARGUMENT', 'maxOutputTokens must be at least 16 here');
    const run = await createLLMClient({
      policy: localPolicy(),
      provider: homemade({
        checkRequest: () => {
          throw refusal;
        },
      }),
      ledger: { dir: root, durability: 'none' },
    }).startRun({ runId: 'own-refusal' });
    await expect(run.generateText(call)).rejects.toBe(refusal);
    await run.end();
  });
});
