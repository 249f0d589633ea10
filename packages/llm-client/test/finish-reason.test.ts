import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLLMClient } from '../src/index.js';
import { openaiProvider } from '../src/openai.js';
import { ledgerRecords } from './helpers/ledger-records.js';
import { tempRoot } from './helpers/temp-root.js';
import { testApiKey } from './helpers/test-api-key.js';
import { localPolicy } from './local-policy.js';
import { chatCompletion, responsesAnswer, useRawServers } from './raw-http-server.js';

const apiKey = testApiKey('f');
const root = tempRoot('pm-finish-reason-');
const serve = useRawServers();

const chatCut = chatCompletion('The cases are sl', {
  usage: { prompt_tokens: 21, completion_tokens: 64 },
  finishReason: 'length',
});

/** A Responses API answer, `completed` or cut at max_output_tokens. */
function responsesCut(status: 'completed' | 'incomplete'): string {
  return responsesAnswer('The cases are sl', {
    status,
    usage: { input_tokens: 21, output_tokens: 64, total_tokens: 85 },
  });
}

const cases = [
  { api: 'chat', what: 'cut at maxOutputTokens', body: chatCut, reason: 'length' },
  {
    api: 'responses',
    what: 'cut at maxOutputTokens',
    body: responsesCut('incomplete'),
    reason: 'length',
  },
  { api: 'responses', what: 'complete', body: responsesCut('completed'), reason: 'stop' },
] as const;

describe('why the model stopped reaches the host, in one vocabulary for both OpenAI APIs', () => {
  it.each(cases)(
    '$api, $what: finishReason $reason in the result and the ledger',
    async ({ api, what, body, reason }) => {
      const server = await serve(body);
      const dir = join(root, `${api} ${what}`);
      const client = createLLMClient({
        provider: openaiProvider({ apiKey, baseURL: server.baseURL, api }),
        policy: localPolicy(),
        ledger: { dir, durability: 'none' },
      });
      const run = await client.startRun({ runId: 'run-1' });
      const result = await run.generateText({
        model: 'gpt-5.2',
        input: 'Say ok',
        maxOutputTokens: 64,
      });
      await run.end();
      expect(result.finishReason).toBe(reason);
      const response = ledgerRecords(dir, 'run-1').find((record) => record.type === 'response');
      expect(response?.data.finish_reason).toBe(reason);
    },
  );

  it('the offline provider says stop', async () => {
    const client = createLLMClient({ ledger: { dir: join(root, 'offline') } });
    const run = await client.startRun({ runId: 'run-1' });
    const result = await run.generateText({
      model: 'gpt-5.2',
      input: 'Say ok',
      maxOutputTokens: 16,
    });
    await run.end();
    expect(result.finishReason).toBe('stop');
  });
});
