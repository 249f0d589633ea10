import { isPmError } from '@pm/envelope-schemas';
import { describe, expect, it } from 'vitest';
import { openaiProvider } from '../src/openai.js';
import { callProvider } from './helpers/call-provider.js';
import { testApiKey } from './helpers/test-api-key.js';
import { thrown } from './helpers/thrown.js';
import { chatCompletion, useRawServers } from './raw-http-server.js';

const apiKey = testApiKey('o');
const serve = useRawServers();

describe('openaiProvider options', () => {
  it('refuses a misspelt baseURL instead of sending the prompt to api.openai.com', async () => {
    const server = await serve(chatCompletion('ok'));
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
    const result = await callProvider(provider);
    expect(result.text).toBe('ok');
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
