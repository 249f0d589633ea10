import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLLMClient, isPmError } from '../src/index.js';
import { AnswerTooLargeError, openaiProvider } from '../src/openai.js';
import { callProvider } from './helpers/call-provider.js';
import { ledgerRecords } from './helpers/ledger-records.js';
import { tempRoot } from './helpers/temp-root.js';
import { testApiKey } from './helpers/test-api-key.js';
import { within } from './helpers/within.js';
import { localPolicy } from './local-policy.js';
import { chatCompletion, responsesAnswer, useRawServers } from './raw-http-server.js';

const apiKey = testApiKey('size');
const serve = useRawServers();
const root = tempRoot('pm-openai-answer-size-');

/** A 2xx chat completion of about 30 MB that reports 10 output tokens. */
const huge = chatCompletion('x'.repeat(30_000_000), {
  usage: { prompt_tokens: 10, completion_tokens: 10 },
});

describe('the bytes read from one OpenAI answer are bounded', () => {
  it('a 30 MB 2xx with a content-length is refused before it is read', async () => {
    const server = await serve((_req, res) => {
      res
        .writeHead(200, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(huge),
        })
        .end(huge);
    });
    const error = await within(
      callProvider(openaiProvider({ apiKey, baseURL: server.baseURL }), {
        maxOutputTokens: 64,
      }).catch((e: unknown) => e),
      10_000,
    );
    expect(error).toBeInstanceOf(AnswerTooLargeError);
    const tooLarge = error as AnswerTooLargeError;
    expect(tooLarge.code).toBe('PROVIDER_UNAVAILABLE');
    expect(tooLarge.limitBytes).toBe(1024 * 1024 + 64 * 64);
    expect(tooLarge.possiblyBilled).toBe(true);
    expect(tooLarge.retryable).toBe(false);
    expect(tooLarge.message).toContain(
      `with ${Buffer.byteLength(huge)} bytes (its content-length)`,
    );
    expect(tooLarge.message).toContain('the bound for maxOutputTokens 64');
    expect(tooLarge.message).toContain('openaiProvider({ maxAnswerBytes })');
    expect(tooLarge.message).not.toContain(apiKey.slice(8));
  });

  it.each(['chat', 'responses'] as const)(
    '%s: a 30 MB 2xx sent in chunks without a length stops at the bound and closes the connection',
    async (api) => {
      const chunk = 'x'.repeat(64 * 1024);
      let written = 0;
      const server = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write(
          api === 'chat'
            ? '{"id":"chatcmpl-1","choices":[{"message":{"content":"'
            : '{"output":[{"text":"',
        );
        const more = () => {
          // Stops writing once the client has gone: the bound closed the connection.
          while (written < 30_000_000 && !res.destroyed) {
            written += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', more);
          }
          if (!res.destroyed) res.end('"}]}');
        };
        more();
      });
      const error = await within(
        callProvider(openaiProvider({ apiKey, baseURL: server.baseURL, api }), {
          maxOutputTokens: 64,
        }).catch((e: unknown) => e),
        10_000,
      );
      expect(error).toBeInstanceOf(AnswerTooLargeError);
      expect((error as AnswerTooLargeError).message).toContain(
        `with more than ${1024 * 1024 + 64 * 64} bytes`,
      );
      expect(written).toBeLessThan(30_000_000);
    },
  );

  it('an answer within the default bound is read as before', async () => {
    const server = await serve(chatCompletion('y'.repeat(100_000)));
    const result = await callProvider(openaiProvider({ apiKey, baseURL: server.baseURL }), {
      maxOutputTokens: 64,
    });
    expect(result.text).toHaveLength(100_000);
  });

  it('maxAnswerBytes sets the bound, and the message says to raise it', async () => {
    const server = await serve(responsesAnswer('z'.repeat(4096)));
    const provider = openaiProvider({
      apiKey,
      baseURL: server.baseURL,
      api: 'responses',
      maxAnswerBytes: 2048,
    });
    const error = await callProvider(provider, { maxOutputTokens: 64 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AnswerTooLargeError);
    expect((error as Error).message).toContain('above openaiProvider({ maxAnswerBytes: 2048 })');
    expect((error as Error).message).toContain('raise maxAnswerBytes');
  });

  it('an error status with an oversized body is not said to be billed', async () => {
    const server = await serve((_req, res) => {
      res
        .writeHead(500, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { message: 'e'.repeat(8192) } }));
    });
    const provider = openaiProvider({ apiKey, baseURL: server.baseURL, maxAnswerBytes: 2048 });
    const error = await callProvider(provider).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AnswerTooLargeError);
    expect((error as AnswerTooLargeError).possiblyBilled).toBe(false);
    expect((error as AnswerTooLargeError).status).toBe(500);
    expect((error as Error).message).not.toContain('may have been billed');
  });

  it.each([10, 1023, 2048.5, '4096', null])(
    'maxAnswerBytes %j is INVALID_ARGUMENT when the provider is created',
    (value) => {
      let error: unknown;
      try {
        openaiProvider({ apiKey, maxAnswerBytes: value as number });
      } catch (e) {
        error = e;
      }
      expect(isPmError(error) && error.code).toBe('INVALID_ARGUMENT');
      expect((error as Error).message).toContain('maxAnswerBytes');
    },
  );

  it('through the pipeline: the call fails typed, is booked at its worst case, stores no output', async () => {
    const server = await serve(huge);
    const dir = join(root, 'governed');
    const client = createLLMClient({
      provider: openaiProvider({ apiKey, baseURL: server.baseURL }),
      policy: localPolicy(),
      ledger: { dir, durability: 'none' },
      retry: { attempts: 3, baseMs: 1, maxMs: 5 },
    });
    const run = await client.startRun({ runId: 'governed' });
    const call = { model: 'gpt-5.2', input: 'Say ok', maxOutputTokens: 64 };
    const estimate = await run.estimate(call);
    const error = await within(
      run.generateText(call).catch((e: unknown) => e),
      10_000,
    );
    expect(error).toBeInstanceOf(AnswerTooLargeError);
    expect((error as Error).message).toContain('Gave up after 1 attempt(s).');
    expect(server.seen).toHaveLength(1); // not retried
    const usage = await run.usage();
    expect(usage.scopes[0]?.reserved).toEqual({ tokens: 0, usd: 0, requests: 0 });
    expect(usage.scopes[0]?.spent.usd).toBe(estimate.worstCaseCostUsd);
    await run.end();
    const records = ledgerRecords(dir, 'governed');
    expect(records.map((r) => r.type)).toEqual(['run_start', 'request', 'error', 'run_end']);
    expect(records[2]?.data).toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
      phase: 'call',
      attempts: 1,
      reservation: 'settled',
      cost_usd: estimate.worstCaseCostUsd,
    });
  });
});
