import { expect } from 'vitest';
import { type BudgetStore, createBudget } from '../src/index.js';

/**
 * Shared by the memory and Redis store tests: budgets in different zones keep their own
 * day and month counters (the zone is in the key), and spellings of one zone share them.
 */
export async function expectZonedKeys(store: BudgetStore): Promise<void> {
  // Noon UTC: the 23rd in UTC and in Berlin. Without the zone in the key both budgets
  // booked into `day:2026-11-23` now, but into different days an hour before midnight.
  const now = Date.parse('2026-11-23T12:00:00Z');
  const budget = (timeZone?: string) =>
    createBudget({
      store,
      limits: {},
      clock: () => now,
      alerts: false,
      period: { day: { usd: 1 }, month: { usd: 5 }, ...(timeZone ? { timeZone } : {}) },
    });
  const spend90 = async (b: ReturnType<typeof createBudget>) =>
    (await b.reserve({ model: 'gpt-4o', inputTokens: 0, maxOutputTokens: 90_000 })).settle({
      inputTokens: 0,
      outputTokens: 90_000,
    });
  const utc = budget();
  const berlin = budget('europe/berlin');
  await spend90(utc);
  await spend90(berlin);
  const keys = async (b: ReturnType<typeof createBudget>) =>
    (await b.usage()).scopes.slice(1).map((s) => [s.scopeKey, s.spent.usd]);
  expect(await keys(utc)).toEqual([
    ['day:2026-11-23', 0.9],
    ['month:2026-11', 0.9],
  ]);
  expect(await keys(berlin)).toEqual([
    ['day:Europe/Berlin:2026-11-23', 0.9],
    ['month:Europe/Berlin:2026-11', 0.9],
  ]);
  // Other spellings of the same zones share their counters: the day cap holds.
  for (const same of [budget('Europe/Berlin'), budget('Etc/UTC'), budget('UTC')]) {
    await expect(
      same.reserve({ model: 'gpt-4o', inputTokens: 0, maxOutputTokens: 20_000 }),
    ).rejects.toMatchObject({ code: 'BUDGET_EXCEEDED', details: { scope: 'day', spent: 0.9 } });
  }
}
