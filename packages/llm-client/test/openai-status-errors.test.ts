import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLLMClient, isPmError, ProviderUnavailableError } from '../src/index.js';
import { openaiProvider } from '../src/openai.js';
import { callProvider } from './helpers/call-provider.js';
import { tempRoot } from './helpers/temp-root.js';
import { testApiKey } from './helpers/test-api-key.js';
import { localPolicy } from './local-policy.js';
import { chatCompletion, type RawServer, useRawServers } from './raw-http-server.js';

const apiKey = testApiKey('s');
const root = tempRoot('pm-openai-status-');
const serveRaw = useRawServers();

type Answer = { status: number; error: Record<string, unknown>; headers?: Record<string, string> };

function serve(answers: Answer[]): Promise<RawServer> {
  return serveRaw((_req, res, i) => {
    const answer = answers[i];
    if (!answer) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(chatCompletion('ok'));
      return;
    }
    res
      .writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers })
      .end(JSON.stringify({ error: answer.error }));
  });
}

async function attempt(answer: Answer): Promise<ProviderUnavailableError> {
  const server = await serve([answer]);
  const provider = openaiProvider({ apiKey, baseURL: server.baseURL });
  const error = await callProvider(provider).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ProviderUnavailableError);
  return error as ProviderUnavailableError;
}

const quota: Answer = {
  status: 429,
  error: {
    message: 'You exceeded your current quota, please check your plan and billing details.',
    type: 'insufficient_quota',
    code: 'insufficient_quota',
  },
  headers: { 'retry-after': '20' },
};

describe('OpenAI HTTP errors', () => {
  it('an exhausted quota (429 insufficient_quota) is not retried and says so', async () => {
    const error = await attempt(quota);
    expect(error.status).toBe(429);
    expect(error.retryable).toBe(false);
    expect(error.retryAfterMs).toBeUndefined();
    expect(error.message).toContain('out of quota or credit');
  });

  it('a governed call out of quota makes one request, not three', async () => {
    const server = await serve([quota, quota, quota]);
    const client = createLLMClient({
      provider: openaiProvider({ apiKey, baseURL: server.baseURL }),
      policy: localPolicy(),
      ledger: { dir: join(root, 'quota'), durability: 'none' },
      retry: { attempts: 3, baseMs: 1, maxMs: 5, maxRetryAfterMs: 50 },
    });
    const run = await client.startRun({ runId: 'quota' });
    const error = await run
      .generateText({ model: 'gpt-5.2', input: 'Say ok', maxOutputTokens: 64 })
      .catch((e: unknown) => e);
    expect(isPmError(error) && error.code).toBe('PROVIDER_UNAVAILABLE');
    expect(server.seen).toHaveLength(1);
    await run.end();
  });

  it('a rate limit (429 rate_limit_exceeded) is still retried after its wait', async () => {
    const error = await attempt({
      status: 429,
      error: { message: 'Rate limit reached.', type: 'requests', code: 'rate_limit_exceeded' },
      headers: { 'retry-after-ms': '40' },
    });
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(40);
    expect(error.message).toContain('Rate limited');
  });

  it.each([
    [401, 'invalid_api_key', 'Check the API key'],
    [403, 'unsupported_country_region_territory', 'check its permissions'],
    [404, 'model_not_found', 'Check the model name and the provider baseURL'],
  ])('HTTP %i says what to do, once, without the key', async (status, code, advice) => {
    const error = await attempt({
      status,
      error: { message: `Refused for ${apiKey}`, type: 'invalid_request_error', code },
    });
    expect(error.message).toContain(`OpenAI answered HTTP ${status}: Refused for [REDACTED]. `);
    expect(error.message).toContain(advice);
    expect(error.message).not.toContain(apiKey);
    expect(error.retryable).toBe(false);
  });

  it('HTTP 401 keeps nothing of the masked key OpenAI echoes (its prefix and last four)', async () => {
    // What OpenAI answers for a wrong key: the key's start, asterisks, its last four.
    const masked = `${apiKey.slice(0, 8)}${'*'.repeat(20)}${apiKey.slice(-4)}`;
    const error = await attempt({
      status: 401,
      error: {
        message: `Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`,
        type: 'invalid_request_error',
        code: 'invalid_api_key',
      },
    });
    expect(error.message).toContain('Incorrect API key provided: [REDACTED]. You can find');
    expect(error.message).not.toContain(apiKey.slice(-4));
    expect(error.message).not.toContain(apiKey.slice(0, 8));
  });
});

describe('the advice of an HTTP error says what happens to the call', () => {
  const failure = { message: 'Nope.', type: 'server_error' };

  it('a 429 without Retry-After says it asked for no wait, not "the wait OpenAI asked for"', async () => {
    const error = await attempt({ status: 429, error: failure });
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBeUndefined();
    expect(error.message).toContain('Rate limited; retried while retry.attempts allow');
    expect(error.message).toContain('it asked for no wait (no Retry-After)');
    expect(error.message).not.toContain('the wait OpenAI asked for');
  });

  it('a 429 with Retry-After names the wait it asked for', async () => {
    const error = await attempt({ status: 429, error: failure, headers: { 'retry-after': '2' } });
    expect(error.retryAfterMs).toBe(2000);
    expect(error.message).toContain('after the 2 s wait it asked for (Retry-After');
  });

  it.each([
    [408, 'timed out waiting for the request'],
    [409, 'reported a conflict'],
    [500, 'failed on its side'],
    [503, 'failed on its side'],
  ])(
    'HTTP %i is retried and says so, not "check the model and call options"',
    async (status, said) => {
      const error = await attempt({ status, error: failure });
      expect(error.retryable).toBe(true);
      expect(error.message).toContain(said);
      expect(error.message).toContain('retried while retry.attempts allow');
      expect(error.message).not.toContain('check the model and call options');
      expect(error.message).not.toContain('not retried');
    },
  );

  it.each([
    [302, 'A redirect without a Location to follow: check the provider baseURL'],
    [400, 'The request was refused; check the model and call options; not retried.'],
    [413, 'shorten the input; not retried.'],
    [422, 'The request was refused; check the model and call options; not retried.'],
  ])('HTTP %i is not retried and says so', async (status, said) => {
    const error = await attempt({ status, error: failure });
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(said);
  });
});
