import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLLMClient, isPmError, ProviderUnavailableError } from '../src/index.js';
import { openaiProvider } from '../src/openai.js';
import { callProvider } from './helpers/call-provider.js';
import { tempRoot } from './helpers/temp-root.js';
import { testApiKey } from './helpers/test-api-key.js';
import { localPolicy } from './local-policy.js';
import { chatCompletion, responsesAnswer, useRawServers } from './raw-http-server.js';

const apiKey = testApiKey('u');
const root = tempRoot('pm-openai-unanswered-');
const serve = useRawServers();

/** A Responses API body whose one message is a refusal. */
const responsesRefusal = JSON.stringify({
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
      content: [{ type: 'refusal', refusal: 'I cannot help with that.' }],
    },
  ],
  usage: { input_tokens: 21, output_tokens: 7, total_tokens: 28 },
});

/** A Responses API body that failed while generating. */
const responsesFailed = JSON.stringify({
  id: 'resp-2',
  object: 'response',
  created_at: 1,
  model: 'gpt-4o',
  status: 'failed',
  error: { code: 'server_error', message: 'The model failed to generate a response.' },
  output: [],
  usage: { input_tokens: 21, output_tokens: 0, total_tokens: 21 },
});

/** A chat completion whose output limit went to reasoning: no text, `length`. */
const chatAllReasoning = chatCompletion('', {
  usage: {
    prompt_tokens: 21,
    completion_tokens: 64,
    completion_tokens_details: { reasoning_tokens: 64 },
  },
  finishReason: 'length',
});

/** The same with the Responses API: `incomplete` at max_output_tokens, a reasoning item only. */
const responsesAllReasoning = JSON.stringify({
  id: 'resp-4',
  object: 'response',
  created_at: 1,
  model: 'gpt-5.2',
  status: 'incomplete',
  incomplete_details: { reason: 'max_output_tokens' },
  output: [{ type: 'reasoning', id: 'rs-1', summary: [] }],
  usage: {
    input_tokens: 21,
    output_tokens: 64,
    total_tokens: 85,
    output_tokens_details: { reasoning_tokens: 64 },
  },
});

/** A chat completion without any choice, as some gateways answer. */
const chatWithoutChoice = JSON.stringify({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4o',
  choices: [],
  usage: { prompt_tokens: 21, completion_tokens: 0, total_tokens: 21 },
});

/** A `completed` Responses API body whose output holds `output` and no message. */
function responsesWithout(output: unknown[]): string {
  return JSON.stringify({
    id: 'resp-5',
    object: 'response',
    created_at: 1,
    model: 'gpt-5.2',
    status: 'completed',
    output,
    usage: { input_tokens: 21, output_tokens: 12, total_tokens: 33 },
  });
}

const cases = [
  ['responses', 'a refusal', responsesRefusal, 'refused', 7],
  ['chat', 'no choice', chatWithoutChoice, 'without any choice', 0],
  ['responses', 'no output', responsesWithout([]), 'without any message', 12],
  [
    'responses',
    'a reasoning item only',
    responsesWithout([{ type: 'reasoning', id: 'rs-1', summary: [] }]),
    'without any message',
    12,
  ],
  ['responses', 'a failed response', responsesFailed, 'status "failed" (server_error)', 0],
] as const;

const outOfTokens = [
  ['chat', chatAllReasoning],
  ['responses', responsesAllReasoning],
] as const;

/** One governed call (retries allowed) against a server answering `body`; the run is left open. */
async function governed(api: 'chat' | 'responses', body: string, ledger: string, runId: string) {
  const server = await serve(body);
  const client = createLLMClient({
    provider: openaiProvider({ apiKey, baseURL: server.baseURL, api }),
    policy: localPolicy(),
    ledger: { dir: join(root, ledger), durability: 'none' },
    retry: { attempts: 3, baseMs: 1, maxMs: 5 },
  });
  const run = await client.startRun({ runId });
  const error = await run
    .generateText({ model: 'gpt-5.2', input: 'Say ok', maxOutputTokens: 64 })
    .then(
      (result) => result,
      (e: unknown) => e,
    );
  return { server, run, error };
}

describe('a 2xx without an answer is a billed failure, not an empty text', () => {
  it.each(cases)('%s: %s', async (api, _what, body, wording, outputTokens) => {
    const server = await serve(body);
    const provider = openaiProvider({ apiKey, baseURL: server.baseURL, api });
    const error = await callProvider(provider, { maxOutputTokens: 64 }).then(
      (result) => result,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    const failure = error as ProviderUnavailableError;
    expect(failure.message).toContain(wording);
    expect(failure.message).not.toContain('I cannot help');
    expect(failure.retryable).toBe(false);
    expect(failure.possiblyBilled).toBe(true);
    expect(failure.usage).toEqual({
      input_tokens: 21,
      cached_input_tokens: 0,
      output_tokens: outputTokens,
      reasoning_tokens: 0,
    });
  });

  it.each(cases)('%s: %s fails the governed call once, unretried', async (api, what, body) => {
    const { server, run, error } = await governed(api, body, `${api} ${what}`, `unanswered-${api}`);
    expect(isPmError(error) && error.code).toBe('PROVIDER_UNAVAILABLE');
    expect(server.seen).toHaveLength(1);
    await run.end();
  });

  it.each([
    ['chat', chatCompletion('')],
    ['responses', responsesAnswer('')],
  ] as const)(
    "%s: a message whose text is empty is the model's answer, returned",
    async (api, body) => {
      const server = await serve(body);
      const provider = openaiProvider({ apiKey, baseURL: server.baseURL, api });
      expect((await callProvider(provider, { maxOutputTokens: 64 })).text).toBe('');
    },
  );

  it('responses: an incomplete answer (cut at max_output_tokens) is still returned', async () => {
    const server = await serve(
      responsesAnswer('The cases are sl', {
        status: 'incomplete',
        model: 'gpt-4o',
        usage: { input_tokens: 21, output_tokens: 64, total_tokens: 85 },
      }),
    );
    const provider = openaiProvider({ apiKey, baseURL: server.baseURL, api: 'responses' });
    const result = await callProvider(provider, { maxOutputTokens: 64 });
    expect(result.text).toBe('The cases are sl');
    expect(result.finishReason).toBe('length');
  });

  it.each(outOfTokens)(
    '%s: no text within maxOutputTokens says to raise it, and is not retried',
    async (api, body) => {
      const { server, run, error } = await governed(
        api,
        body,
        `${api} out of tokens`,
        'out-of-tokens',
      );
      expect(isPmError(error) && error.code).toBe('PROVIDER_UNAVAILABLE');
      expect((error as Error).message).toContain(
        'OpenAI reached maxOutputTokens (64) before writing any answer: 64 went to reasoning. Raise maxOutputTokens or lower reasoningEffort',
      );
      expect(server.seen).toHaveLength(1);
      await run.end();
    },
  );
});
