import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLLMClient, isPmError } from '../src/index.js';
import { openaiProvider } from '../src/openai.js';
import { ledgerRecords } from './helpers/ledger-records.js';
import { tempRoot } from './helpers/temp-root.js';
import { testApiKey } from './helpers/test-api-key.js';
import { localPolicy } from './local-policy.js';
import { responsesAnswer, useRawServers } from './raw-http-server.js';

const apiKey = testApiKey('r');
const root = tempRoot('pm-openai-responses-body-');
const serve = useRawServers();
const maxOutputTokens = 64;

/** A governed Responses API call answered with `body` (200, JSON). */
async function governed(name: string, body: string) {
  const server = await serve(body);
  const dir = join(root, name);
  const client = createLLMClient({
    provider: openaiProvider({ apiKey, baseURL: server.baseURL, api: 'responses' }),
    policy: localPolicy(),
    ledger: { dir, durability: 'none' },
    retry: { attempts: 3, baseMs: 1, maxMs: 5 },
  });
  const run = await client.startRun({ runId: name });
  const outcome = await run
    .generateText({ model: 'gpt-5.2', input: 'Say ok', maxOutputTokens })
    .then(
      (result) => result,
      (error: unknown) => error,
    );
  const spent = (await run.usage()).scopes[0]?.spent;
  await run.end();
  return { outcome, spent, records: ledgerRecords(dir, name), server };
}

describe('a 2xx Responses API body that is not a response', () => {
  it.each([
    ['null-body', 'null', /the body is null, not a Responses API response object/],
    ['array-body', '[]', /the body is an array, not a Responses API response object/],
    ['string-body', '"ok"', /the body is a string, not a Responses API response object/],
    ['numeric-output', '{"output":5}', /its output is a number, not a list/],
    [
      'response-numeric-output',
      '{"object":"response","status":"completed","output":5}',
      /its output is a number, not a list/,
    ],
    [
      'error-body',
      JSON.stringify({ error: { message: 'upstream overloaded', type: 'server_error' } }),
      /the body is an error, not an answer: "upstream overloaded"/,
    ],
    [
      'null-item',
      '{"object":"response","status":"completed","output":[null]}',
      /its output item 0 is null, not an object/,
    ],
    [
      'content-not-list',
      '{"object":"response","status":"completed","output":[{"type":"message","content":"ok"}]}',
      /the content of its message \(output item 0\) is a string, not a list/,
    ],
  ])(
    '%s: says what is wrong and where to look, booked and not retried',
    async (name, body, said) => {
      const { outcome, spent, records, server } = await governed(name, body);
      expect(isPmError(outcome) && outcome.code).toBe('PROVIDER_UNAVAILABLE');
      const message = (outcome as Error).message;
      expect(message).toMatch(said);
      expect(message).toContain('is an OpenAI-compatible API');
      expect(message).not.toMatch(/TypeError|not iterable|Cannot read|Cannot use/);
      expect(server.seen).toHaveLength(1);
      // It may have been billed: settled at the worst case (the whole output ceiling).
      expect(records.find((r) => r.type === 'error')?.data.reservation).toBe('settled');
      expect(spent?.tokens).toBeGreaterThan(maxOutputTokens);
      expect(spent?.usd).toBeGreaterThan(0);
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

  it('a response is still read: its text is returned', async () => {
    const { outcome, server } = await governed('answer', responsesAnswer('ok'));
    expect((outcome as { output: string }).output).toBe('ok');
    expect(server.seen[0]?.url).toBe('/v1/responses');
  });
});
