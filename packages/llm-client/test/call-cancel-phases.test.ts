import { getEventListeners } from 'node:events';
import { join } from 'node:path';
import { type BudgetStore, memoryStore } from '@pm/budget';
import { SecretValue } from '@pm/envelope-schemas';
import { type Behaviour, startOpenAICompatibleServer } from '@pm-examples/loopback-model';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createLLMClient,
  isPmError,
  type LLMEvent,
  ProviderUnavailableError,
} from '../src/index.js';
import { openaiProvider } from '../src/openai.js';
import { ledgerRecords } from './helpers/ledger-records.js';
import { rejection } from './helpers/rejection.js';
import { tempRoot } from './helpers/temp-root.js';
import { testApiKey } from './helpers/test-api-key.js';
import { until } from './helpers/until.js';
import { localPolicy } from './local-policy.js';

const root = tempRoot('pm-call-cancel-phases-');
const key = new SecretValue(testApiKey('p'), 'env:OPENAI_API_KEY');
const call = { model: 'gpt-5.2', input: 'Say ok', maxOutputTokens: 100 };

/** A run whose provider is the real OpenAI SDK against a loopback server doing `behaviour`. */
async function openaiRun(
  name: string,
  behaviour: (index: number) => Behaviour,
  options: Record<string, unknown> = {},
) {
  const server = await startOpenAICompatibleServer((_request, index) => behaviour(index));
  const dir = join(root, name);
  const events: LLMEvent[] = [];
  const client = createLLMClient({
    provider: openaiProvider({ apiKey: key, baseURL: server.baseURL, timeoutMs: 30_000 }),
    policy: localPolicy(),
    ledger: { dir },
    retry: { attempts: 3, baseMs: 1 },
    onEvent: (event) => events.push(event),
    ...options,
  });
  const run = await client.startRun({ runId: name });
  return { server, run, dir, events };
}

/** A memory store whose `method` calls `before` first and waits for what it returns. */
function storeWith(method: 'reserve' | 'settle', before: () => Promise<void> | void): BudgetStore {
  const base = memoryStore();
  return new Proxy(base, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      if (name !== method) return value.bind(target);
      return async (...args: unknown[]) => {
        await before();
        return value.apply(target, args);
      };
    },
  });
}

