import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import {
  createLLMClient,
  isPmError,
  type LLMEvent,
  ProviderUnavailableError,
} from '../src/index.js';
import { scriptedProvider } from '../src/testing.js';
import { failingProvider } from './helpers/failing-provider.js';
import { localPolicy } from './local-policy.js';

// Review fixes: what bounds a governed call (the run deadline, the rate limit) and what it
// books when it is cut short; and the stage checked before anything is written.

const root = mkdtempSync(join(tmpdir(), 'pm-governed-bounds-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => {
  vi.useRealTimers();
});

const call = { model: 'gpt-5.2', input: 'hi', maxOutputTokens: 1000 };

const records = (dir: string, runId: string) =>
  readFileSync(join(dir, runId, 'ledger.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map(
      (l) => JSON.parse(l) as { type: string; stage: string | null; data: Record<string, unknown> },
    );

/** Lets real I/O (ledger writes) and promise chains run while the fake clock stands still. */
async function settle(done: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !done(); i++) await new Promise((r) => setImmediate(r));
}

/** The outcome of `promise` as it arrives: `pending`, `ok` or the error's code. */
function watch(promise: Promise<unknown>): { readonly outcome: string } {
  const state = { outcome: 'pending' };
  promise.then(
    () => {
      state.outcome = 'ok';
    },
    (e: { code?: string }) => {
      state.outcome = e.code ?? 'untyped';
    },
  );
  return state;
}

describe('the run deadline during the wait before a retry', () => {
  it('books an attempt that may have been billed, although the call ends with RUNTIME_EXCEEDED', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    // Timed out waiting for an answer (may have been billed), and asks for a 2-minute wait
    // before the retry, so the 1-minute deadline fires during the wait.
    const provider = failingProvider(
      () =>
        new ProviderUnavailableError('timed out; may have been billed', {
          retryable: true,
          possiblyBilled: true,
          retryAfterMs: 120_000,
        }),
    );
    const dir = join(root, 'retry-wait');
    const client = createLLMClient({
      provider,
      policy: localPolicy({ max_runtime_minutes: 1 }),
      ledger: { dir, durability: 'none' },
      retry: { maxRetryAfterMs: 120_000 },
    });
    const run = await client.startRun({ runId: 'r' });
    const state = watch(run.generateText(call));
    await settle(() => provider.calls() > 0);
    await vi.advanceTimersByTimeAsync(61_000);
    await settle(() => state.outcome !== 'pending');
    expect([state.outcome, provider.calls()]).toEqual(['RUNTIME_EXCEEDED', 1]);
    const { spent, reserved } = (await run.usage()).scopes[0]!;
    await run.end();
    const request = records(dir, 'r').find((r) => r.type === 'request')!;
    const worst = (request.data.estimated_input_tokens as number) + call.maxOutputTokens;
    // Booked at the worst case, not released.
    expect([spent.tokens, spent.requests, reserved.tokens]).toEqual([worst, 1, 0]);
    const error = records(dir, 'r').find((r) => r.type === 'error');
    expect(error?.data).toMatchObject({ code: 'RUNTIME_EXCEEDED', reservation: 'settled' });
  });
});

describe('a call made after the run deadline', () => {
  for (const remote of [true, false]) {
    it(`${remote ? 'remote' : 'offline'}: asks no approver and writes no request record`, async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
      let asked = 0;
      const provider = scriptedProvider(['ok'], { remote });
      const dir = join(root, `after-deadline-${remote}`);
      const client = createLLMClient({
        provider,
        policy: localPolicy({ max_runtime_minutes: 1, requires_approval: true }),
        ledger: { dir, durability: 'none' },
        approve: (request) => {
          asked++;
          return {
            schema_version: '1',
            approver: 'alice',
            decision: 'approve',
            scope: [...request.scopes],
            reason: 'ok',
            decided_at: new Date().toISOString(),
          };
        },
      });
      const run = await client.startRun({ runId: 'r' });
      await vi.advanceTimersByTimeAsync(2 * 60_000); // the deadline has passed
      const state = watch(run.generateText(call));
      await settle(() => state.outcome !== 'pending');
      await run.end();
      expect(state.outcome).toBe('RUNTIME_EXCEEDED');
      expect([asked, provider.calls.length]).toEqual([0, 0]);
      const written = records(dir, 'r');
      expect(written.map((r) => r.type)).toEqual(['run_start', 'error', 'run_end']);
      // Refused before it is prepared: the run's runtime is the policy's max_runtime_minutes.
      expect(written[1]!.data).toMatchObject({ code: 'RUNTIME_EXCEEDED', phase: 'policy' });
      expect(readdirSync(join(dir, 'r', 'artifacts', 'sha256'))).toEqual([]);
    });
  }
});

