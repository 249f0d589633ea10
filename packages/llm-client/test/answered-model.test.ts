import { type BudgetStore, BudgetStoreUnavailableError, memoryStore } from '@pm/budget';
import { describe, expect, it } from 'vitest';
import { pricesWithO1 } from '../../../test/support/prices-with-o1.js';
import { AnsweredModelNotAllowedError, createLLMClient, type LLMEvent } from '../src/index.js';
import { openaiProvider } from '../src/openai.js';
import { replayProvider } from '../src/replay.js';
import { ledgerRecords } from './helpers/ledger-records.js';
import { tempRoot } from './helpers/temp-root.js';
import { testApiKey } from './helpers/test-api-key.js';
import { localPolicy } from './local-policy.js';
import { chatCompletion, useRawServers } from './raw-http-server.js';

const root = tempRoot('pm-answered-model-');
const serve = useRawServers();
const call = { model: 'gpt-4o-mini', input: 'Summarise the week.', maxOutputTokens: 1000 };
const USAGE = { prompt_tokens: 1000, completion_tokens: 1000 };

/**
 * One gpt-4o-mini call to a server that answers as `answered` (1000/1000 tokens unless told); the
 * run's events, ledger and budget usage, and the result or the error.
 */
async function callAnsweredBy(
  answered: string,
  runId: string,
  options: {
    allowed?: string[];
    prices?: typeof pricesWithO1;
    usage?: { prompt_tokens: number; completion_tokens: number };
    store?: BudgetStore;
  } = {},
) {
  const usage = options.usage ?? USAGE;
  const server = await serve(chatCompletion('An answer.', { model: answered, usage }));
  const events: LLMEvent[] = [];
  const client = createLLMClient({
    provider: openaiProvider({ apiKey: testApiKey('m'), baseURL: server.baseURL }),
    policy: localPolicy({ allowed_models: options.allowed ?? ['gpt-4o-mini'] }),
    budget: {
      ...(options.prices ? { prices: options.prices } : {}),
      ...(options.store ? { store: options.store } : {}),
    },
    ledger: { dir: root, durability: 'none' },
    onEvent: (event) => events.push(event),
  });
  const run = await client.startRun({ runId });
  const outcome = await run.generateText(call).then(
    (result) => ({ result, error: undefined }),
    (error: unknown) => ({ result: undefined, error }),
  );
  const spentUsd = (await run.usage()).scopes[0]?.spent.usd;
  await run.end();
  const records = ledgerRecords(root, runId);
  const mismatches = events.filter((e) => e.type === 'call.model_mismatch');
  return { ...outcome, events, mismatches, records, spentUsd };
}

