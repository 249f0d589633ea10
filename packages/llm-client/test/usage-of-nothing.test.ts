import { describe, expect, it } from 'vitest';
import { createLLMClient } from '../src/index.js';
import { openaiProvider } from '../src/openai.js';
import { scriptedProvider } from '../src/testing.js';
import { tempRoot } from './helpers/temp-root.js';
import { testApiKey } from './helpers/test-api-key.js';
import { localPolicy } from './local-policy.js';
import { chatCompletion, useRawServers } from './raw-http-server.js';

const root = tempRoot('pm-usage-of-nothing-');
const serve = useRawServers();
const call = { model: 'gpt-5.2', input: 'Summarise the week. '.repeat(20), maxOutputTokens: 400 };

// A gateway or compatible server that fills usage with zeros: booked as reported, every call
// cost nothing and a hard cap let any number of them through.
describe('a usage that counts no tokens for a call that sent a prompt', () => {
  it('(an OpenAI-compatible server reporting zeros) is booked at the worst case, so the cap holds', async () => {
    const server = await serve(
      chatCompletion('A long answer. '.repeat(50), {
        usage: { prompt_tokens: 0, completion_tokens: 0 },
      }),
    );
    const client = createLLMClient({
      provider: openaiProvider({ apiKey: testApiKey('z'), baseURL: server.baseURL }),
      policy: localPolicy({ max_cost_usd: 0.02 }),
      ledger: { dir: root, durability: 'none' },
    });
    const run = await client.startRun({ runId: 'zeros' });
    const first = await run.generateText(call);
    expect(first.usageEstimated).toBe(true);
    expect(first.costUsd).toBeGreaterThan(0);
    const outcomes: string[] = [];
    for (let i = 0; i < 20; i++) {
      outcomes.push(
        await run.generateText(call).then(
          () => 'ok',
          (error: { code: string }) => error.code,
        ),
      );
    }
    expect(outcomes).toContain('BUDGET_EXCEEDED');
    const [scope] = (await run.usage()).scopes;
    expect(scope?.spent.usd).toBeLessThanOrEqual(0.02);
    await run.end();
  });

  it('(no output tokens for an answer with text, from a host provider) the same', async () => {
    const result = await answerWithNoOutputTokens('an answer', 'no-output');
    expect(result.usageEstimated).toBe(true);
    expect(result.usage.outputTokens).toBe(call.maxOutputTokens);
  });

  it('an empty answer with no output tokens is taken as reported', async () => {
    const result = await answerWithNoOutputTokens('', 'empty-answer');
    expect(result.usageEstimated).toBe(false);
    expect(result.usage).toMatchObject({ inputTokens: 50, outputTokens: 0 });
  });
});

/** One call whose host provider answers `text` reporting 50 input and no output tokens. */
async function answerWithNoOutputTokens(text: string, runId: string) {
  const usage = { input_tokens: 50, cached_input_tokens: 0, output_tokens: 0, reasoning_tokens: 0 };
  const client = createLLMClient({
    provider: scriptedProvider([{ text, usage }], { remote: true }),
    policy: localPolicy(),
    ledger: { dir: root, durability: 'none' },
  });
  const run = await client.startRun({ runId });
  const result = await run.generateText(call);
  await run.end();
  return result;
}
