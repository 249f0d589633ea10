import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretValue } from '@pm/envelope-schemas';
import { verifyLedger } from '@pm/ledger';
import { createLLMClient } from '@pm/llm-client';
import { openaiProvider } from '@pm/llm-client/openai';
import { fakeApiKey, startOpenAICompatibleServer } from '@pm-examples/loopback-model';
import { afterAll, describe, expect, it } from 'vitest';

const root = mkdtempSync(join(tmpdir(), 'pm-load-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const CALLS = 1000;
const toMicro = (usd: number) => Math.round(usd * 1e6);

describe('load: 1,000 concurrent governed calls in one process (real openai SDK, loopback)', () => {
  it('holds the USD cap to the micro-dollar; every call is completed or refused, and ledgered', async () => {
    const server = await startOpenAICompatibleServer(() => ({
      kind: 'complete',
      text: 'ok',
      usage: { input_tokens: 20, output_tokens: 50 },
    }));
    const client = createLLMClient({
      provider: openaiProvider({
        apiKey: new SecretValue(fakeApiKey('load'), 'test'),
        baseURL: server.baseURL,
      }),
      // gpt-5-mini: $0.25 / 1M input, $2 / 1M output. Worst case of one call (about 10 input
      // tokens + 100 output) is about 203 micro-dollars; the cap admits about half of 1,000.
      policy: {
        schema_version: '1',
        policy_id: 'load',
        execution_mode: 'local',
        requires_approval: false,
        max_cost_usd: 0.1015,
        max_runtime_minutes: 10,
        allowed_models: ['gpt-5-mini'],
        run_windows: ['daily:00:00-24:00'],
      },
      ledger: { dir: root, durability: 'batch' },
      retry: { attempts: 1 },
    });
    const run = await client.startRun({ runId: 'load' });
    const results = await Promise.allSettled(
      Array.from({ length: CALLS }, (_, i) =>
        run.generateText({ model: 'gpt-5-mini', input: `call ${i}`, maxOutputTokens: 100 }),
      ),
    );
    const usage = await run.usage();
    await run.end();
    await server.close();

    const completed = results.filter((r) => r.status === 'fulfilled').length;
    const refused = results.filter(
      (r) => r.status === 'rejected' && (r.reason as { code?: string }).code === 'BUDGET_EXCEEDED',
    ).length;
    const records = readFileSync(join(root, 'load', 'ledger.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const responses = records.filter((r) => r.type === 'response');
    const refusals = records.filter((r) => r.type === 'error' && r.data.code === 'BUDGET_EXCEEDED');
    const ledgerMicro = responses.reduce((sum, r) => sum + toMicro(r.data.cost_usd), 0);
    const runScope = usage.scopes.find((s) => s.scope === 'run')!;
    const verified = await verifyLedger(join(root, 'load'));
    console.log(
      `load: ${CALLS} calls, ${completed} completed, ${refused} refused, spent ${ledgerMicro} µ$ of a ${toMicro(0.1015)} µ$ cap, ` +
        `reserved after: ${runScope.reserved.usd}, ledger ${verified.records} records ok=${verified.ok}, ${server.requests.length} requests reached the server`,
    );

    expect(completed + refused).toBe(CALLS);
    expect(completed).toBeGreaterThan(CALLS * 0.4);
    expect(completed).toBeLessThan(CALLS * 0.6);
    expect(ledgerMicro).toBeLessThanOrEqual(toMicro(0.1015));
    expect(responses).toHaveLength(completed);
    expect(refusals).toHaveLength(refused);
    expect(server.requests).toHaveLength(completed);
    expect(toMicro(runScope.spent.usd)).toBe(ledgerMicro);
    expect(runScope.reserved.usd).toBe(0);
    expect(verified.ok, JSON.stringify(verified.problems.slice(0, 3))).toBe(true);
  }, 120_000);
});