describe('host code before the provider call is bounded by the run deadline', () => {
  it('an approver that never answers: the call fails with RUNTIME_EXCEEDED and run.end() completes', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    let asked = false;
    const provider = scriptedProvider(['ok'], { remote: true });
    const dir = join(root, 'approver');
    const client = createLLMClient({
      provider,
      policy: localPolicy({ max_runtime_minutes: 1, requires_approval: true }),
      ledger: { dir, durability: 'none' },
      approve: () => {
        asked = true;
        return new Promise(() => {}); // a person who never answers
      },
    });
    const run = await client.startRun({ runId: 'r' });
    const state = watch(run.generateText(call));
    await settle(() => asked);
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    let ended = false;
    void run.end().then(() => {
      ended = true;
    });
    await settle(() => state.outcome !== 'pending' && ended);
    expect([state.outcome, ended]).toEqual(['RUNTIME_EXCEEDED', true]);
    expect(provider.calls).toHaveLength(0);
    const types = records(dir, 'r').map((r) => r.type);
    expect(types).toEqual(['run_start', 'error', 'run_end']);
    expect(records(dir, 'r')[1]!.data).toMatchObject({
      code: 'RUNTIME_EXCEEDED',
      phase: 'approve',
      reservation: 'none',
    });
  });

  it('a budget store that never answers: the call fails with RUNTIME_EXCEEDED', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    let reserving = false;
    const provider = scriptedProvider(['ok'], { remote: true });
    const dir = join(root, 'store');
    const client = createLLMClient({
      provider,
      policy: localPolicy({ max_runtime_minutes: 1 }),
      ledger: { dir, durability: 'none' },
      budget: {
        store: {
          reserve: () => {
            reserving = true;
            return new Promise(() => {});
          },
          settle: () => Promise.reject(new Error('not reached')),
          release: () => Promise.reject(new Error('not reached')),
          usage: async () => [],
        },
      },
    });
    const run = await client.startRun({ runId: 'r' });
    const state = watch(run.generateText(call));
    await settle(() => reserving);
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    await settle(() => state.outcome !== 'pending');
    expect(state.outcome).toBe('RUNTIME_EXCEEDED');
    expect(provider.calls).toHaveLength(0);
    await run.end();
    expect(records(dir, 'r').find((r) => r.type === 'error')?.data).toMatchObject({
      code: 'RUNTIME_EXCEEDED',
      phase: 'reserve',
    });
  });
});

describe('rateLimit.requestsPerMinute', () => {
  it('counts every request to the provider, retries included', async () => {
    vi.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    });
    const provider = scriptedProvider(
      [
        { fail: { retryable: true, status: 503 } },
        { fail: { retryable: true, status: 503 } },
        'ok',
      ],
      { remote: true },
    );
    const client = createLLMClient({
      provider,
      policy: localPolicy(),
      ledger: { dir: join(root, 'rpm'), durability: 'none' },
      rateLimit: { requestsPerMinute: 1 },
      retry: { attempts: 3, baseMs: 1, maxMs: 2 },
    });
    const run = await client.startRun({ runId: 'r' });
    const state = watch(run.generateText(call));
    const counts: number[] = [];
    // Each minute lets one more request through: three requests take two refills.
    for (let minute = 0; minute < 3; minute++) {
      await vi.advanceTimersByTimeAsync(10_000);
      await settle(() => false);
      counts.push(provider.calls.length);
      await vi.advanceTimersByTimeAsync(50_000);
    }
    await settle(() => state.outcome !== 'pending');
    expect(counts).toEqual([1, 2, 3]);
    expect(state.outcome).toBe('ok');
    await run.end();
  });
});

describe('the stage option', () => {
  it('a call with a stage that is not a stage name is INVALID_ARGUMENT, recorded, nothing sent', async () => {
    const provider = scriptedProvider(['ok'], { remote: true });
    const dir = join(root, 'stage-call');
    const events: LLMEvent[] = [];
    const client = createLLMClient({
      provider,
      policy: localPolicy(),
      ledger: { dir, durability: 'none' },
      onEvent: (e) => events.push(e),
    });
    const run = await client.startRun({ runId: 'r', stage: 'agent' });
    for (const stage of [42, '', 'has space', 'x'.repeat(65)]) {
      const error = await run
        .generateText({ ...call, stage: stage as unknown as string })
        .catch((e: unknown) => e);
      expect(isPmError(error) && error.code).toBe('INVALID_ARGUMENT');
      expect((error as Error).message).toMatch(/stage option must be a stage name/);
      await expect(
        run.estimate({ ...call, stage: stage as unknown as string }),
      ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    }
    expect(provider.calls).toHaveLength(0);
    expect((await run.usage()).scopes[0]!.reserved.tokens).toBe(0);
    await run.end();
    const written = records(dir, 'r');
    expect(written.map((r) => r.type)).toEqual([
      'run_start',
      'error',
      'error',
      'error',
      'error',
      'run_end',
    ]);
    for (const record of written.filter((r) => r.type === 'error')) {
      expect(record.stage).toBe('agent'); // the run's stage names the record
      expect(record.data).toMatchObject({ code: 'INVALID_ARGUMENT', reservation: 'none' });
    }
    expect(events.filter((e) => e.type === 'call.failed')).toHaveLength(4);
  });

  it('startRun with a stage that is not a stage name is INVALID_ARGUMENT before the ledger opens', async () => {
    const dir = join(root, 'stage-run');
    const client = createLLMClient({ policy: localPolicy(), ledger: { dir, durability: 'none' } });
    for (const stage of [42, null, 'a/b']) {
      const error = await client
        .startRun({ runId: 'r', stage: stage as unknown as string })
        .catch((e: unknown) => e);
      expect(isPmError(error) && error.code).toBe('INVALID_ARGUMENT');
      expect((error as Error).message).toContain('startRun({ stage })');
    }
    expect(() => readdirSync(dir)).toThrow(); // nothing was written
  });
});