describe('an answer from another model than the one asked for (decision 0032)', () => {
  it('(the repro: gpt-4o-mini asked, o1 answered, o1 not allowed) is refused, recorded and booked at the worst case', async () => {
    const { error, mismatches, records, spentUsd, events } = await callAnsweredBy('o1', 'repro');
    expect(error).toBeInstanceOf(AnsweredModelNotAllowedError);
    expect(error).toMatchObject({
      code: 'POLICY_DENIED',
      reason: 'answered_model_not_allowed',
      askedModel: 'gpt-4o-mini',
      answeredModel: 'o1',
    });
    expect(mismatches).toEqual([
      expect.objectContaining({ model: 'gpt-4o-mini', answeredModel: 'o1', allowed: false }),
    ]);
    expect(events.find((e) => e.type === 'call.failed')).toMatchObject({
      code: 'POLICY_DENIED',
      phase: 'validate',
    });
    const request = records.find((r) => r.type === 'request');
    const response = records.find((r) => r.type === 'response');
    const failed = records.find((r) => r.type === 'error');
    // o1 is unpriced in the shipped table: booked at no less than the reservation's worst
    // case; here the usage at gpt-4o-mini's price ($0.00075) is more (the server reported more
    // input than was sent).
    const worstCase = request?.data.estimated_cost_usd as number;
    const booked = Math.max(worstCase, 0.00075);
    expect(response?.data).toMatchObject({ model: 'o1', valid: false, cost_usd: booked });
    expect(failed?.data).toMatchObject({
      code: 'POLICY_DENIED',
      phase: 'validate',
      reservation: 'settled',
    });
    expect(spentUsd).toBe(booked);
  });

  it('unpriced and allowed: booked at the worst case held, not at the model asked for', async () => {
    const { result, records } = await callAnsweredBy('o1', 'unpriced', {
      allowed: ['gpt-4o-mini', 'o1'],
      usage: { prompt_tokens: 1000, completion_tokens: 10 },
    });
    const worstCase = records.find((r) => r.type === 'request')?.data.estimated_cost_usd;
    expect(worstCase).toBeGreaterThan(0.000156); // the usage at gpt-4o-mini's price
    expect(result?.costUsd).toBe(worstCase);
    expect(result?.usage).toMatchObject({ inputTokens: 1000, outputTokens: 10 });
  });

  it('priced and allowed: returned, booked at its price ($0.075, not $0.00075), and said', async () => {
    const { result, mismatches, events, records } = await callAnsweredBy('o1', 'priced', {
      allowed: ['gpt-4o-mini', 'o1'],
      prices: pricesWithO1,
    });
    expect(result?.costUsd).toBe(0.075);
    expect(result?.model).toBe('o1');
    expect(mismatches).toEqual([
      expect.objectContaining({ model: 'gpt-4o-mini', answeredModel: 'o1', allowed: true }),
    ]);
    // Above what was reserved for gpt-4o-mini: an overspend, as any booking past its hold.
    expect(events.some((e) => e.type === 'budget.overspend')).toBe(true);
    expect(records.find((r) => r.type === 'response')?.data).toMatchObject({
      model: 'o1',
      cost_usd: 0.075,
      valid: true,
    });
  });

  it('a dated snapshot of the model asked for is the same model: silent, priced as asked', async () => {
    const { result, mismatches } = await callAnsweredBy('gpt-4o-mini-2024-07-18', 'snapshot');
    expect(result?.costUsd).toBe(0.00075);
    expect(result?.model).toBe('gpt-4o-mini-2024-07-18');
    expect(mismatches).toEqual([]);
  });

  it('a dated snapshot of another allowed model: allowed, said, booked at that model', async () => {
    const { result, mismatches } = await callAnsweredBy('gpt-4o-2024-08-06', 'other-snapshot', {
      allowed: ['gpt-4o-mini', 'gpt-4o'],
    });
    expect(result?.costUsd).toBe(0.0125); // gpt-4o: 1000 x $2.50/1M + 1000 x $10/1M
    expect(mismatches).toEqual([expect.objectContaining({ allowed: true })]);
  });

  it('a model the policy does not allow is refused even when it costs less', async () => {
    const { error, records } = await callAnsweredBy('gpt-5-nano', 'cheaper');
    expect(error).toBeInstanceOf(AnsweredModelNotAllowedError);
    // Booked at the model asked for, the dearer here.
    expect(records.find((r) => r.type === 'response')?.data.cost_usd).toBe(0.00075);
  });

  it('replayed, a refused answer is refused again (the recorded model answers)', async () => {
    await callAnsweredBy('o1', 'to-replay');
    const replay = createLLMClient({
      provider: replayProvider({ ledgerDir: root, runId: 'to-replay' }),
      policy: localPolicy({ allowed_models: ['gpt-4o-mini'] }),
      ledger: { dir: `${root}/replayed`, durability: 'none' },
    });
    const run = await replay.startRun({ runId: 'to-replay' });
    await expect(run.generateText(call)).rejects.toBeInstanceOf(AnsweredModelNotAllowedError);
    await run.end();
  });

  it('when the budget store fails at settle, the response record is priced the same way', async () => {
    const inner = memoryStore();
    const store: BudgetStore = {
      reserve: (request) => inner.reserve(request),
      settle: () => Promise.reject(new BudgetStoreUnavailableError('settle', 1000, new Error('x'))),
      release: () =>
        Promise.reject(new BudgetStoreUnavailableError('release', 1000, new Error('x'))),
      usage: (keys) => inner.usage(keys),
    };
    const { error, records } = await callAnsweredBy('o1', 'store-down', {
      allowed: ['gpt-4o-mini', 'o1'],
      prices: pricesWithO1,
      store,
    });
    expect(error).toBeInstanceOf(BudgetStoreUnavailableError);
    expect(records.find((r) => r.type === 'response')?.data.cost_usd).toBe(0.075);
  });
});
