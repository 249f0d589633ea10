import { describe, expect, it } from 'vitest';
import { ProviderUnavailableError } from '../src/index.js';
import { openaiProvider } from '../src/openai.js';
import { callProvider } from './helpers/call-provider.js';
import { testApiKey } from './helpers/test-api-key.js';
import { chatCompletion, responsesAnswer, useRawServers } from './raw-http-server.js';

const apiKey = testApiKey('t');
const serve = useRawServers();

/** The failure of one call to a server answering 200 with `body` and `headers`. */
async function failure(
  api: 'chat' | 'responses',
  body: string,
  headers: Record<string, string>,
): Promise<ProviderUnavailableError> {
  const server = await serve((_req, res) => {
    res.writeHead(200, headers).end(body);
  });
  const error = await callProvider(openaiProvider({ apiKey, baseURL: server.baseURL, api })).catch(
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderUnavailableError);
  return error as ProviderUnavailableError;
}

describe('a 2xx body that is not labelled JSON', () => {
  it.each([
    ['chat', chatCompletion('ok')],
    ['responses', responsesAnswer('ok')],
  ] as const)('%s: an answer sent as text/plain says its content-type', async (api, body) => {
    const error = await failure(api, body, { 'content-type': 'text/plain; charset=utf-8' });
    expect(error.message).toContain(
      'the body is text, not JSON: its content-type is text/plain, and an OpenAI-compatible API answers application/json',
    );
    expect(error.message).not.toContain('the body is a string');
    expect(error.possiblyBilled).toBe(true);
    expect(error.retryable).toBe(false);
  });

  it('an answer without a content-type says it has none', async () => {
    const error = await failure('chat', chatCompletion('ok'), {});
    expect(error.message).toContain('the body is text, not JSON: it has no content-type');
  });

  it('an HTML page says text/html', async () => {
    const error = await failure('chat', '<html>Gateway login</html>', {
      'content-type': 'text/html',
    });
    expect(error.message).toContain('its content-type is text/html');
  });

  it('a content-type that is not a media type is not quoted', async () => {
    const error = await failure('chat', 'x', { 'content-type': 'sk live, whatever' });
    expect(error.message).toContain('its content-type is not one');
    expect(error.message).not.toContain('sk live');
  });

  it('a JSON string (application/json) is still "a string", not "text"', async () => {
    const error = await failure('responses', '"ok"', { 'content-type': 'application/json' });
    expect(error.message).toContain('the body is a string, not a Responses API response object');
  });
});
