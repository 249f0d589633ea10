import { describe, expect, it } from 'vitest';
import { openaiProvider } from '../src/openai.js';
import { callProvider } from './helpers/call-provider.js';
import { testApiKey } from './helpers/test-api-key.js';
import { chatCompletion, responsesAnswer, useRawServers } from './raw-http-server.js';

const apiKey = testApiKey('k');
const serve = useRawServers();

describe('what OpenAI keeps of a call', () => {
  it.each(['responses', 'chat'] as const)(
    '%s: leaves no stored copy of the response at OpenAI',
    async (api) => {
      const server = await serve((req, res) => {
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(req.url?.endsWith('/responses') ? responsesAnswer('ok') : chatCompletion('ok'));
      });
      const provider = openaiProvider({ apiKey, baseURL: server.baseURL, api });
      const result = await callProvider(provider, { model: 'gpt-5.2', maxOutputTokens: 64 });
      expect(result.text).toBe('ok');
      const body = JSON.parse(server.seen[0]!.body) as { store?: unknown };
      // The Responses API stores by default, so it is told not to; Chat Completions does
      // not store unless asked, and is not asked.
      if (api === 'responses') expect(body.store).toBe(false);
      else expect(body.store).toBeUndefined();
    },
  );
});
