import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redisStore } from '@pm/budget/redis';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createLLMClient, isPmError, type LLMProvider } from '../src/index.js';
import { openaiProvider } from '../src/openai.js';
import { scriptedProvider } from '../src/testing.js';
import { thrown } from './helpers/thrown.js';
import { localPolicy } from './local-policy.js';

const root = mkdtempSync(join(tmpdir(), 'pm-governed-hardening-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const policy = localPolicy;

const records = (dir: string, runId: string) =>
  readFileSync(join(dir, runId, 'ledger.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { type: string; data: Record<string, unknown> });

const call = { model: 'gpt-5.2', input: 'hi', maxOutputTokens: 50 };

describe('the run_start config snapshot', () => {
  it('records shared stores as flags, never the Redis clients and their passwords', async () => {
    const password = ['rl', 'pass', '7f3k9QmZ2'].join('-'); // built at run time: no credential literal
    // lazyConnect: nothing is dialled.
    const redis = new Redis({ host: '127.0.0.1', port: 6, password, lazyConnect: true });
    const dir = join(root, 'snapshot');
    try {
      const client = createLLMClient({
        policy: policy(),
        rateLimit: {
          requestsPerMinute: 600,
          store: redisStore({ client: redis, prefix: 'pm:test:' }),
        },
        budget: {
          store: redisStore({ client: redis, prefix: 'pm:test:' }),
          limits: { requests: 9 },
        },
        retry: { attempts: 2 },
        ledger: { dir, durability: { mode: 'batch', maxDelayMs: 50 } },
      });
      const run = await client.startRun({ runId: 'r' });
      await run.end();
    } finally {
      redis.disconnect();
    }
    const text = readFileSync(join(dir, 'r', 'ledger.jsonl'), 'utf8');
    expect(text).not.toContain(password);
    const config = records(dir, 'r')[0]!.data.config as Record<string, unknown>;
    expect(config.rate_limit).toEqual({ requestsPerMinute: 600, store: 'shared' });
    expect(config.budget_store).toBe('host-supplied');
    expect(config.budget_limits).toEqual({ requests: 9 });
    expect(config.retry).toEqual({ attempts: 2 });
    expect(config.ledger_durability).toEqual({ mode: 'batch', maxDelayMs: 50 });
  });
});

describe('retries and the requests cap', () => {
  const flaky = () =>
    scriptedProvider(
      [
        { fail: { status: 503, retryable: true } },
        { fail: { status: 503, retryable: true } },
        'ok',
      ],
      { remote: true },
    );

  it('holds a request before each retry, and stops retrying when the cap refuses one', async () => {
    const provider = flaky();
    const client = createLLMClient({
      provider,
      policy: policy(),
      budget: { limits: { requests: 1 } },
      retry: { attempts: 3, baseMs: 1, maxMs: 2 },
      ledger: { dir: join(root, 'cap-1') },
    });
    const run = await client.startRun();
    const error = await run.generateText(call).catch((e: unknown) => e);
    expect(isPmError(error) && error.code).toBe('PROVIDER_UNAVAILABLE');
    expect((error as Error).message).toMatch(/budget refused another request \(BUDGET_EXCEEDED\)/);
    expect(provider.calls).toHaveLength(1);
    const { spent, reserved } = (await run.usage()).scopes[0]!;
    expect(spent.requests).toBeLessThanOrEqual(1);
    expect(reserved.requests).toBe(0);
    await run.end();
  });

  it('books one request per attempt when the cap allows the retries', async () => {
    const client = createLLMClient({
      provider: flaky(),
      policy: policy(),
      budget: { limits: { requests: 3 } },
      retry: { attempts: 3, baseMs: 1, maxMs: 2 },
      ledger: { dir: join(root, 'cap-3') },
    });
    const run = await client.startRun();
    const result = await run.generateText(call);
    expect(result.attempts).toBe(3);
    const { spent, reserved } = (await run.usage()).scopes[0]!;
    expect(spent.requests).toBe(3);
    expect(reserved.requests).toBe(0);
    await run.end();
  });
});

describe('attempts that may have been billed (timed out waiting for an answer)', () => {
  const timedOut = { fail: { retryable: true, possiblyBilled: true, message: 'timed out' } };
  const usage = { input_tokens: 12, cached_input_tokens: 0, output_tokens: 7, reasoning_tokens: 0 };

  async function runWith(
    name: string,
    script: Parameters<typeof scriptedProvider>[0],
    limits = {},
  ) {
    const dir = join(root, name);
    const provider = scriptedProvider(script, { remote: true });
    const client = createLLMClient({
      provider,
      policy: policy(),
      budget: { limits },
      retry: { attempts: 3, baseMs: 1, maxMs: 2 },
      ledger: { dir },
    });
    const run = await client.startRun({ runId: 'r' });
    const read = () => records(dir, 'r');
    /** The call's worst case in tokens, as its request record states it. */
    const worstTokens = () =>
      (read().find((r) => r.type === 'request')!.data.estimated_input_tokens as number) +
      call.maxOutputTokens;
    return { run, provider, records: read, worstTokens };
  }

  it('books the timed-out attempt at its worst case and holds a worst case for the retry', async () => {
    const {
      run,
      provider,
      records: read,
      worstTokens,
    } = await runWith('billed-retry', [timedOut, { text: 'ok', usage }]);
    const result = await run.generateText(call);
    expect([result.output, result.attempts, provider.calls.length]).toEqual(['ok', 2, 2]);
    const { spent, reserved } = (await run.usage()).scopes[0]!;
    expect(spent.tokens).toBe(worstTokens() + 12 + 7);
    expect(spent.requests).toBe(2);
    expect([reserved.tokens, reserved.usd, reserved.requests]).toEqual([0, 0, 0]);
    // The response record's cost is all the call booked, the timed-out attempt included.
    expect(result.costUsd).toBeCloseTo(spent.usd, 12);
    await run.end();
    expect(read().find((r) => r.type === 'response')?.data.cost_usd).toBeCloseTo(spent.usd, 12);
  });

  it('does not retry when the budget cannot hold a second worst case, and books the first', async () => {
    const probe = await runWith('billed-probe', ['ok']);
    await probe.run.generateText(call);
    const worst = probe.worstTokens();
    await probe.run.end();
    const {
      run,
      provider,
      records: read,
    } = await runWith('billed-refused', [timedOut, 'ok'], {
      tokens: worst + 10,
    });
    const error = await run.generateText(call).catch((e: unknown) => e);
    expect(isPmError(error) && error.code).toBe('PROVIDER_UNAVAILABLE');
    expect((error as Error).message).toMatch(/refused another attempt's worst case/);
    expect(provider.calls).toHaveLength(1);
    const { spent, reserved } = (await run.usage()).scopes[0]!;
    expect([spent.tokens, reserved.tokens]).toEqual([worst, 0]);
    await run.end();
    expect(read().find((r) => r.type === 'error')?.data.reservation).toBe('settled');
  });

  it('still books the timed-out attempt when a later one fails unbilled', async () => {
    const {
      run,
      records: read,
      worstTokens,
    } = await runWith('billed-then-400', [timedOut, { fail: { status: 400, retryable: false } }]);
    await expect(run.generateText(call)).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    const { spent, reserved } = (await run.usage()).scopes[0]!;
    expect([spent.tokens, spent.requests]).toEqual([worstTokens(), 1]);
    expect([reserved.tokens, reserved.requests]).toEqual([0, 0]);
    await run.end();
    expect(read().find((r) => r.type === 'error')?.data.reservation).toBe('settled');
  });
});

describe('host hooks', () => {
  it('a throwing or rejecting onEvent never changes a call or its records', async () => {
    for (const [name, hook] of [
      [
        'sync',
        () => {
          throw new Error('log sink down');
        },
      ],
      ['async', async () => Promise.reject(new Error('log sink down'))],
    ] as const) {
      const dir = join(root, `on-event-${name}`);
      const client = createLLMClient({
        provider: scriptedProvider(['ok', { fail: { retryable: false } }], { remote: true }),
        policy: policy(),
        ledger: { dir },
        onEvent: hook as () => void,
      });
      const run = await client.startRun({ runId: 'r' });
      await expect(run.generateText(call)).resolves.toMatchObject({ output: 'ok' });
      await expect(run.generateText(call)).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
      await run.end();
      expect(records(dir, 'r').map((r) => r.type)).toEqual([
        'run_start',
        'request',
        'response',
        'request',
        'error',
        'run_end',
      ]);
    }
  });
});

describe('the run deadline', () => {
  it('ends a call whose provider ignores the abort signal, booking it as billed', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      let reached = false;
      const stuck: LLMProvider = {
        name: 'stuck',
        remote: true,
        origins: ['https://stuck.invalid'],
        describe: () => ({ name: 'stuck', remote: true, endpoints: [], credentialSource: 'none' }),
        call: () => {
          reached = true;
          return new Promise(() => {}); // never settles, whatever the signal says
        },
      };
      const dir = join(root, 'deadline');
      const client = createLLMClient({
        provider: stuck,
        policy: policy({ max_runtime_minutes: 1 }),
        ledger: { dir, durability: 'none' },
      });
      const run = await client.startRun({ runId: 'r' });
      let outcome = 'pending';
      run.generateText(call).then(
        () => {
          outcome = 'resolved';
        },
        (e: { code: string }) => {
          outcome = e.code;
        },
      );
      // Real I/O gets the call to the provider; then two minutes pass on the fake clock.
      for (let i = 0; i < 2000 && !reached; i++) await new Promise((r) => setImmediate(r));
      expect(reached).toBe(true);
      await vi.advanceTimersByTimeAsync(2 * 60_000);
      for (let i = 0; i < 500 && outcome === 'pending'; i++) {
        await new Promise((r) => setImmediate(r));
      }
      expect(outcome).toBe('RUNTIME_EXCEEDED');
      expect((await run.usage()).scopes[0]!.reserved.usd).toBe(0);
      await run.end();
      const error = records(dir, 'r').find((r) => r.type === 'error');
      expect(error?.data).toMatchObject({ code: 'RUNTIME_EXCEEDED', reservation: 'settled' });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('configuration mistakes', () => {
  it('are INVALID_ARGUMENT naming the field, when the client or provider is created', () => {
    const provider = openaiProvider({ apiKey: 'sk-test' });
    const cases: [() => unknown, string][] = [
      [
        () =>
          createLLMClient({
            provider,
            policy: policy(),
            egress: { allow: ['api.openai.com'] },
          }),
        'egress.allow[0]',
      ],
      [
        () =>
          createLLMClient({
            provider,
            policy: policy(),
            egress: { allow: ['https://api.openai.com', 'localhost:8080'] },
          }),
        'egress.allow[1]',
      ],
      [
        () =>
          createLLMClient({
            provider,
            policy: policy({ execution_mode: 'cloud' }),
            egress: { gateway: 'gw.internal' },
          }),
        'egress.gateway',
      ],
      [() => openaiProvider({ baseURL: 'gw.internal/v1' }), 'baseURL'],
      [() => openaiProvider({ baseURL: 'file:///etc/passwd' }), 'baseURL'],
    ];
    for (const [make, field] of cases) {
      const error = thrown(make);
      expect(isPmError(error) && error.code).toBe('INVALID_ARGUMENT');
      expect((error as Error).message).toContain(field);
    }
  });
});
