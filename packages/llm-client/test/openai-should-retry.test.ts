import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLLMClient, isPmError, ProviderUnavailableError } from '../src/index.js';
import { openaiProvider } from '../src/openai.js';
import { callProvider } from './helpers/call-provider.js';
import { ledgerRecords } from './helpers/ledger-records.js';
import { tempRoot } from './helpers/temp-root.js';
import { testApiKey } from './helpers/test-api-key.js';
import { localPolicy } from './local-policy.js';
import { chatCompletion, type RawServer, useRawServers } from './raw-http-server.js';

const apiKey = testApiKey('r');
const root = tempRoot('pm-openai-should-retry-');
const serveRaw = useRawServers();

/** One HTTP error answer: a status and the `x-should-retry` header, if any. */
type Answer = { status: number; shouldRetry?: string; headers?: Record<string, string> };

/** Answers the requests in turn with `answers`, then with a chat completion. */
function serve(answers: Answer[]): Promise<RawServer> {
  return serveRaw((_req, res, i) => {
    const answer = answers[i];
    if (!answer) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(chatCompletion('ok'));
      return;
    }
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      ...(answer.shouldRetry === undefined ? {} : { 'x-should-retry': answer.shouldRetry }),
      ...answer.headers,
    };
    res
      .writeHead(answer.status, headers)
      .end(JSON.stringify({ error: { message: 'Nope.', type: 'server_error' } }));
  });
}

async function attempt(answer: Answer): Promise<ProviderUnavailableError> {
  const server = await serve([answer]);
  const error = await callProvider(openaiProvider({ apiKey, baseURL: server.baseURL })).catch(
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderUnavailableError);
  return error as ProviderUnavailableError;
}

function governedClient(server: RawServer, dir: string, attempts = 3) {
  return createLLMClient({
    provider: openaiProvider({ apiKey, baseURL: server.baseURL }),
    policy: localPolicy(),
    ledger: { dir: join(root, dir), durability: 'none' },
    retry: { attempts, baseMs: 1, maxMs: 5, maxRetryAfterMs: 50 },
  });
}

const call = { model: 'gpt-5.2', input: 'Say ok', maxOutputTokens: 64 };

describe('x-should-retry, as the openai SDK obeys it', () => {
  it('false forbids retrying a status that is otherwise retried, and says so', async () => {
    const error = await attempt({ status: 503, shouldRetry: 'false' });
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('failed on its side; not retried');
    expect(error.message).toContain('x-should-retry: false');
    expect(error.message).not.toContain('retried while retry.attempts allow');
  });

  it('true forces a retry of a status that is otherwise not retried, after the wait asked for', async () => {
    const error = await attempt({
      status: 400,
      shouldRetry: 'true',
      headers: { 'retry-after-ms': '20' },
    });
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(20);
    expect(error.message).toContain('asked for a retry (x-should-retry: true)');
    expect(error.message).not.toContain('not retried');
  });

  it('true overrides an exhausted quota too, as in the SDK', async () => {
    const server = await serveRaw((_req, res) => {
      res
        .writeHead(429, { 'content-type': 'application/json', 'x-should-retry': 'true' })
        .end(JSON.stringify({ error: { message: 'Quota.', code: 'insufficient_quota' } }));
    });
    const error = (await callProvider(openaiProvider({ apiKey, baseURL: server.baseURL })).catch(
      (e: unknown) => e,
    )) as ProviderUnavailableError;
    expect(error.retryable).toBe(true);
  });

  it.each([['TRUE'], ['yes'], ['1'], ['']])(
    'any other value (%j) leaves the status to decide',
    async (value) => {
      expect((await attempt({ status: 400, shouldRetry: value })).retryable).toBe(false);
      expect((await attempt({ status: 503, shouldRetry: value })).retryable).toBe(true);
    },
  );

  it('a governed call the server forbids to retry makes one request and books none', async () => {
    const server = await serve([503, 503, 503].map((status) => ({ status, shouldRetry: 'false' })));
    const run = await governedClient(server, 'forbidden').startRun({ runId: 'forbidden' });
    const error = await run.generateText(call).catch((e: unknown) => e);
    expect(isPmError(error) && error.code).toBe('PROVIDER_UNAVAILABLE');
    expect((error as ProviderUnavailableError).attempts).toBe(1);
    expect(server.seen).toHaveLength(1);
    const { spent, reserved } = (await run.usage()).scopes[0]!;
    expect(spent.requests).toBe(0);
    expect(reserved.requests).toBe(0);
    await run.end();
    const failed = ledgerRecords(join(root, 'forbidden'), 'forbidden').find(
      (r) => r.type === 'error',
    );
    expect(failed?.data).toMatchObject({ attempts: 1, reservation: 'released' });
  });

  it('a forced retry is a retry like any other: it books its request', async () => {
    const server = await serve([{ status: 400, shouldRetry: 'true' }]);
    const run = await governedClient(server, 'forced').startRun({ runId: 'forced' });
    const result = await run.generateText(call);
    expect(result.output).toBe('ok');
    expect(result.attempts).toBe(2);
    expect(server.seen).toHaveLength(2);
    const { spent, reserved } = (await run.usage()).scopes[0]!;
    expect(spent.requests).toBe(2);
    expect(reserved.requests).toBe(0);
    await run.end();
  });

  it('forced retries stop at retry.attempts', async () => {
    const always = Array.from({ length: 10 }, () => ({ status: 401, shouldRetry: 'true' }));
    const server = await serve(always);
    const run = await governedClient(server, 'bounded', 3).startRun({ runId: 'bounded' });
    const error = await run.generateText(call).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect((error as ProviderUnavailableError).attempts).toBe(3);
    expect((error as Error).message).toContain('Gave up after 3 attempt(s).');
    expect(server.seen).toHaveLength(3);
    expect((await run.usage()).scopes[0]!.reserved.requests).toBe(0);
    await run.end();
  });
});

describe('an HTTP error whose body stalls', () => {
  it('says the body did not arrive, not that the server said "This operation was aborted"', async () => {
    const server = await serveRaw((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json' }).write('{"error":');
    });
    const error = await callProvider(
      openaiProvider({ apiKey, baseURL: server.baseURL, timeoutMs: 200 }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    const { message, status, retryable } = error as ProviderUnavailableError;
    expect(message).toContain(
      'OpenAI answered HTTP 503: its error body did not arrive within timeoutMs.',
    );
    expect(message).not.toContain('aborted');
    expect([status, retryable]).toEqual([503, true]);
  });
});
