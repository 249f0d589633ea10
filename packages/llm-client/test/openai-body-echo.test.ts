import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLLMClient, isPmError, type LLMEvent } from '../src/index.js';
import { openaiProvider } from '../src/openai.js';
import { ledgerRecords } from './helpers/ledger-records.js';
import { tempRoot } from './helpers/temp-root.js';
import { localPolicy } from './local-policy.js';
import { chatCompletion, responsesAnswer, useRawServers } from './raw-http-server.js';

// A gateway's key: no shape the secret detectors know, so only the provider's own care keeps
// it out of what is written. Built at run time (the repository's secret scan).
const apiKey = ['gw', 'Echo7'.repeat(7)].join('_');
const root = tempRoot('pm-openai-body-echo-');
const serve = useRawServers();

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The body a test server answers with, given the key it received (to echo it). */
type Body = (echoed: string) => Record<string, unknown>;

async function governed(name: string, api: 'chat' | 'responses', body: Body) {
  const server = await serve((req, res) => {
    const echoed = String(req.headers.authorization).replace(/^Bearer /, '');
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body(echoed)));
  });
  const dir = join(root, name);
  const events: LLMEvent[] = [];
  const client = createLLMClient({
    provider: openaiProvider({ apiKey, baseURL: server.baseURL, api }),
    policy: localPolicy(),
    ledger: { dir, durability: 'none' },
    retry: { attempts: 3, baseMs: 1, maxMs: 5 },
    onEvent: (event) => events.push(event),
  });
  const run = await client.startRun({ runId: name });
  const outcome = await run
    .generateText({ model: 'gpt-5.2', input: 'Say ok', maxOutputTokens: 64 })
    .then(
      (result) => result,
      (error: unknown) => error,
    );
  await run.end();
  // Nothing the host or an auditor sees holds the key: result or error, events, ledger files.
  const seen = [
    isPmError(outcome) ? outcome.message : JSON.stringify(outcome),
    JSON.stringify(events),
    ...filesUnder(dir).map((file) => readFileSync(file, 'utf8')),
  ];
  expect(seen.filter((text) => text.includes(apiKey))).toEqual([]);
  return { outcome, records: ledgerRecords(dir, name), server };
}

interface ChatBody {
  model: unknown;
  choices: { finish_reason: unknown }[];
}

/** A chat completion answering "ok", with `change` applied. */
function chat(change: (body: ChatBody, echoed: string) => void): Body {
  return (echoed) => {
    const body = JSON.parse(chatCompletion('ok')) as ChatBody;
    change(body, echoed);
    return body as unknown as Record<string, unknown>;
  };
}

describe('words a 2xx body gives (model, finish reason, status, error code)', () => {
  it('responses: an error code echoing the key is not shown', async () => {
    const { outcome } = await governed('failed-code', 'responses', (echoed) => ({
      ...JSON.parse(responsesAnswer('')),
      status: 'failed',
      error: { code: echoed, message: 'failed' },
      output: [],
    }));
    expect(isPmError(outcome) && outcome.code).toBe('PROVIDER_UNAVAILABLE');
    expect((outcome as Error).message).toMatch(/ended with status "failed" and no answer/);
  });

  it('responses: a status that is not a word is named as such, not a TypeError', async () => {
    const { outcome } = await governed('numeric-status', 'responses', () => ({
      ...JSON.parse(responsesAnswer('')),
      status: 7,
      output: [],
    }));
    expect(isPmError(outcome) && outcome.code).toBe('PROVIDER_UNAVAILABLE');
    expect((outcome as Error).message).toMatch(/a status that is not one of OpenAI's/);
  });

  it('chat: a model echoing the key is recorded as the model asked for', async () => {
    const { outcome, records } = await governed(
      'model-echo',
      'chat',
      chat((body, echoed) => {
        body.model = echoed;
      }),
    );
    expect((outcome as { output: string }).output).toBe('ok');
    expect(records.find((r) => r.type === 'response')?.data.model).toBe('gpt-5.2');
  });

  it('chat: a finish reason echoing the key is left out', async () => {
    const { outcome, records } = await governed(
      'finish-echo',
      'chat',
      chat((body, echoed) => {
        body.choices[0]!.finish_reason = echoed;
      }),
    );
    expect((outcome as { finishReason?: string }).finishReason).toBeUndefined();
    expect(records.find((r) => r.type === 'response')?.data).not.toHaveProperty('finish_reason');
  });

  it('chat: a finish reason that is not a string is left out, not an INTERNAL_ERROR', async () => {
    const { outcome, server } = await governed(
      'finish-number',
      'chat',
      chat((body) => {
        body.choices[0]!.finish_reason = 5;
      }),
    );
    expect(isPmError(outcome)).toBe(false);
    expect((outcome as { output: string }).output).toBe('ok');
    expect(server.seen).toHaveLength(1);
  });

  it('chat: a finish reason that is a word is kept as given', async () => {
    const { outcome } = await governed(
      'finish-word',
      'chat',
      chat((body) => {
        body.choices[0]!.finish_reason = 'end_turn';
      }),
    );
    expect((outcome as { finishReason?: string }).finishReason).toBe('end_turn');
  });
});
