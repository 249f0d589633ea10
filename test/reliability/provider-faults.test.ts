import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretValue } from '@pm/envelope-schemas';
import { verifyLedger } from '@pm/ledger';
import { createLLMClient } from '@pm/llm-client';
import { openaiProvider } from '@pm/llm-client/openai';
import {
  type Behaviour,
  fakeApiKey,
  startOpenAICompatibleServer,
} from '@pm-examples/loopback-model';
import { afterAll, describe, expect, it } from 'vitest';

const root = mkdtempSync(join(tmpdir(), 'pm-faults-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const ATTEMPTS = 3;

interface Fault {
  name: string;
  behaviour: (other: string) => Behaviour;
  /** Attempts the pipeline should make: 1 for failures a retry cannot fix. */
  attempts: number;
  /** The error code, or null when the call succeeds anyway (usage missing). */
  code: string | null;
}

const faults: Fault[] = [
  {
    name: '429 with Retry-After',
    behaviour: () => ({ kind: 'status', status: 429, retryAfter: '0.05' }),
    attempts: ATTEMPTS,
    code: 'PROVIDER_UNAVAILABLE',
  },
  {
    name: '429 without Retry-After',
    behaviour: () => ({ kind: 'status', status: 429 }),
    attempts: ATTEMPTS,
    code: 'PROVIDER_UNAVAILABLE',
  },
  {
    name: '500',
    behaviour: () => ({ kind: 'status', status: 500 }),
    attempts: ATTEMPTS,
    code: 'PROVIDER_UNAVAILABLE',
  },
  {
    name: '502',
    behaviour: () => ({ kind: 'status', status: 502 }),
    attempts: ATTEMPTS,
    code: 'PROVIDER_UNAVAILABLE',
  },
  {
    name: '503',
    behaviour: () => ({ kind: 'status', status: 503 }),
    attempts: ATTEMPTS,
    code: 'PROVIDER_UNAVAILABLE',
  },
  {
    name: 'connection reset',
    behaviour: () => ({ kind: 'reset' }),
    attempts: ATTEMPTS,
    code: 'PROVIDER_UNAVAILABLE',
  },
  {
    name: 'hang past the timeout',
    behaviour: () => ({ kind: 'hang' }),
    attempts: ATTEMPTS,
    code: 'PROVIDER_UNAVAILABLE',
  },
  {
    name: 'truncated JSON',
    behaviour: () => ({ kind: 'truncated' }),
    attempts: 0,
    code: 'PROVIDER_UNAVAILABLE',
  },
  {
    name: 'malformed JSON',
    behaviour: () => ({ kind: 'malformed' }),
    attempts: 1,
    code: 'PROVIDER_UNAVAILABLE',
  },
  {
    name: 'wrong content type',
    behaviour: () => ({ kind: 'wrong-content-type' }),
    attempts: 1,
    code: 'PROVIDER_UNAVAILABLE',
  },
  {
    name: '3xx to another host',
    behaviour: (other) => ({ kind: 'redirect', location: `${other}/v1/chat/completions` }),
    attempts: 1,
    code: 'EGRESS_DENIED',
  },
  {
    name: 'usage missing',
    behaviour: () => ({ kind: 'complete', usage: null }),
    attempts: 1,
    code: null,
  },
];

describe('provider faults against a fault-injecting loopback server', () => {
  const figures: string[] = [];
  afterAll(() => console.log(`provider faults (${faults.length} kinds):\n${figures.join('\n')}`));

  it.each(faults)(
    '$name: bounded attempts, no other host, books closed, one error record, run continues',
    async (fault) => {
      const other = await startOpenAICompatibleServer();
      // Calls whose prompt says "fault" get the fault; the rest succeed.
      const server = await startOpenAICompatibleServer((request) =>
        JSON.stringify(request.body?.messages ?? '').includes('fault')
          ? fault.behaviour(other.origin)
          : { kind: 'complete', text: 'fine' },
      );
      const runId = fault.name.replace(/[^a-z0-9]+/gi, '-');
      const client = createLLMClient({
        provider: openaiProvider({
          apiKey: new SecretValue(fakeApiKey('fault'), 'test'),
          baseURL: server.baseURL,
          timeoutMs: 1000,
        }),
        ledger: { dir: root, durability: 'strict' },
        retry: { attempts: ATTEMPTS, baseMs: 1, maxMs: 10 },
      });
      const run = await client.startRun({ runId });
      const faulty = await run
        .generateText({ model: 'gpt-5.2', input: 'fault', maxOutputTokens: 50 })
        .then(
          (result) => ({ result, error: undefined }),
          (error: { code?: string; attempts?: number }) => ({ result: undefined, error }),
        );
      const attemptsSeen = server.requests.length;
      const after = await run.generateText({
        model: 'gpt-5.2',
        input: 'next',
        maxOutputTokens: 50,
      });
      const usage = await run.usage();
      await run.end();
      await Promise.all([server.close(), other.close()]);

      const records = readFileSync(join(root, runId, 'ledger.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      const errors = records.filter((r) => r.type === 'error');
      const runScope = usage.scopes.find((s) => s.scope === 'run')!;
      figures.push(
        `  ${fault.name}: ${attemptsSeen} attempt(s), ${fault.code ?? 'completed'}, other host connections ${other.connections()}, error records ${errors.length}, reserved after ${runScope.reserved.usd}`,
      );

      expect(other.connections()).toBe(0);
      expect(after.output).toBe('fine');
      expect(runScope.reserved.usd).toBe(0);
      expect((await verifyLedger(join(root, runId))).ok).toBe(true);
      if (fault.code === null) {
        expect(faulty.result?.usageEstimated).toBe(true);
        // No usage reported: billed at the worst case, never under-counted.
        expect(faulty.result?.usage.outputTokens).toBe(50);
        expect(errors).toHaveLength(0);
        return;
      }
      expect(faulty.error?.code).toBe(fault.code);
      expect(errors).toHaveLength(1);
      expect(errors[0].data.code).toBe(fault.code);
      expect(['released', 'settled']).toContain(errors[0].data.reservation);
      // Attempts as the pipeline counted them (one may time out before reaching the server).
      const attempts = faulty.error?.attempts ?? attemptsSeen;
      expect(attemptsSeen).toBeLessThanOrEqual(ATTEMPTS);
      if (fault.attempts > 0) expect(attempts).toBe(fault.attempts);
      else expect(attempts).toBeLessThanOrEqual(ATTEMPTS);
    },
  );

  it('honours Retry-After between attempts', async () => {
    const server = await startOpenAICompatibleServer((_r, i) =>
      i === 0 ? { kind: 'status', status: 429, retryAfter: '1' } : { kind: 'complete' },
    );
    const stamps: number[] = [];
    const client = createLLMClient({
      provider: openaiProvider({
        apiKey: new SecretValue(fakeApiKey('fault'), 'test'),
        baseURL: server.baseURL,
      }),
      ledger: { dir: root },
      retry: { attempts: 2, baseMs: 1, maxMs: 5 },
      onEvent: (event) => {
        if (event.type === 'call.retry') stamps.push(event.delayMs);
      },
    });
    const run = await client.startRun({ runId: 'retry-after' });
    const result = await run.generateText({ model: 'gpt-5.2', input: 'x', maxOutputTokens: 10 });
    await run.end();
    await server.close();
    expect(result.attempts).toBe(2);
    // The backoff alone would wait at most 5 ms; the server asked for one second.
    expect(stamps).toEqual([1000]);
  });
});
