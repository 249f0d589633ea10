import { describe, expect, it } from 'vitest';
import { createLLMClient, isPmError } from '../src/index.js';
import { openaiProvider } from '../src/openai.js';
import { ledgerRecords } from './helpers/ledger-records.js';
import { tempRoot } from './helpers/temp-root.js';
import { testApiKey } from './helpers/test-api-key.js';
import { localPolicy } from './local-policy.js';
import { chatCompletion, responsesAnswer, useRawServers } from './raw-http-server.js';

const root = tempRoot('pm-responses-min-output-');
const apiKey = testApiKey('m');
const serve = useRawServers();

async function clientFor(api: 'chat' | 'responses', runId: string) {
  const server = await serve((req, res) => {
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(req.url?.endsWith('/responses') ? responsesAnswer('ok') : chatCompletion('ok'));
  });
  const client = createLLMClient({
    provider: openaiProvider({ apiKey, baseURL: server.baseURL, api }),
    policy: localPolicy(),
    ledger: { dir: root },
  });
  const run = await client.startRun({ runId, stage: 'draft' });
  return { server, run };
}

describe('the Responses API output floor (max_output_tokens >= 16)', () => {
  it('refuses maxOutputTokens below 16 before anything is reserved or sent', async () => {
    const { server, run } = await clientFor('responses', 'below-floor');
    const error = await run
      .generateText({ model: 'gpt-5.2', input: 'Say ok', maxOutputTokens: 15 })
      .catch((e: unknown) => e);
    expect(isPmError(error) && error.code).toBe('INVALID_ARGUMENT');
    expect((error as Error).message).toContain('maxOutputTokens');
    expect((error as Error).message).toContain('16');
    await run.end();
    expect(server.seen).toHaveLength(0);
    const records = ledgerRecords(root, 'below-floor');
    expect(records.map((r) => r.type)).toEqual(['run_start', 'error', 'run_end']);
    expect(records[1]!.data).toMatchObject({ code: 'INVALID_ARGUMENT', reservation: 'none' });
  });

  it('says the same in the dry run', async () => {
    const { server, run } = await clientFor('responses', 'below-floor-estimate');
    const error = await run
      .estimate({ model: 'gpt-5.2', input: 'Say ok', maxOutputTokens: 1 })
      .catch((e: unknown) => e);
    expect(isPmError(error) && error.code).toBe('INVALID_ARGUMENT');
    await run.end();
    expect(server.seen).toHaveLength(0);
  });

  it('sends 16 to the Responses API, and less than 16 to Chat Completions, which has no floor', async () => {
    const responses = await clientFor('responses', 'at-floor');
    await responses.run.generateText({ model: 'gpt-5.2', input: 'Say ok', maxOutputTokens: 16 });
    await responses.run.end();
    expect(JSON.parse(responses.server.seen[0]!.body)).toMatchObject({ max_output_tokens: 16 });
    const chat = await clientFor('chat', 'chat-small');
    await chat.run.generateText({ model: 'gpt-5.2', input: 'Say ok', maxOutputTokens: 4 });
    await chat.run.end();
    expect(JSON.parse(chat.server.seen[0]!.body)).toMatchObject({ max_completion_tokens: 4 });
  });
});
