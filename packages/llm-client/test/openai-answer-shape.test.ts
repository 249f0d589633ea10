import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLLMClient, isPmError } from '../src/index.js';
import { openaiProvider } from '../src/openai.js';
import { ledgerRecords } from './helpers/ledger-records.js';
import { tempRoot } from './helpers/temp-root.js';
import { testApiKey } from './helpers/test-api-key.js';
import { localPolicy } from './local-policy.js';
import { useRawServers } from './raw-http-server.js';

const apiKey = testApiKey('a');
const root = tempRoot('pm-openai-answer-');
const serve = useRawServers();

function completion(message: Record<string, unknown>, model?: unknown): string {
  return JSON.stringify({
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    ...(model === undefined ? {} : { model }),
    choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  });
}

async function governed(name: string, body: string) {
  const server = await serve(body);
  const dir = join(root, name);
  const client = createLLMClient({
    provider: openaiProvider({ apiKey, baseURL: server.baseURL }),
    policy: localPolicy(),
    ledger: { dir, durability: 'none' },
    retry: { attempts: 3, baseMs: 1, maxMs: 5 },
  });
  const run = await client.startRun({ runId: name });
  const outcome = await run
    .generateText({ model: 'gpt-5.2', input: 'Say ok', maxOutputTokens: 64 })
    .then(
      (result) => result,
      (error: unknown) => error,
    );
  await run.end();
  const records = ledgerRecords(dir, name);
  return { outcome, records, server };
}

describe('a 2xx chat answer the ledger cannot take as is', () => {
  it.each([
    ['no-model', undefined],
    ['long-model', 'm'.repeat(500)],
    ['numeric-model', 12],
    ['prose-model', 'the best model'],
  ])('%s: the answer is returned, recorded under the model asked for', async (name, model) => {
    const { outcome, records } = await governed(name, completion({ content: 'ok' }, model));
    expect(isPmError(outcome)).toBe(false);
    expect((outcome as { output: string }).output).toBe('ok');
    const response = records.find((r) => r.type === 'response');
    expect(response?.data.model).toBe('gpt-5.2');
  });

  it('keeps the model OpenAI reports when it is a model name', async () => {
    const { records } = await governed(
      'dated-model',
      completion({ content: 'ok' }, 'gpt-5.2-2025-12-11'),
    );
    expect(records.find((r) => r.type === 'response')?.data.model).toBe('gpt-5.2-2025-12-11');
  });

  it.each([
    ['numeric-content', 42],
    ['object-content', { text: 'ok' }],
  ])('%s: an unreadable answer, not retried', async (name, content) => {
    const { outcome, server } = await governed(name, completion({ content }, 'gpt-5.2'));
    expect(isPmError(outcome) && outcome.code).toBe('PROVIDER_UNAVAILABLE');
    expect((outcome as Error).message).toContain('could not be read');
    expect(server.seen).toHaveLength(1);
  });
});

describe('a 2xx chat body that is not a chat completion', () => {
  it.each([
    ['null-body', 'null', /the body is null, not a chat completion object/],
    ['array-body', '[]', /the body is an array, not a chat completion object/],
    [
      'error-body',
      JSON.stringify({ error: { message: 'upstream overloaded', type: 'server_error' } }),
      /the body is an error, not an answer: "upstream overloaded"/,
    ],
    ['null-choices', '{"choices":null}', /its choices are null, not a list/],
    [
      'no-message',
      '{"choices":[{"index":0}]}',
      /its first choice's message is undefined, not an object/,
    ],
  ])(
    '%s: says what is wrong and where to look, booked and not retried',
    async (name, body, said) => {
      const { outcome, records, server } = await governed(name, body);
      expect(isPmError(outcome) && outcome.code).toBe('PROVIDER_UNAVAILABLE');
      const message = (outcome as Error).message;
      expect(message).toMatch(said);
      expect(message).toContain(`is an OpenAI-compatible API`);
      expect(message).not.toMatch(/TypeError|Cannot read/);
      expect(server.seen).toHaveLength(1);
      expect(records.find((r) => r.type === 'error')?.data.reservation).toBe('settled');
    },
  );

  it('an error body echoing the key is quoted without it', async () => {
    const { outcome } = await governed(
      'error-body-key',
      JSON.stringify({ error: { message: `bad key ${apiKey}` } }),
    );
    expect((outcome as Error).message).toContain('bad key [REDACTED]');
    expect((outcome as Error).message).not.toContain(apiKey);
  });
});
