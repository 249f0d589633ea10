import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLLMClient } from '../src/index.js';
import { openaiProvider } from '../src/openai.js';
import { tempRoot } from './helpers/temp-root.js';
import { testApiKey } from './helpers/test-api-key.js';
import { localPolicy } from './local-policy.js';
import { chatCompletion, responsesAnswer, useRawServers } from './raw-http-server.js';

const apiKey = testApiKey('n');
const root = tempRoot('pm-openai-usage-');
const serve = useRawServers();

const cases = [
  [
    'chat',
    'more cached than input tokens',
    chatCompletion('ok', {
      usage: {
        prompt_tokens: 10,
        completion_tokens: 5,
        prompt_tokens_details: { cached_tokens: 50 },
      },
    }),
  ],
  [
    'chat',
    'more reasoning than output tokens',
    chatCompletion('ok', {
      usage: {
        prompt_tokens: 10,
        completion_tokens: 5,
        completion_tokens_details: { reasoning_tokens: 9 },
      },
    }),
  ],
  [
    'responses',
    'more cached than input tokens',
    responsesAnswer('ok', {
      usage: {
        input_tokens: 10,
        output_tokens: 5,
        total_tokens: 15,
        input_tokens_details: { cached_tokens: 50 },
        output_tokens_details: { reasoning_tokens: 0 },
      },
    }),
  ],
] as const;

describe('a usage whose parts exceed their totals', () => {
  it.each(cases)(
    '%s, %s: the answer is returned, booked at the worst case',
    async (api, what, body) => {
      const server = await serve(body);
      const client = createLLMClient({
        provider: openaiProvider({ apiKey, baseURL: server.baseURL, api }),
        policy: localPolicy(),
        ledger: { dir: join(root, `${api} ${what}`), durability: 'none' },
      });
      const run = await client.startRun({ runId: 'usage' });
      const result = await run.generateText({
        model: 'gpt-5.2',
        input: 'Say ok',
        maxOutputTokens: 100,
      });
      expect(result.output).toBe('ok');
      expect(result.usageEstimated).toBe(true);
      expect(result.usage.outputTokens).toBe(100);
      await run.end();
    },
  );
});
