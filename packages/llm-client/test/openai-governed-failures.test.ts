import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretValue } from '@pm/envelope-schemas';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createLLMClient, isPmError, type LLMClientOptions, type LLMEvent } from '../src/index.js';
import { type OpenAIProviderOptions, openaiProvider } from '../src/openai.js';
import { thrown } from './helpers/thrown.js';
import { within } from './helpers/within.js';
import { localPolicy } from './local-policy.js';
import { chatCompletion, type RawServer, startRawServer } from './raw-http-server.js';

const root = mkdtempSync(join(tmpdir(), 'pm-openai-failures-'));
const KEY = `sk-proj-${'CANARY'}${'Qm47t'.repeat(9)}`;
const servers: RawServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const policy = localPolicy();

async function serve(handler: Parameters<typeof startRawServer>[0]): Promise<RawServer> {
  const server = await startRawServer(handler);
  servers.push(server);
  return server;
}

async function setup(
  name: string,
  server: RawServer,
  extra: Partial<LLMClientOptions> = {},
  provider: OpenAIProviderOptions = {},
) {
  const dir = join(root, name);
  const client = createLLMClient({
    provider: openaiProvider({
      apiKey: KEY,
      baseURL: server.baseURL,
      timeoutMs: 2000,
      ...provider,
    }),
    policy,
    ledger: { dir, durability: 'none' },
    retry: { attempts: 3, baseMs: 1, maxMs: 5 },
    ...extra,
  });
  const run = await client.startRun({ runId: name });
  const records = () =>
    readFileSync(join(dir, name, 'ledger.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; data: Record<string, unknown> });
  return { run, records };
}

const call = { model: 'gpt-5.2', input: 'Say ok', maxOutputTokens: 1000 };

describe('OpenAI failures through the governed pipeline (real SDK, loopback HTTP)', () => {
  it('does not forward the API key when a 307 leads to another listed origin', async () => {
    const other = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(chatCompletion('ok'));
    });
    const api = await serve((req, res) => {
      res.writeHead(307, { location: `${other.origin}${req.url}` }).end();
    });
    const { run } = await setup('redirect', api, { egress: { allow: [api.origin, other.origin] } });
    const result = await run.generateText(call);
    expect(result.output).toBe('ok');
    expect(api.seen[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(other.seen).toHaveLength(1);
    expect(other.seen[0]?.headers.authorization).toBeUndefined();
    // The request itself is re-sent intact (a 307 keeps method and body).
    expect(JSON.parse(other.seen[0]?.body ?? '{}').model).toBe('gpt-5.2');
    await run.end();
  });

  it('cuts off a body that stalls after 2xx headers at timeoutMs, and books it as billed', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"id":"chatcmpl-1","object":"chat.completion",'); // and nothing more
    });
    const { run, records } = await setup('stall', server, {}, { timeoutMs: 300 });
    const outcome = await within(
      run.generateText(call).then(
        () => 'resolved',
        (e: unknown) => (isPmError(e) ? e.code : 'plain error'),
      ),
      10_000,
    );
    expect(outcome).toBe('PROVIDER_UNAVAILABLE');
    // A 2xx may have been billed: not retried, settled at the worst case.
    expect(server.seen).toHaveLength(1);
    const spent = (await run.usage()).scopes[0]!.spent;
    expect(spent.usd).toBeGreaterThan(0);
    await run.end();
    const error = records().find((r) => r.type === 'error');
    expect(error?.data).toMatchObject({ reservation: 'settled', attempts: 1 });
    expect(error?.data.message).toMatch(/timed out while reading a 2xx response body/);
  });

  it('books an attempt that timed out before any answer at the worst case, then retries', async () => {
    // The first request is left unanswered (the provider may still bill it); the retry answers.
    const server = await serve((_req, res, index) => {
      if (index > 0)
        res.writeHead(200, { 'content-type': 'application/json' }).end(chatCompletion('ok'));
    });
    const { run, records } = await setup('timeout-billed', server, {}, { timeoutMs: 300 });
    const result = await run.generateText(call);
    expect([result.output, result.attempts, server.seen.length]).toEqual(['ok', 2, 2]);
    const { spent, reserved } = (await run.usage()).scopes[0]!;
    const estimated = records().find((r) => r.type === 'request')!.data
      .estimated_input_tokens as number;
    // Worst case of the timed-out attempt, plus the 30 + 10 tokens the answer reports.
    expect(spent.tokens).toBe(estimated + call.maxOutputTokens + 40);
    expect([spent.requests, reserved.tokens, reserved.requests]).toEqual([2, 0, 0]);
    await run.end();
  });

  it('books an attempt whose connection dropped after the request arrived, then retries', async () => {
    // The server has the whole request, then drops the connection: it may be generating.
    const server = await serve((req, res, index) => {
      if (index === 0) req.socket.destroy();
      else res.writeHead(200, { 'content-type': 'application/json' }).end(chatCompletion('ok'));
    });
    const { run, records } = await setup('reset-billed', server);
    const result = await run.generateText(call);
    expect([result.output, result.attempts, server.seen.length]).toEqual(['ok', 2, 2]);
    const { spent, reserved } = (await run.usage()).scopes[0]!;
    const estimated = records().find((r) => r.type === 'request')!.data
      .estimated_input_tokens as number;
    // Worst case of the dropped attempt, plus the 30 + 10 tokens the answer reports.
    expect(spent.tokens).toBe(estimated + call.maxOutputTokens + 40);
    expect([spent.requests, reserved.tokens, reserved.requests]).toEqual([2, 0, 0]);
    await run.end();
  });

  it('settles a 2xx with unreadable JSON at the worst case instead of releasing it', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id":"chatcmpl-1","choices":[{"message":{"content":"ok"'); // truncated
    });
    const { run, records } = await setup('malformed', server);
    await expect(run.generateText(call)).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    const { spent, reserved } = (await run.usage()).scopes[0]!;
    // Worst case: every input token plus the whole 1000-token output ceiling.
    expect(spent.tokens).toBeGreaterThanOrEqual(1000);
    expect(spent.usd).toBeGreaterThan(0);
    expect(reserved.usd).toBe(0);
    await run.end();
    expect(records().find((r) => r.type === 'error')?.data).toMatchObject({
      reservation: 'settled',
      cost_usd: spent.usd,
    });
  });

  it('settles a refusal with the usage its body reports', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        chatCompletion(null, {
          refusal: "I can't help with that.",
          usage: { prompt_tokens: 500, completion_tokens: 200 },
        }),
      );
    });
    const { run, records } = await setup('refusal', server);
    await expect(run.generateText(call)).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    const spent = (await run.usage()).scopes[0]!.spent;
    expect(spent.tokens).toBe(700);
    expect(spent.usd).toBeGreaterThan(0);
    await run.end();
    const error = records().find((r) => r.type === 'error');
    expect(error?.data).toMatchObject({
      reservation: 'settled',
      usage: { input_tokens: 500, output_tokens: 200 },
      cost_usd: spent.usd,
    });
    // The run's cost counts the billed refusal.
    expect(records().find((r) => r.type === 'run_end')?.data.cost_usd).toBe(spent.usd);
  });

  it('books a 2xx whose usage lacks token counts at its worst case, with a response record', async () => {
    // An OpenAI-compatible gateway that reports only the total.
    const body = { ...JSON.parse(chatCompletion('ok')), usage: { total_tokens: 15 } };
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    const { run, records } = await setup('partial-usage', server);
    const result = await run.generateText(call);
    expect([result.output, result.usageEstimated]).toEqual(['ok', true]);
    const { spent, reserved } = (await run.usage()).scopes[0]!;
    const estimated = records().find((r) => r.type === 'request')!.data
      .estimated_input_tokens as number;
    expect(spent.tokens).toBe(estimated + call.maxOutputTokens);
    expect([reserved.tokens, reserved.requests]).toEqual([0, 0]);
    await run.end();
    expect(records().find((r) => r.type === 'response')?.data.usage).toMatchObject({
      input_tokens: estimated,
      output_tokens: call.maxOutputTokens,
    });
  });

  it('settles a refusal whose usage has a null count at the worst case', async () => {
    const refusal = JSON.parse(chatCompletion(null, { refusal: 'No.' }));
    refusal.usage.completion_tokens = null;
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(refusal));
    });
    const { run, records } = await setup('refusal-null-usage', server);
    await expect(run.generateText(call)).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    const { spent, reserved } = (await run.usage()).scopes[0]!;
    expect(spent.tokens).toBeGreaterThanOrEqual(call.maxOutputTokens);
    expect(reserved.tokens).toBe(0);
    await run.end();
    const error = records().find((r) => r.type === 'error');
    expect(error?.data.reservation).toBe('settled');
    expect(error?.data).not.toHaveProperty('usage');
  });

  it('run.end() during a call waits for its response record, then refuses new calls', async () => {
    let answer: (() => void) | undefined;
    const server = await serve((_req, res) => {
      answer = () =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(chatCompletion('ok'));
    });
    const { run, records } = await setup('end-in-flight', server);
    const pending = run.generateText(call);
    // Wait (bounded) until the request is at the server, then end the run under it.
    for (let i = 0; i < 500 && !answer; i++) await new Promise((r) => setTimeout(r, 10));
    expect(answer).toBeDefined();
    const ending = run.end();
    await expect(run.generateText(call)).rejects.toMatchObject({ code: 'LEDGER_CLOSED' });
    answer?.();
    await expect(pending).resolves.toMatchObject({ output: 'ok' });
    const closed = await ending;
    expect(closed.summary).toMatchObject({ requests: 1, responses: 1, errors: 0 });
    expect(records().map((r) => r.type)).toEqual(['run_start', 'request', 'response', 'run_end']);
  });

  it('maps a throwing apiKey function to MISSING_CREDENTIAL without echoing its message', async () => {
    const server = await serve((_req, res) => res.end(chatCompletion('ok')));
    const { run, records } = await setup(
      'key-function',
      server,
      {},
      {
        apiKey: async () => {
          throw new Error(`vault denied token ${KEY}`);
        },
      },
    );
    const error = await run.generateText(call).catch((e: unknown) => e);
    expect(isPmError(error) && error.code).toBe('MISSING_CREDENTIAL');
    expect((error as Error).message).not.toContain(KEY);
    expect(server.seen).toHaveLength(0);
    await run.end();
    const record = records().find((r) => r.type === 'error');
    expect(record?.data).toMatchObject({ code: 'MISSING_CREDENTIAL', reservation: 'released' });
  });

  it.each([
    ['a string', (k: string) => k],
    ['a SecretValue', (k: string) => new SecretValue(k, 'test')],
    ['a key function', (k: string) => async () => k],
  ] as const)(
    'keeps a key with surrounding whitespace (%s) out of errors, events and the ledger',
    async (name, form) => {
      const runId = `key-whitespace-${name.replace(/\W+/g, '-')}`;
      // A gateway key no secret detector knows: only the scrub of the key in use can catch it.
      const key = ['gw', 'CANARY', '0123456789abcdef'].join('-');
      // The server echoes the key it got in a 401, as OpenAI's "Incorrect API key provided"
      // does (no "Bearer" before it, which a secret detector would catch on its own).
      const server = await serve((req, res) => {
        const got = String(req.headers.authorization).replace(/^Bearer /, '');
        res
          .writeHead(401, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: { message: `Incorrect API key provided: ${got}` } }));
      });
      const events: LLMEvent[] = [];
      const { run } = await setup(
        runId,
        server,
        { onEvent: (e) => events.push(e) },
        { apiKey: form(` ${key}\n`) },
      );
      const error = (await run.generateText(call).catch((e: unknown) => e)) as Error;
      await run.end();
      expect(isPmError(error) && error.code).toBe('PROVIDER_UNAVAILABLE');
      const seen = [
        error.message,
        JSON.stringify(error),
        String(error.stack),
        JSON.stringify(events),
        readFileSync(join(root, runId, runId, 'ledger.jsonl'), 'utf8'),
      ].join('\n');
      expect(seen).not.toContain(key);
      expect(seen).not.toContain('CANARY');
      expect(error.message).toContain('[REDACTED]');
      // Sent trimmed, as `resolveApiKey` would have read it.
      expect(server.seen[0]?.headers.authorization).toBe(`Bearer ${key}`);
    },
  );

  it('refuses a key that is not header-safe, in every form, without quoting it', async () => {
    const bad = `${KEY}\u00e9 x`;
    for (const apiKey of [bad, new SecretValue(bad, 'test'), ' ', '']) {
      const error = thrown(() => openaiProvider({ apiKey }));
      expect(isPmError(error) && error.code).toMatch(/^(INVALID_ARGUMENT|MISSING_CREDENTIAL)$/);
      expect((error as Error).message).toContain('openaiProvider({ apiKey })');
      expect(`${(error as Error).message} ${JSON.stringify(error)}`).not.toContain('CANARY');
    }
    const server = await serve((_req, res) => res.end(chatCompletion('ok')));
    const { run } = await setup('key-function-unsafe', server, {}, { apiKey: () => bad });
    const error = await run.generateText(call).catch((e: unknown) => e);
    expect(isPmError(error) && error.code).toBe('INVALID_ARGUMENT');
    expect((error as Error).message).toContain('apiKey function');
    expect((error as Error).message).not.toContain('CANARY');
    expect(server.seen).toHaveLength(0);
    await run.end();
  });

  it('bounds the apiKey function by timeoutMs: not billed, nothing sent, the message names it', async () => {
    const server = await serve((_req, res) => res.end(chatCompletion('ok')));
    const { run, records } = await setup(
      'key-function-hangs',
      server,
      {},
      { apiKey: () => new Promise<string>(() => {}), timeoutMs: 200 },
    );
    const outcome = await within(
      run.generateText(call).catch((e: unknown) => e),
      2000,
    );
    expect(outcome).not.toBe('pending');
    expect(isPmError(outcome) && outcome.code).toBe('MISSING_CREDENTIAL');
    expect((outcome as Error).message).toMatch(/apiKey function .* within timeoutMs \(200 ms\)/);
    expect(server.seen).toHaveLength(0);
    expect((await run.usage()).scopes[0]!.spent.tokens).toBe(0);
    await run.end();
    expect(records().find((r) => r.type === 'error')?.data).toMatchObject({
      code: 'MISSING_CREDENTIAL',
      phase: 'call',
      reservation: 'released',
    });
  });
});
