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

describe('openaiProvider option values of the wrong type', () => {
  const create = (options: Record<string, unknown>) =>
    thrown(() =>
      openaiProvider({ apiKey, ...options } as unknown as Parameters<typeof openaiProvider>[0]),
    );

  it.each([
    ['"100"', '100', 'got "100" (a string)'],
    ['NaN', Number.NaN, 'got NaN (a number)'],
    ['0', 0, 'got 0 (a number)'],
    ['null', null, 'got null'],
    ['an object', { ms: 100 }, 'got an object'],
  ])('timeoutMs %s is refused, shown as given', (_name, timeoutMs, said) => {
    const error = create({ timeoutMs });
    expect(isPmError(error) && error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain('openaiProvider({ timeoutMs }) must be a number');
    expect(error.message).toContain(said);
  });

  it.each([
    ['null', null, 'got null'],
    ['"Chat"', 'Chat', 'got "Chat" (a string)'],
    ['a number', 1, 'got 1 (a number)'],
  ])('api %s is refused, naming the allowed values', (_name, api, said) => {
    const error = create({ api });
    expect(isPmError(error) && error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain(
      "must be 'chat' (Chat Completions, the default) or 'responses'",
    );
    expect(error.message).toContain(said);
  });

  it('a null baseURL is refused rather than sending the prompt to api.openai.com', () => {
    const error = create({ baseURL: null });
    expect(isPmError(error) && error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain(
      'openaiProvider({ baseURL }) is null, which is not an http(s) URL',
    );
  });

  it('a key pasted into timeoutMs is not quoted', () => {
    const error = create({ timeoutMs: apiKey });
    expect(error.message).toContain(`got a string of ${apiKey.length} characters`);
    expect(error.message).not.toContain(apiKey.slice(0, 10));
  });

  it('an apiKey of the wrong type says its kind', () => {
    expect(create({ apiKey: 123 }).message).toContain('got a number.');
    expect(create({ apiKey: null }).message).toContain('got null.');
  });

  it('left out, each option takes its default and the call reaches the gateway', async () => {
    const server = await serve(chatCompletion('ok'));
    const provider = openaiProvider({
      apiKey,
      baseURL: server.baseURL,
      api: undefined,
      timeoutMs: undefined,
    });
    expect(provider.describe().endpoints[0]?.purpose).toBe('chat completions');
    expect((await callProvider(provider)).text).toBe('ok');
    expect(server.seen[0]?.url).toBe('/v1/chat/completions');
  });
});
