import { describe, expect, it } from 'vitest';
import { createLLMClient, type LLMEvent } from '../src/index.js';
import { scriptedProvider } from '../src/testing.js';
import { ledgerRecords } from './helpers/ledger-records.js';
import { tempRoot } from './helpers/temp-root.js';
import { localPolicy } from './local-policy.js';

const root = tempRoot('pm-inconsistent-usage-');
const call = { model: 'gpt-5.2', input: 'hi', maxOutputTokens: 100 };

// A host provider (not the OpenAI one, which checks its usage itself) reporting parts that
// exceed their totals: the budget cannot price such a usage.
const inconsistent = {
  'cached > input': {
    input_tokens: 10,
    cached_input_tokens: 20,
    output_tokens: 5,
    reasoning_tokens: 0,
  },
  'reasoning > output': {
    input_tokens: 10,
    cached_input_tokens: 0,
    output_tokens: 5,
    reasoning_tokens: 9,
  },
};

describe("a host provider's usage whose parts exceed their totals", () => {
  for (const [name, usage] of Object.entries(inconsistent)) {
    it(`(${name}) is booked at the worst case and recorded, not failed with its worst case still held`, async () => {
      const runId = name.replace(/\W+/g, '-');
      const events: LLMEvent[] = [];
      const client = createLLMClient({
        provider: scriptedProvider([{ text: 'ok', usage }], { remote: true }),
        policy: localPolicy(),
        ledger: { dir: root, durability: 'none' },
        onEvent: (event) => events.push(event),
      });
      const run = await client.startRun({ runId });
      const result = await run.generateText(call);
      expect(result.output).toBe('ok');
      expect(result.usageEstimated).toBe(true);
      expect(result.usage.outputTokens).toBe(call.maxOutputTokens);
      expect(result.costUsd).toBeGreaterThan(0);
      // Nothing left reserved: the answer was billed, so its worst case is spent.
      const [scope] = (await run.usage()).scopes;
      expect(scope?.reserved).toEqual({ tokens: 0, usd: 0, requests: 0 });
      expect(scope?.spent.requests).toBe(1);
      expect(scope?.spent.usd).toBe(result.costUsd);
      await run.end();
      const types = ledgerRecords(root, runId).map((r) => r.type);
      expect(types).toEqual(['run_start', 'request', 'response', 'run_end']);
      expect(events.some((e) => e.type === 'call.failed')).toBe(false);
    });
  }
});
