import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyLedger } from '@pm/ledger';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import offline, {
  createLLMClient,
  OutputValidationError,
  offlineProvider,
  PolicyDeniedError,
} from '../src/index.js';

const root = mkdtempSync(join(tmpdir(), 'pm-client-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function ledgerLines(dir: string, runId: string) {
  return readFileSync(join(dir, runId, 'ledger.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

describe('createLLMClient offline (the default)', () => {
  it('works with no options besides the ledger folder: nothing leaves the process', async () => {
    const dir = join(root, 'default');
    const client = createLLMClient({ ledger: { dir } });
    expect(client.describe().endpoints).toEqual([]);
    expect(client.describe().provider.name).toBe('offline');
    const run = await client.startRun({ runId: 'run-offline-1', stage: 'draft-narrative' });
    const result = await run.generateText({
      model: 'gpt-5.2',
      template: 'draft-narrative@1',
      input: 'Summarise throughput; contact alice@example.com',
      context: { cases: 1200, median_days: 4.5 },
      disclosureLevel: 4,
      maxOutputTokens: 300,
    });
    expect(result.offline).toBe(true);
    expect(result.provider).toBe('offline');
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(result.costUsd).toBe(0);
    expect(result.envelope).toMatchObject({
      run_id: 'run-offline-1',
      stage: 'draft-narrative',
      redaction_profile: 'homebrew@1',
      response_schema: 'text@1',
      template: { id: 'draft-narrative', version: 1 },
      disclosure_level: 4,
    });
    const summary = await run.end();
    expect(summary.summary.requests).toBe(1);

    const records = ledgerLines(dir, 'run-offline-1');
    expect(records.map((r) => r.type)).toEqual(['run_start', 'request', 'response', 'run_end']);
    expect(records[1].data.redaction_counts).toEqual({ email: 1 });
    const files = readdirSync(join(dir, 'run-offline-1', 'artifacts', 'sha256'));
    for (const file of files) {
      expect(
        readFileSync(join(dir, 'run-offline-1', 'artifacts', 'sha256', file), 'utf8'),
      ).not.toContain('alice@example.com');
    }
    const verified = await verifyLedger(join(dir, 'run-offline-1'));
    expect(verified.ok, JSON.stringify(verified.problems)).toBe(true);
  });

  it('generateObject returns a deterministic schema-valid object, or a host fixture', async () => {
    const dir = join(root, 'objects');
    const schema = z.strictObject({ command: z.string(), modifies_data: z.boolean() });
    const run = await createLLMClient({ ledger: { dir } }).startRun({ runId: 'objects' });
    const a = await run.generateObject({
      model: 'gpt-5.2',
      schema,
      schemaId: 'next-command@1',
      input: 'next?',
      maxOutputTokens: 100,
    });
    expect(schema.parse(a.object)).toEqual(a.object);
    expect(a.envelope.response_schema).toBe('next-command@1');
    await run.end();
  });

  it('returns a host fixture named by the schemaId or the response format name', async () => {
    const dir = join(root, 'fixtures');
    const schema = z.strictObject({ command: z.string() });
    // A misspelt `fixtures` would answer with the stub instead: refused.
    expect(() => offlineProvider({ fixture: {} } as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', details: { field: 'fixture' } }),
    );
    const byId = offlineProvider({ fixtures: { 'next-command@1': { command: 'from-id' } } });
    const byName = offlineProvider({ fixtures: { 'next-command_1': { command: 'from-name' } } });
    const ask = {
      model: 'gpt-5.2',
      schema,
      schemaId: 'next-command@1',
      input: 'next?',
      maxOutputTokens: 100,
    };
    for (const [provider, command] of [
      [byId, 'from-id'],
      [byName, 'from-name'],
    ] as const) {
      const run = await createLLMClient({ provider, ledger: { dir } }).startRun();
      // Before: a fixture keyed by the schemaId was ignored for a generated example.
      expect((await run.generateObject(ask)).object).toEqual({ command });
      await run.end();
    }
  });

  it('the default export is the offline provider', () => {
    expect(offline.name).toBe('offline');
    expect(offline.remote).toBe(false);
  });

  it('refuses a model outside the policy and ledgers the refusal', async () => {
    const dir = join(root, 'policy');
    const client = createLLMClient({
      ledger: { dir },
      policy: {
        schema_version: '1',
        policy_id: 'narrow',
        execution_mode: 'local',
        requires_approval: false,
        max_cost_usd: 1,
        max_runtime_minutes: 5,
        allowed_models: ['gpt-5-mini'],
        run_windows: ['daily:00:00-24:00'],
      },
    });
    const run = await client.startRun({ runId: 'policy' });
    await expect(
      run.generateText({ model: 'gpt-5.2', input: 'hi', maxOutputTokens: 10 }),
    ).rejects.toBeInstanceOf(PolicyDeniedError);
    await run.end();
    const error = ledgerLines(dir, 'policy').find((r) => r.type === 'error');
    expect(error.data).toMatchObject({
      code: 'POLICY_DENIED',
      phase: 'policy',
      reservation: 'none',
    });
  });

  it('an output that fails its schema is recorded as invalid and not returned', async () => {
    const dir = join(root, 'invalid');
    // A refinement the offline example cannot know of (a pattern now asks for a fixture).
    const schema = z
      .strictObject({ code: z.string() })
      .refine((value) => value.code === 'ABC', 'must be ABC');
    const run = await createLLMClient({ ledger: { dir } }).startRun({ runId: 'invalid' });
    await expect(
      run.generateObject({
        model: 'gpt-5.2',
        schema,
        schemaId: 'code@1',
        input: 'x',
        maxOutputTokens: 50,
      }),
    ).rejects.toBeInstanceOf(OutputValidationError);
    await run.end();
    const records = ledgerLines(dir, 'invalid');
    expect(records.find((r) => r.type === 'response').data.valid).toBe(false);
    expect(records.find((r) => r.type === 'error').data).toMatchObject({
      code: 'OUTPUT_VALIDATION',
      phase: 'validate',
    });
  });

  it('estimate is a dry run: tokens, worst case, verdict; nothing written', async () => {
    const dir = join(root, 'estimate');
    const run = await createLLMClient({ ledger: { dir } }).startRun({ runId: 'estimate' });
    const estimate = await run.estimate({
      model: 'gpt-5.2',
      input: 'How many cases?',
      maxOutputTokens: 1000,
    });
    expect(estimate.policy).toEqual({ allowed: true });
    expect(estimate.inputTokens).toBeGreaterThan(3);
    // gpt-5.2: $1.75 / 1M input, $14 / 1M output; costs round up to the micro-dollar.
    expect(estimate.worstCaseCostUsd).toBe((Math.ceil(estimate.inputTokens * 1.75) + 14_000) / 1e6);
    await run.end();
    expect(ledgerLines(dir, 'estimate').map((r) => r.type)).toEqual(['run_start', 'run_end']);
  });

  it('estimates take no request ids: the first stored call is req-0001', async () => {
    const dir = join(root, 'estimate-ids');
    const run = await createLLMClient({ ledger: { dir } }).startRun({ runId: 'ids' });
    const call = { model: 'gpt-5.2', input: 'hello', maxOutputTokens: 50 };
    await run.estimate(call);
    await run.estimate(call);
    const first = await run.generateText(call);
    await run.estimate(call);
    const second = await run.generateText(call);
    await run.end();
    expect([first.requestId, second.requestId]).toEqual(['req-0001', 'req-0002']);
    const requests = ledgerLines(dir, 'ids').filter((r) => r.type === 'request');
    expect(requests.map((r) => r.data.request_id)).toEqual(['req-0001', 'req-0002']);
  });
});
