import { join } from 'node:path';
import {
  type BudgetStore,
  BudgetStoreUnavailableError,
  estimateCost,
  memoryStore,
} from '@pm/budget';
import { SecretValue } from '@pm/envelope-schemas';
import { verifyLedger } from '@pm/ledger';
import { type Behaviour, startOpenAICompatibleServer } from '@pm-examples/loopback-model';
import { describe, expect, it } from 'vitest';
import { createLLMClient } from '../src/index.js';
import { openaiProvider } from '../src/openai.js';
import { ledgerRecords } from './helpers/ledger-records.js';
import { tempRoot } from './helpers/temp-root.js';
import { testApiKey } from './helpers/test-api-key.js';
import { localPolicy } from './local-policy.js';

const root = tempRoot('pm-settle-store-');
const key = new SecretValue(testApiKey('h'), 'env:OPENAI_API_KEY');
const call = { model: 'gpt-5.2', input: 'Say ok', maxOutputTokens: 100 };

/** A host's store that reserves, then goes away (Redis down) before the call is closed. */
function storeLostAfterReserve(): { store: BudgetStore; inner: BudgetStore } {
  const inner = memoryStore();
  const gone = (operation: string) => () =>
    Promise.reject(new BudgetStoreUnavailableError(operation, 1000, new Error('connection lost')));
  const store: BudgetStore = {
    reserve: (request) => inner.reserve(request),
    settle: gone('settle'),
    release: gone('release'),
    usage: (keys) => inner.usage(keys),
  };
  return { store, inner };
}

async function runOnce(name: string, behaviour: Behaviour) {
  const server = await startOpenAICompatibleServer(() => behaviour);
  const dir = join(root, name);
  try {
    const { store } = storeLostAfterReserve();
    const client = createLLMClient({
      provider: openaiProvider({ apiKey: key, baseURL: server.baseURL, timeoutMs: 300 }),
      policy: localPolicy(),
      ledger: { dir },
      budget: { store },
      retry: { attempts: 1 },
    });
    const run = await client.startRun({ runId: name });
    const error = await run.generateText(call).catch((e: unknown) => e);
    const usage = await run.usage();
    await run.end();
    const records = ledgerRecords(dir, name);
    return { error, usage, records, runDir: join(dir, name), requests: server.requests.length };
  } finally {
    await server.close();
  }
}

describe('the budget store fails while a call is closed', () => {
  it('an answered call is recorded with its cost, then fails; its hold is left to expire as spent', async () => {
    const { error, usage, records, runDir, requests } = await runOnce('answered', {
      kind: 'complete',
      text: 'ok',
      usage: { input_tokens: 30, output_tokens: 10 },
    });
    expect(error).toBeInstanceOf(BudgetStoreUnavailableError);
    expect(requests).toBe(1);
    expect(records.map((r) => r.type)).toEqual([
      'run_start',
      'request',
      'response',
      'error',
      'run_end',
    ]);
    const priced = estimateCost({ model: call.model, inputTokens: 30, outputTokens: 10 }).usd;
    expect(records[2]?.data).toMatchObject({ usage: { input_tokens: 30, output_tokens: 10 } });
    expect(records[2]?.data.cost_usd).toBe(priced);
    expect(records[3]?.data).toMatchObject({
      code: 'BUDGET_STORE_UNAVAILABLE',
      phase: 'settle',
      reservation: 'held',
    });
    expect(records[3]?.data.cost_usd).toBeUndefined();
    // Still held in the store: it was never closed, so it expires into spent, never free.
    expect(usage.scopes[0]?.reserved.requests).toBe(1);
    expect((await verifyLedger(runDir)).ok).toBe(true);
  });

  it('a failed call whose holds cannot be closed says held, not settled or released', async () => {
    const { error, records } = await runOnce('refused', { kind: 'status', status: 400 });
    expect((error as { code?: string }).code).not.toBe('BUDGET_STORE_UNAVAILABLE');
    const failure = records.find((r) => r.type === 'error');
    expect(failure?.data).toMatchObject({ reservation: 'held' });
    expect(failure?.data.cost_usd).toBeUndefined();
  });
});
