import { describe, expect, it } from 'vitest';
import { createLLMClient, type LLMEvent } from '../src/index.js';
import { openaiProvider } from '../src/openai.js';
import { scriptedProvider } from '../src/testing.js';
import { ledgerRecords } from './helpers/ledger-records.js';
import { rejection } from './helpers/rejection.js';
import { tempRoot } from './helpers/temp-root.js';
import { testApiKey } from './helpers/test-api-key.js';
import { localPolicy } from './local-policy.js';
import { chatCompletion, startRawServer } from './raw-http-server.js';

const root = tempRoot('pm-usage-beyond-reach-');
const call = { model: 'gpt-5.2', input: 'hi', maxOutputTokens: 100 };

// Whole, consistent counts no call can have used: a broken gateway's, or a host provider's
// that reports bytes or a running total. Priced, they pass 2^53 micro-dollars (the budget
// refuses to settle them) and, summed, the run summary's integers (the ledger refuses run_end).
const beyondReach = {
  'output 9e15': {
    input_tokens: 10,
    cached_input_tokens: 0,
    output_tokens: 9e15,
    reasoning_tokens: 0,
  },
  'input 2^52': {
    input_tokens: 2 ** 52,
    cached_input_tokens: 0,
    output_tokens: 5,
    reasoning_tokens: 0,
  },
};

describe('a reported usage beyond what any call can use', () => {
  for (const [name, usage] of Object.entries(beyondReach)) {
    it(`(${name}) is booked at the worst case, and the run still ends`, async () => {
      const runId = `host-${name.replace(/\W+/g, '-')}`;
      const events: LLMEvent[] = [];
      const client = createLLMClient({
        provider: scriptedProvider([{ text: 'ok', usage }], { remote: true }),
        policy: localPolicy(),
        ledger: { dir: root, durability: 'none' },
        onEvent: (event) => events.push(event),
      });
      const run = await client.startRun({ runId });
      // Twice: two such usages summed pass 2^53 even where one alone does not.
      for (let i = 0; i < 2; i++) {
        const result = await run.generateText(call);
        expect(result.output).toBe('ok');
        expect(result.usageEstimated).toBe(true);
        expect(result.usage.outputTokens).toBe(call.maxOutputTokens);
        expect(result.outputAboveMax).toBe(false);
      }
      const [scope] = (await run.usage()).scopes;
      expect(scope?.reserved).toEqual({ tokens: 0, usd: 0, requests: 0 });
      expect(scope?.spent.requests).toBe(2);
      const { summary } = await run.end();
      expect(summary.responses).toBe(2);
      expect(summary.errors).toBe(0);
      const types = ledgerRecords(root, runId).map((r) => r.type);
      expect(types).toEqual(['run_start', 'request', 'response', 'request', 'response', 'run_end']);
      expect(events.some((e) => e.type === 'call.failed')).toBe(false);
    });
  }

  it('from the OpenAI provider (a gateway reporting 9e15 completion tokens) the same', async () => {
    const server = await startRawServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(chatCompletion('ok', { usage: { prompt_tokens: 30, completion_tokens: 9e15 } }));
    });
    try {
      const client = createLLMClient({
        provider: openaiProvider({ apiKey: testApiKey('u'), baseURL: server.baseURL }),
        policy: localPolicy(),
        ledger: { dir: root, durability: 'none' },
      });
      const run = await client.startRun({ runId: 'openai-9e15' });
      const first = await run.generateText(call);
      expect(first.usageEstimated).toBe(true);
      await run.generateText(call);
      const { summary } = await run.end();
      expect(summary.responses).toBe(2);
      expect(summary.output_tokens).toBe(2 * call.maxOutputTokens);
    } finally {
      await server.close();
    }
  });
});

describe('maxOutputTokens beyond what any call can use', () => {
  it('is INVALID_ARGUMENT before anything is stored, so offline runs still end', async () => {
    const client = createLLMClient({ ledger: { dir: root, durability: 'none' } });
    const run = await client.startRun({ runId: 'max-output-huge' });
    const error = await rejection(run.generateText({ ...call, maxOutputTokens: 5e15 }));
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(error.message).toContain('maxOutputTokens');
    await rejection(run.generateText({ ...call, maxOutputTokens: 5e15 }));
    await expect(run.end()).resolves.toMatchObject({ summary: { errors: 2 } });
  });
});
