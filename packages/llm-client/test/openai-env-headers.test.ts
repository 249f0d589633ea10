import { afterEach, describe, expect, it, vi } from 'vitest';
import { openaiProvider } from '../src/openai.js';
import { callProvider } from './helpers/call-provider.js';
import { testApiKey } from './helpers/test-api-key.js';
import { chatCompletion, responsesAnswer, useRawServers } from './raw-http-server.js';

const apiKey = testApiKey('g');
const otherKey = testApiKey('h');

const serve = useRawServers();
const saved = { headers: process.env.OPENAI_CUSTOM_HEADERS, log: process.env.OPENAI_LOG };
afterEach(() => {
  if (saved.headers === undefined) delete process.env.OPENAI_CUSTOM_HEADERS;
  else process.env.OPENAI_CUSTOM_HEADERS = saved.headers;
  if (saved.log === undefined) delete process.env.OPENAI_LOG;
  else process.env.OPENAI_LOG = saved.log;
  vi.restoreAllMocks();
});

describe('openaiProvider and OPENAI_CUSTOM_HEADERS', () => {
  it.each(['chat', 'responses'] as const)(
    '%s: sends the governed key and none of the variable headers',
    async (api) => {
      const server = await serve((req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          req.url?.endsWith('/responses')
            ? responsesAnswer('ok', { model: 'gpt-4o' })
            : chatCompletion('ok'),
        );
      });
      // Set for another tool in the same environment.
      process.env.OPENAI_CUSTOM_HEADERS = [
        `authorization: Bearer ${otherKey}`,
        'OpenAI-Organization: org-elsewhere',
        'X-Gateway-Token: from-the-environment',
      ].join('\n');
      const provider = openaiProvider({ apiKey, baseURL: server.baseURL, api });
      const result = await callProvider(provider);
      expect(result.text).toBe('ok');
      const { headers } = server.seen[0]!;
      expect(headers.authorization === `Bearer ${apiKey}`).toBe(true);
      expect(headers['openai-organization']).toBeUndefined();
      expect(headers['x-gateway-token']).toBeUndefined();
    },
  );
});

describe('openaiProvider and OPENAI_LOG', () => {
  it('prints neither the prompt nor the answer, whatever OPENAI_LOG says', async () => {
    const server = await serve(chatCompletion('answer-marker'));
    process.env.OPENAI_LOG = 'debug';
    const printed: unknown[][] = [];
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        printed.push(args);
      });
    }
    const provider = openaiProvider({ apiKey, baseURL: server.baseURL });
    const result = await callProvider(provider, {
      messages: [{ role: 'user', content: 'prompt-marker' }],
    });
    expect(result.text).toBe('answer-marker');
    expect(printed).toEqual([]);
  });
});