describe('a cancelled call, phase by phase', () => {
  it('many concurrent calls sharing one signal (and one run) raise no MaxListenersExceededWarning', async () => {
    const { server, run } = await openaiRun('shared', () => ({ kind: 'complete' }));
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      const controller = new AbortController();
      await Promise.all(
        Array.from({ length: 15 }, () => run.generateText({ ...call, signal: controller.signal })),
      );
      await new Promise((resolve) => setTimeout(resolve, 10)); // warnings are emitted on a tick
      expect(warnings).toEqual([]);
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
      await run.end();
    } finally {
      process.off('warning', onWarning);
      await server.close();
    }
  });

  it('a reason that is a ProviderUnavailableError is not degraded offline: one error record', async () => {
    const { server, run, dir } = await openaiRun('pu-reason', () => ({ kind: 'hang' }), {
      onUnavailable: 'offline',
    });
    try {
      const controller = new AbortController();
      const pending = run.generateText({ ...call, signal: controller.signal });
      await until(() => server.requests.length === 1);
      controller.abort(new ProviderUnavailableError('The host withdrew it.', { retryable: true }));
      const error = await rejection(pending);
      expect(isPmError(error) && error.code).toBe('PROVIDER_UNAVAILABLE');
      expect(server.requests).toHaveLength(1);
      await run.end();
      const types = ledgerRecords(dir, 'pu-reason').map((r) => r.type);
      expect(types).toEqual(['run_start', 'request', 'error', 'run_end']);
    } finally {
      await server.close();
    }
  });

  it('a call degraded offline (not cancelled) leaves no listener on its signal', async () => {
    const { server, run } = await openaiRun('degraded', () => ({ kind: 'status', status: 401 }), {
      onUnavailable: 'offline',
    });
    try {
      const controller = new AbortController();
      const result = await run.generateText({ ...call, signal: controller.signal });
      expect(result.degraded).toBe(true);
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
      await run.end();
    } finally {
      await server.close();
    }
  });

  it('a reason that is a secret-bearing string is never quoted (error, ledger, events)', async () => {
    const { server, run, dir, events } = await openaiRun('secret', () => ({ kind: 'hang' }));
    try {
      const secret = testApiKey('reason');
      const controller = new AbortController();
      const pending = run.generateText({ ...call, signal: controller.signal });
      await until(() => server.requests.length === 1);
      controller.abort(`revoked: ${secret}`);
      const error = await rejection(pending);
      expect(isPmError(error) && error.code).toBe('CALL_CANCELLED');
      expect(error.message).not.toContain(secret);
      await run.end();
      expect(JSON.stringify(ledgerRecords(dir, 'secret'))).not.toContain(secret);
      expect(JSON.stringify(events)).not.toContain(secret);
      expect(events.filter((e) => e.type === 'call.failed')).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('cancelled while the budget store is slow to reserve: nothing sent, nothing held', async () => {
    let reserving = false;
    let grant: () => void = () => {};
    const store = storeWith('reserve', () => {
      reserving = true;
      return new Promise<void>((resolve) => {
        grant = resolve;
      });
    });
    const { server, run, dir } = await openaiRun('reserve', () => ({ kind: 'complete' }), {
      budget: { store },
    });
    try {
      const controller = new AbortController();
      const pending = run.generateText({ ...call, signal: controller.signal });
      await until(() => reserving);
      controller.abort();
      const error = await rejection(pending);
      expect(isPmError(error) && error.code).toBe('CALL_CANCELLED');
      grant(); // the store answers late: the reservation it grants is freed
      await new Promise((resolve) => setTimeout(resolve, 10));
      const usage = (await run.usage()).scopes[0]!;
      expect(usage.reserved.requests).toBe(0);
      expect(usage.spent.requests).toBe(0);
      expect(server.connections()).toBe(0);
      await run.end();
      const records = ledgerRecords(dir, 'reserve');
      expect(records.map((r) => r.type)).toEqual(['run_start', 'error', 'run_end']);
      expect(records[1]?.data).toMatchObject({ phase: 'reserve', reservation: 'none' });
    } finally {
      await server.close();
    }
  });

  it('cancelled while waiting to retry: no second request, the refused attempt released', async () => {
    const { server, run, dir } = await openaiRun(
      'backoff',
      () => ({ kind: 'status', status: 429, retryAfter: '30' }),
      { retry: { attempts: 3, baseMs: 1, maxRetryAfterMs: 60_000 } },
    );
    try {
      const controller = new AbortController();
      const pending = run.generateText({ ...call, signal: controller.signal });
      await until(() => server.requests.length === 1);
      await new Promise((resolve) => setTimeout(resolve, 20)); // now in the 30 s wait
      controller.abort();
      const error = await rejection(pending);
      expect(isPmError(error) && error.code).toBe('CALL_CANCELLED');
      expect(server.requests).toHaveLength(1);
      const usage = (await run.usage()).scopes[0]!;
      expect(usage.reserved.requests).toBe(0);
      await run.end();
      const failed = ledgerRecords(dir, 'backoff').filter((r) => r.type === 'error');
      expect(failed).toHaveLength(1);
      expect(failed[0]?.data).toMatchObject({ code: 'CALL_CANCELLED', attempts: 1 });
      // A 429 was not billed: released, not booked at the worst case.
      expect(failed[0]?.data.reservation).toBe('released');
      expect(usage.spent.usd).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('a signal that aborts after the answer arrived changes nothing: answered, recorded, settled once', async () => {
    const controller = new AbortController();
    const store = storeWith('settle', () => controller.abort());
    const { server, run, dir, events } = await openaiRun(
      'after-answer',
      () => ({ kind: 'complete', text: '{"ok":true}' }),
      { budget: { store } },
    );
    try {
      const result = await run.generateObject({
        ...call,
        schema: z.object({ ok: z.boolean() }),
        schemaId: 'ok@1',
        signal: controller.signal,
      });
      expect(controller.signal.aborted).toBe(true);
      expect(result.object).toEqual({ ok: true });
      expect(result.usageEstimated).toBe(false);
      const usage = (await run.usage()).scopes[0]!;
      expect(usage.spent.requests).toBe(1);
      expect(usage.spent.usd).toBeCloseTo(result.costUsd, 9);
      expect(usage.reserved.requests).toBe(0);
      await run.end();
      const types = ledgerRecords(dir, 'after-answer').map((r) => r.type);
      expect(types).toEqual(['run_start', 'request', 'response', 'run_end']);
      expect(events.some((e) => e.type === 'call.failed')).toBe(false);
    } finally {
      await server.close();
    }
  });

  it('generateObject cancelled in flight: CALL_CANCELLED, one error record, booked', async () => {
    const { server, run, dir } = await openaiRun('object', () => ({ kind: 'hang' }));
    try {
      const controller = new AbortController();
      const pending = run.generateObject({
        ...call,
        schema: z.object({ ok: z.boolean() }),
        schemaId: 'ok@1',
        signal: controller.signal,
      });
      await until(() => server.requests.length === 1);
      controller.abort();
      const error = await rejection(pending);
      expect(isPmError(error) && error.code).toBe('CALL_CANCELLED');
      await run.end();
      const failed = ledgerRecords(dir, 'object').filter((r) => r.type === 'error');
      expect(failed).toHaveLength(1);
      expect(failed[0]?.data).toMatchObject({ phase: 'call', reservation: 'settled' });
    } finally {
      await server.close();
    }
  });
});
