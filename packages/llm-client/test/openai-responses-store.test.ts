import { describe, expect, it } from 'vitest';
import { createEgressFetch } from '../src/index.js';
import { openaiProvider } from '../src/openai.js';
import { chatCompletion, startRawServer } from './raw-http-server.js';

// Built at run time: the repository's secret scanner refuses key-shaped literals.
const apiKey = ['sk', 'test', 'k'.repeat(24)].join('-');

const responseBody = JSON.stringify({
  id: 'resp-1',
  object: 'response',
  created_at: 1,
  model: 'gpt-5.2',
  status: 'completed',
  output: [
    {
      type: 'message',
      id: 'msg-1',
      role: 'assistant',
      status: 'completed',
      content: [{ type: 'output_text', text: 'ok', annotations: [] }],
    },
  ],
  usage: { input_tokens: 5, output_tokens: 1, total_tokens: 6 },
});

describe('what OpenAI keeps of a call', () => {
  it.each(['responses', 'chat'] as const)(
    '%s: leaves no stored copy of the response at OpenAI',
    async (api) => {
      const server = await startRawServer((req, res) => {
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(req.url?.endsWith('/responses') ? responseBody : chatCompletion('ok'));
      });
      try {
        const provider = openaiProvider({ apiKey, baseURL: server.baseURL, api });
        const result = await provider.call(
          {
            requestId: 'req-1',
            model: 'gpt-5.2',
            messages: [{ role: 'user', content: 'Say ok.' }],
            maxOutputTokens: 64,
            reasoningEffort: 'low',
          },
          { fetch: createEgressFetch({ allow: provider.origins }) },
        );
        expect(result.text).toBe('ok');
        const body = JSON.parse(server.seen[0]!.body) as { store?: unknown };
        // The Responses API stores by default, so it is told not to; Chat Completions does
        // not store unless asked, and is not asked.
        if (api === 'responses') expect(body.store).toBe(false);
        else expect(body.store).toBeUndefined();
      } finally {
        await server.close();
      }
    },
  );
});
