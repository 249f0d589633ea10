import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretValue } from '@pm/envelope-schemas';
import { verifyLedger } from '@pm/ledger';
import {
  type Behaviour,
  type OpenAICompatibleServer,
  startOpenAICompatibleServer,
} from '@pm-examples/loopback-model';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ApprovalDeniedError,
  createLLMClient,
  EgressDeniedError,
  type LLMClientOptions,
  type LLMEvent,
  ProviderUnavailableError,
} from '../src/index.js';
import { openaiProvider } from '../src/openai.js';
import { approveScopes } from './helpers/approve-scopes.js';
import { localPolicy } from './local-policy.js';

const root = mkdtempSync(join(tmpdir(), 'pm-client-openai-'));
const key = new SecretValue(`sk-proj-${'CANARY'}${'Zx81p'.repeat(9)}`, 'env:OPENAI_API_KEY');
const servers: OpenAICompatibleServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const policy = localPolicy;

async function setup(
  name: string,
  script: (i: number) => Behaviour,
  extra: Partial<LLMClientOptions> = {},
) {
  const server = await startOpenAICompatibleServer((_r, i) => script(i));
  servers.push(server);
  const events: LLMEvent[] = [];
  const dir = join(root, name);
  const client = createLLMClient({
    provider: openaiProvider({ apiKey: key, baseURL: server.baseURL, timeoutMs: 500 }),
    policy: policy(),
    ledger: { dir, durability: 'strict' },
    retry: { attempts: 3, baseMs: 1, maxMs: 5 },
    onEvent: (e) => events.push(e),
    ...extra,
  });
  const run = await client.startRun({ runId: name, stage: 'draft' });
  const records = () =>
    readFileSync(join(dir, name, 'ledger.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
  return { server, client, run, events, dir, records };
}

/** Every byte under a directory, as one string (for leak checks). */
function everything(dir: string): string {
  let out = '';
  for (const entry of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, entry);
    if (statSync(path).isFile()) out += readFileSync(path, 'utf8');
  }
  return out;
}

const call = { model: 'gpt-5.2', input: 'Say ok', maxOutputTokens: 100 };

describe('governed calls against a loopback OpenAI server (real SDK)', () => {
  it('completes, settles to the reported usage and leaves a verifiable ledger', async () => {
    const { run, records, dir, server, client } = await setup('success', () => ({
      kind: 'complete',
      text: 'ok',
      usage: { input_tokens: 30, output_tokens: 10 },
    }));
    expect(client.describe().endpoints).toEqual([
      {
        origin: server.origin,
        provider: 'openai',
        purpose: 'chat completions',
        credentialSource: 'env:OPENAI_API_KEY',
      },
    ]);
    const result = await run.generateText(call);
    expect(result).toMatchObject({
      output: 'ok',
      provider: 'openai',
      attempts: 1,
      offline: false,
      degraded: false,
    });
    // gpt-5.2: 30 input at $1.75/M + 10 output at $14/M = 52.5 + 140 micro-dollars, rounded up.
    expect(result.costUsd).toBe(0.000193);
    await run.end();
    const types = records().map((r) => r.type);
    expect(types).toEqual(['run_start', 'request', 'response', 'run_end']);
    expect((await verifyLedger(join(dir, 'success'))).ok).toBe(true);
    expect(everything(join(dir, 'success'))).not.toContain(key.reveal());
  });

  it('validates structured output, sent in strict JSON-Schema mode', async () => {
    const { run, server } = await setup('object', () => ({
      kind: 'complete',
      text: '{"command":"pm-assist discover","modifies_data":false}',
    }));
    const schema = z.strictObject({ command: z.string(), modifies_data: z.boolean() });
    const result = await run.generateObject({ ...call, schema, schemaId: 'next-command@1' });
    expect(result.object).toEqual({ command: 'pm-assist discover', modifies_data: false });
    expect(server.requests[0]!.body?.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'next-command_1', strict: true },
    });
    await run.end();
  });

  it('refuses a schema strict mode cannot take before any request', async () => {
    const { run, server } = await setup('strict', () => ({ kind: 'complete' }));
    const schema = z.strictObject({ note: z.string().optional() });
    await expect(run.generateObject({ ...call, schema, schemaId: 'note@1' })).rejects.toMatchObject(
      { code: 'UNSUPPORTED_SCHEMA' },
    );
    expect(server.requests).toHaveLength(0);
    await run.end();
  });

  it('retries 429 with Retry-After within the bound, then succeeds', async () => {
    const { run, events, records } = await setup('retry', (i) =>
      i < 2 ? { kind: 'status', status: 429, retryAfter: '0' } : { kind: 'complete' },
    );
    const result = await run.generateText(call);
    expect(result.attempts).toBe(3);
    expect(events.filter((e) => e.type === 'call.retry')).toHaveLength(2);
    await run.end();
    expect(records().find((r) => r.type === 'response').data.attempts).toBe(3);
  });

  it('gives up after the last attempt: typed error, reservation released, one error record', async () => {
    const { run, records, server } = await setup('unavailable', () => ({
      kind: 'status',
      status: 503,
    }));
    const error = (await run
      .generateText(call)
      .catch((e: unknown) => e)) as ProviderUnavailableError;
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error.attempts).toBe(3);
    expect(server.requests).toHaveLength(3);
    await run.end();
    const errors = records().filter((r) => r.type === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0].data).toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
      phase: 'call',
      attempts: 3,
      reservation: 'released',
    });
    expect(records().at(-1).data.cost_usd).toBe(0);
  });

  it('degrades to offline only when the host asks, and says so', async () => {
    const { run } = await setup('degrade', () => ({ kind: 'status', status: 500 }), {
      onUnavailable: 'offline',
    });
    const result = await run.generateText(call);
    expect(result).toMatchObject({ degraded: true, offline: true, provider: 'offline' });
    await run.end();
  });

  it('refuses a redirect off the allowlist and ledgers the denial', async () => {
    const other = await startOpenAICompatibleServer();
    servers.push(other);
    const { run, records } = await setup('redirect', () => ({
      kind: 'redirect',
      location: `${other.baseURL}/chat/completions`,
    }));
    await expect(run.generateText(call)).rejects.toBeInstanceOf(EgressDeniedError);
    expect(other.connections()).toBe(0);
    await run.end();
    expect(records().find((r) => r.type === 'error').data).toMatchObject({
      code: 'EGRESS_DENIED',
      phase: 'egress',
      reservation: 'released',
    });
  });

  it('refuses a provider whose origin is not on an explicit allowlist, before any connection', async () => {
    const { run, server } = await setup('allowlist', () => ({ kind: 'complete' }), {
      egress: { allow: ['https://api.openai.com'] },
    });
    await expect(run.generateText(call)).rejects.toBeInstanceOf(EgressDeniedError);
    expect(server.connections()).toBe(0);
    await run.end();
  });

  it('fails closed on approvals: no approver denies; an approval is ledgered', async () => {
    const gated = { policy: policy({ requires_approval: true }) };
    const denied = await setup('no-approver', () => ({ kind: 'complete' }), gated);
    await expect(denied.run.generateText(call)).rejects.toBeInstanceOf(ApprovalDeniedError);
    expect(denied.server.requests).toHaveLength(0);
    await denied.run.end();

    const approved = await setup('approver', () => ({ kind: 'complete' }), {
      ...gated,
      approve: (request) => approveScopes(request.scopes),
    });
    await approved.run.generateText(call);
    await approved.run.end();
    const types = approved.records().map((r) => r.type);
    expect(types).toEqual(['run_start', 'approval', 'request', 'response', 'run_end']);
  });

  it('never overspends: a call whose worst case does not fit is refused and ledgered', async () => {
    const { run, server, records } = await setup('budget', () => ({ kind: 'complete' }), {
      policy: policy({ max_cost_usd: 0.001 }),
    });
    await expect(run.generateText({ ...call, maxOutputTokens: 1000 })).rejects.toMatchObject({
      code: 'BUDGET_EXCEEDED',
    });
    expect(server.requests).toHaveLength(0);
    await run.end();
    expect(records().find((r) => r.type === 'error').data).toMatchObject({
      code: 'BUDGET_EXCEEDED',
      phase: 'reserve',
      reservation: 'none',
    });
  });

  it('the kill switch sends calls offline: no request reaches the server', async () => {
    const { run, server, client } = await setup('kill', () => ({ kind: 'complete' }), {
      env: { PM_LLM_OFFLINE: '1' },
    });
    expect(client.describe()).toMatchObject({ offline: true, endpoints: [] });
    const result = await run.generateText(call);
    expect(result.offline).toBe(true);
    expect(server.connections()).toBe(0);
    await run.end();
  });

  it('keeps the key out of the ledger, events and errors even when the server echoes it', async () => {
    const { run, events, dir } = await setup('leak', () => ({ kind: 'echo-headers' }));
    const error = (await run.generateText(call).catch((e: unknown) => e)) as Error;
    await run.end();
    const seen = [
      everything(join(dir, 'leak')),
      JSON.stringify(events),
      error.message,
      String(error.stack),
    ].join('\n');
    expect(seen).not.toContain(key.reveal());
    expect(seen).not.toContain('CANARY');
  });
});
