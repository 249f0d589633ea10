import { join } from 'node:path';
import { type ReasoningEffort, SecretValue } from '@pm/envelope-schemas';
import {
  type OpenAICompatibleServer,
  startOpenAICompatibleServer,
} from '@pm-examples/loopback-model';
import { afterEach, describe, expect, it } from 'vitest';
import { createLLMClient, type LLMProvider } from '../src/index.js';
import { openaiProvider } from '../src/openai.js';
import { replayProvider } from '../src/replay.js';
import { scriptedProvider } from '../src/testing.js';
import { ledgerRecords } from './helpers/ledger-records.js';
import { tempRoot } from './helpers/temp-root.js';
import { testApiKey } from './helpers/test-api-key.js';
import { localPolicy } from './local-policy.js';

// Decision 0010: the request envelope records the reasoning effort the model is sent, and
// none when it is sent none; the request hash keeps the effort asked for.

const root = tempRoot('pm-envelope-effort-');
const key = new SecretValue(testApiKey('e'), 'test');
const policy = localPolicy({ allowed_models: ['gpt-4o', 'gpt-5.2', 'gpt-5-mini'] });
const servers: OpenAICompatibleServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function loopback(): Promise<OpenAICompatibleServer> {
  const server = await startOpenAICompatibleServer(() => ({ kind: 'complete', text: 'ok' }));
  servers.push(server);
  return server;
}

/** One governed call of `model` at `effort` through `provider`, in a run of its own. */
async function callOnce(
  provider: LLMProvider,
  runId: string,
  model: string,
  effort: ReasoningEffort,
  ledgerDir = join(root, 'ledgers'),
) {
  const client = createLLMClient({ provider, policy, ledger: { dir: ledgerDir } });
  const run = await client.startRun({ runId, stage: 'draft' });
  const result = await run.generateText({
    model,
    input: 'Say ok.',
    maxOutputTokens: 64,
    reasoningEffort: effort,
  });
  await run.end();
  const request = ledgerRecords(ledgerDir, runId).find((r) => r.type === 'request')!;
  return {
    result,
    envelope: request.data.envelope as Record<string, unknown>,
    requestHash: request.data.request_hash as string,
  };
}

describe('the envelope records the reasoning effort sent (real SDK, loopback server)', () => {
  it.each(['chat', 'responses'] as const)(
    '%s: gpt-4o takes none, so the server gets none and the ledger records none',
    async (api) => {
      const server = await loopback();
      const provider = openaiProvider({ apiKey: key, baseURL: server.baseURL, api });
      const { result, envelope } = await callOnce(provider, `gpt-4o-${api}`, 'gpt-4o', 'high');
      const body = server.requests[0]!.body!;
      expect(body).not.toHaveProperty('reasoning_effort');
      expect(body).not.toHaveProperty('reasoning');
      expect(envelope).not.toHaveProperty('reasoning_effort');
      expect(envelope.model).toBe('gpt-4o');
      expect(result.envelope).not.toHaveProperty('reasoning_effort');
    },
  );

  it.each([
    ['chat', 'gpt-5.2'],
    ['responses', 'gpt-5-mini'],
  ] as const)(
    '%s: %s is a reasoning model, so the server gets the effort and the ledger records it',
    async (api, model) => {
      const server = await loopback();
      const provider = openaiProvider({ apiKey: key, baseURL: server.baseURL, api });
      const { envelope } = await callOnce(provider, `${model}-${api}`, model, 'high');
      const body = server.requests[0]!.body!;
      if (api === 'chat') expect(body.reasoning_effort).toBe('high');
      else expect(body.reasoning).toEqual({ effort: 'high' });
      expect(envelope.reasoning_effort).toBe('high');
    },
  );

  it('the request hash keeps the effort asked for, so replay keys are unchanged', async () => {
    const server = await loopback();
    const provider = openaiProvider({ apiKey: key, baseURL: server.baseURL });
    const low = await callOnce(provider, 'hash-low', 'gpt-4o', 'low');
    const high = await callOnce(provider, 'hash-high', 'gpt-4o', 'high');
    expect(low.envelope).toEqual({ ...high.envelope, run_id: 'hash-low' });
    expect(low.requestHash).not.toBe(high.requestHash);
  });

  it('a dry run shows the envelope the call would record', async () => {
    const server = await loopback();
    const client = createLLMClient({
      provider: openaiProvider({ apiKey: key, baseURL: server.baseURL }),
      policy,
      ledger: { dir: join(root, 'estimate') },
    });
    const run = await client.startRun({ runId: 'estimate', stage: 'draft' });
    const ask = { input: 'Say ok.', maxOutputTokens: 64, reasoningEffort: 'low' as const };
    const none = await run.estimate({ ...ask, model: 'gpt-4o' });
    const some = await run.estimate({ ...ask, model: 'gpt-5.2' });
    await run.end();
    expect(none.envelope).not.toHaveProperty('reasoning_effort');
    expect(some.envelope.reasoning_effort).toBe('low');
    expect(server.requests).toHaveLength(0);
  });
});

