import { getEventListeners } from 'node:events';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type BudgetUsage, estimateCost } from '@pm/budget';
import { PmError, SecretValue } from '@pm/envelope-schemas';
import { verifyLedger } from '@pm/ledger';
import { type Behaviour, startOpenAICompatibleServer } from '@pm-examples/loopback-model';
import { describe, expect, it } from 'vitest';
import { createLLMClient, isPmError } from '../src/index.js';
import { openaiProvider } from '../src/openai.js';
import { scriptedProvider } from '../src/testing.js';
import { ledgerRecords } from './helpers/ledger-records.js';
import { rejection } from './helpers/rejection.js';
import { tempRoot } from './helpers/temp-root.js';
import { testApiKey } from './helpers/test-api-key.js';
import { until } from './helpers/until.js';
import { localPolicy } from './local-policy.js';

const root = tempRoot('pm-call-cancel-');
const key = new SecretValue(testApiKey('c'), 'env:OPENAI_API_KEY');
const call = { model: 'gpt-5.2', input: 'Say ok', maxOutputTokens: 100 };

/** A run whose provider is the real OpenAI SDK against a loopback server doing `behaviour`. */
async function openaiRun(
  name: string,
  behaviour: Behaviour,
  options: Record<string, unknown> = {},
) {
  const server = await startOpenAICompatibleServer(() => behaviour);
  const dir = join(root, name);
  const client = createLLMClient({
    provider: openaiProvider({ apiKey: key, baseURL: server.baseURL, timeoutMs: 30_000 }),
    policy: localPolicy(),
    ledger: { dir },
    retry: { attempts: 3, baseMs: 1 },
    ...options,
  });
  const run = await client.startRun({ runId: name });
  return { server, run, dir, runDir: join(dir, name) };
}

/** The run scope's usage (the first scope `usage()` lists). */
async function runScope(run: { usage(): Promise<BudgetUsage> }) {
  return (await run.usage()).scopes[0]!;
}

