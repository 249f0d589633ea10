import { expect } from 'vitest';
import { createPrng } from '../../../test/support/prng.js';
import {
  type BudgetAlert,
  BudgetExceededError,
  type BudgetStore,
  createBudget,
  type ScopeCounters,
} from '../src/index.js';

export const yieldTimes = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise<void>((r) => setImmediate(r));
};

/**
 * Fires `count` reservations at once against one store through two budgets (sharing the day
 * and month caps), then settles or releases each at a random later moment.
 */
export async function hammer(store: BudgetStore, count: number, seed: number) {
  const random = createPrng(seed).next;
  const alerts: BudgetAlert[] = [];
  const options = {
    store,
    clock: () => Date.parse('2026-11-22T12:00:00Z'),
    period: { day: { tokens: 2_000_000 }, month: { usd: 5, requests: 8_000 } },
    onAlert: (a: BudgetAlert) => alerts.push(a),
  };
  const budgets = [
    createBudget({ ...options, limits: { usd: 3 } }),
    createBudget({ ...options, limits: { usd: 3 } }),
  ];
  let refused = 0;
  let settledMicro = 0;
  let settledTokens = 0;
  let settledRequests = 0;
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const inputTokens = Math.floor(random() * 2000);
      const maxOutputTokens = Math.floor(random() * 4000);
      const coin = random();
      const delay = Math.floor(random() * 3);
      const share = random();
      let reservation: Awaited<ReturnType<(typeof budgets)[0]['reserve']>>;
      try {
        reservation = await budgets[i % 2]!.reserve({
          model: i % 3 === 0 ? 'gpt-5.2' : 'gpt-4o-mini',
          inputTokens,
          maxOutputTokens,
        });
      } catch (error) {
        if (!(error instanceof BudgetExceededError)) throw error;
        refused++;
        return;
      }
      await yieldTimes(delay);
      if (coin < 0.3) {
        await reservation.release();
      } else {
        const result = await reservation.settle({
          inputTokens,
          outputTokens: Math.floor(maxOutputTokens * share),
        });
        expect(result.overrun).toBe(false);
        settledMicro += Math.round(result.usd * 1e6);
        settledTokens += result.tokens;
        settledRequests += result.requests;
      }
    }),
  );
  return { budgets, alerts, refused, settledMicro, settledTokens, settledRequests };
}

/**
 * After a hammer run: nothing is left reserved, the month's books hold exactly what was
 * settled, and each (scope, counter, level) alert fired at most once.
 */
export async function expectExactBooks(
  store: { check(): Promise<readonly ScopeCounters[]> },
  run: Awaited<ReturnType<typeof hammer>>,
): Promise<ScopeCounters> {
  const counters = await store.check();
  const month = counters.find((c) => c.key === 'month:2026-11')!;
  expect(month.reserved).toEqual({ tokens: 0, microUsd: 0, requests: 0 });
  expect(month.spent).toEqual({
    tokens: run.settledTokens,
    microUsd: run.settledMicro,
    requests: run.settledRequests,
  });
  const keys = run.alerts.map((a) => `${a.scopeKey}/${a.metric}/${a.level}`);
  expect(new Set(keys).size).toBe(keys.length);
  return month;
}