describe('providers without the hook, and replay', () => {
  it('a provider without sentReasoningEffort records the effort asked for, as it passes it on', async () => {
    const provider = scriptedProvider(['ok']);
    const { envelope } = await callOnce(provider, 'scripted', 'gpt-4o', 'low');
    expect(envelope.reasoning_effort).toBe('low');
    expect(provider.calls[0]!.reasoningEffort).toBe('low');
  });

  it('replays a new recording without the field into an identical envelope', async () => {
    const server = await loopback();
    const recordedDir = join(root, 'recorded-new');
    const provider = openaiProvider({ apiKey: key, baseURL: server.baseURL });
    const recorded = await callOnce(provider, 'new', 'gpt-4o', 'high', recordedDir);
    await server.close();
    const replayed = await callOnce(
      replayProvider({ ledgerDir: recordedDir, runId: 'new' }),
      'new',
      'gpt-4o',
      'high',
      join(root, 'replayed-new'),
    );
    expect(recorded.envelope).not.toHaveProperty('reasoning_effort');
    expect(replayed.envelope).toEqual(recorded.envelope);
    expect(replayed.requestHash).toBe(recorded.requestHash);
    expect(replayed.result.output).toBe(recorded.result.output);
    expect(replayed.result.envelope).toEqual(recorded.result.envelope);
  });

  it('replays an older recording, whose envelope named the effort for any model, as recorded', async () => {
    // Before decision 0010 every envelope named the requested effort: an openai run recorded
    // then looks like one from a provider that passes it on.
    const recordedDir = join(root, 'recorded-old');
    const old = scriptedProvider(['from the old run'], { name: 'openai' });
    const recorded = await callOnce(old, 'old', 'gpt-4o', 'medium', recordedDir);
    expect(recorded.envelope.reasoning_effort).toBe('medium');
    const replayed = await callOnce(
      replayProvider({ ledgerDir: recordedDir, runId: 'old' }),
      'old',
      'gpt-4o',
      'medium',
      join(root, 'replayed-old'),
    );
    expect(replayed.result.output).toBe('from the old run');
    expect(replayed.envelope).toEqual(recorded.envelope);
    expect(replayed.requestHash).toBe(recorded.requestHash);
  });

  it('a replay miss records the effort asked for and fails as before', async () => {
    const ledgerDir = join(root, 'miss');
    const client = createLLMClient({
      provider: replayProvider({ ledgerDir: join(root, 'recorded-old'), runId: 'old' }),
      policy,
      ledger: { dir: ledgerDir },
    });
    const run = await client.startRun({ runId: 'miss', stage: 'draft' });
    await expect(
      run.generateText({ model: 'gpt-4o', input: 'Not recorded.', maxOutputTokens: 8 }),
    ).rejects.toMatchObject({ code: 'REPLAY_MISS' });
    await run.end();
    const request = ledgerRecords(ledgerDir, 'miss').find((r) => r.type === 'request')!;
    expect((request.data.envelope as Record<string, unknown>).reasoning_effort).toBe('medium');
  });

  it("a host provider's hook that answers no effort is refused naming the provider; nothing is sent", async () => {
    const scripted = scriptedProvider(['ok']);
    const provider: LLMProvider = {
      ...scripted,
      name: 'mine',
      sentReasoningEffort: () => 'max' as ReasoningEffort,
    };
    const client = createLLMClient({ provider, policy, ledger: { dir: join(root, 'bad-hook') } });
    const run = await client.startRun({ runId: 'bad-hook', stage: 'draft' });
    await expect(
      run.generateText({ model: 'gpt-5.2', input: 'Say ok.', maxOutputTokens: 8 }),
    ).rejects.toMatchObject({
      code: 'INTERNAL_ERROR',
      message: expect.stringMatching(
        /^Provider "mine" answered sentReasoningEffort with an unknown effort/,
      ),
    });
    await run.end();
    expect(scripted.calls).toHaveLength(0);
  });
});