describe('a call cancelled through its signal', () => {
  it('aborts the request in flight, fails CALL_CANCELLED, books the attempt and never degrades', async () => {
    const { server, run, dir, runDir } = await openaiRun(
      'in-flight',
      { kind: 'hang' },
      { onUnavailable: 'offline' },
    );
    try {
      const controller = new AbortController();
      const pending = run.generateText({ ...call, signal: controller.signal });
      await until(() => server.requests.length === 1);
      expect(server.openConnections()).toBe(1);
      controller.abort();
      const error = await rejection(pending);
      expect(isPmError(error) && error.code).toBe('CALL_CANCELLED');
      expect((error as Error).message).toMatch(/cancelled through its signal/);
      // The SDK's request was aborted, not left hanging behind the race.
      await until(() => server.openConnections() === 0);
      expect(server.requests).toHaveLength(1); // not retried
      // It may have been billed: booked at its worst case, not released.
      const worst = estimateCost({ model: 'gpt-5.2', inputTokens: 1, outputTokens: 100 });
      const usage = await runScope(run);
      expect(usage.spent.requests).toBe(1);
      expect(usage.spent.usd).toBeGreaterThanOrEqual(worst.usd);
      expect(usage.reserved.requests).toBe(0);
      await run.end();
      const records = ledgerRecords(dir, 'in-flight');
      // No offline answer stands in for a call the host cancelled.
      expect(records.map((r) => r.type)).toEqual(['run_start', 'request', 'error', 'run_end']);
      expect(records[2]?.data).toMatchObject({
        code: 'CALL_CANCELLED',
        phase: 'call',
        attempts: 1,
        reservation: 'settled',
      });
      expect((await verifyLedger(runDir)).ok).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('already aborted: refused before anything is stored, reserved or sent', async () => {
    const { server, run, dir, runDir } = await openaiRun('already', { kind: 'complete' });
    try {
      const error = await rejection(run.generateText({ ...call, signal: AbortSignal.abort() }));
      expect(isPmError(error) && error.code).toBe('CALL_CANCELLED');
      expect(server.connections()).toBe(0);
      const usage = await runScope(run);
      expect(usage.reserved.requests).toBe(0);
      expect(usage.spent.requests).toBe(0);
      await run.end();
      const records = ledgerRecords(dir, 'already');
      expect(records.map((r) => r.type)).toEqual(['run_start', 'error', 'run_end']);
      expect(records[1]?.data).toMatchObject({ code: 'CALL_CANCELLED', reservation: 'none' });
      expect(records[1]?.data.request_id).toBeTypeOf('string');
      // No prompt artifact was stored for a call that never started.
      expect(readdirSync(join(runDir, 'artifacts', 'sha256'))).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it("fails with the signal's reason when that is a PmError", async () => {
    const { server, run } = await openaiRun('pm-reason', { kind: 'hang' });
    try {
      const controller = new AbortController();
      const pending = run.generateText({ ...call, signal: controller.signal });
      await until(() => server.requests.length === 1);
      const reason = new PmError('POLICY_DENIED', 'The host revoked this run.');
      controller.abort(reason);
      expect(await rejection(pending)).toBe(reason);
      await run.end();
    } finally {
      await server.close();
    }
  });

  it('stops waiting for an approver that never answers, and tells it through its signal', async () => {
    const dir = join(root, 'approver');
    let approverSignal: AbortSignal | undefined;
    const client = createLLMClient({
      provider: scriptedProvider(['ok'], { remote: true }),
      policy: localPolicy({ requires_approval: true }),
      approve: (_request, { signal }) => {
        approverSignal = signal;
        return new Promise<never>(() => {});
      },
      ledger: { dir },
      env: {},
    });
    const run = await client.startRun({ runId: 'r' });
    const controller = new AbortController();
    const pending = run.generateText({
      ...call,
      context: { rows: [1, 2] },
      disclosureLevel: 5,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 20);
    const error = await rejection(pending);
    expect(isPmError(error) && error.code).toBe('CALL_CANCELLED');
    // The approver was told, with the call's error as the reason.
    expect(approverSignal?.aborted).toBe(true);
    expect(approverSignal?.reason).toBe(error);
    await run.end();
    const records = ledgerRecords(dir, 'r');
    expect(records.map((r) => r.type)).toEqual(['run_start', 'error', 'run_end']);
    expect(records[1]?.data).toMatchObject({ code: 'CALL_CANCELLED', phase: 'approve' });
  });

  it('stops waiting in the rate limiter queue; nothing is sent for it', async () => {
    const { server, run, dir } = await openaiRun(
      'queued',
      { kind: 'complete' },
      { rateLimit: { requestsPerMinute: 1 } },
    );
    try {
      await run.generateText(call); // takes the minute's only request
      const controller = new AbortController();
      const pending = run.generateText({ ...call, signal: controller.signal });
      setTimeout(() => controller.abort(), 20);
      const error = await rejection(pending);
      expect(isPmError(error) && error.code).toBe('CALL_CANCELLED');
      expect(server.requests).toHaveLength(1);
      // Never sent: its hold is released, not booked.
      const usage = await runScope(run);
      expect(usage.spent.requests).toBe(1);
      expect(usage.reserved.requests).toBe(0);
      await run.end();
      const records = ledgerRecords(dir, 'queued');
      expect(records.at(-2)?.data).toMatchObject({
        code: 'CALL_CANCELLED',
        reservation: 'released',
      });
    } finally {
      await server.close();
    }
  });

  it('leaves no listener on the host signal once the call is over', async () => {
    const { server, run } = await openaiRun('listeners', { kind: 'complete' });
    try {
      const controller = new AbortController();
      for (let i = 0; i < 3; i++) await run.generateText({ ...call, signal: controller.signal });
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
      await run.end();
    } finally {
      await server.close();
    }
  });

  it('a signal that is not an AbortSignal is INVALID_ARGUMENT naming it', async () => {
    const { server, run } = await openaiRun('not-a-signal', { kind: 'complete' });
    try {
      const error = await rejection(
        run.generateText({ ...call, signal: { aborted: false } as unknown as AbortSignal }),
      );
      expect(isPmError(error) && error.code).toBe('INVALID_ARGUMENT');
      expect((error as Error).message).toMatch(/signal must be an AbortSignal/);
      expect(server.connections()).toBe(0);
      await run.end();
    } finally {
      await server.close();
    }
  });
});
