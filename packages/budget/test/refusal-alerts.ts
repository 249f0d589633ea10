import { expect } from 'vitest';
import { type BudgetAlert, type BudgetStore, createBudget } from '../src/index.js';

/**
 * Shared by the memory and Redis store tests: a refusal at low spend (a call bigger than
 * what is left, or a cap full of holds) does not use up the once-per-period `exhausted`
 * alert, so the real exhaustion later is still alerted.
 */
export async function expectLowSpendRefusalKeepsExhausted(store: BudgetStore): Promise<void> {
  const alerts: BudgetAlert[] = [];
  const budget = createBudget({ store, limits: { tokens: 100 }, onAlert: (a) => alerts.push(a) });
  const call = (n: number) => ({ model: 'gpt-4o', inputTokens: n, maxOutputTokens: 0 });
  const spend = async (n: number) =>
    (await budget.reserve(call(n))).settle({ inputTokens: n, outputTokens: 0 });
  const levels = () => alerts.map((a) => `${a.level}@${a.spent}`);
  await spend(10);
  // 10% spent: a call bigger than what is left is refused, but the budget is not exhausted.
  await expect(budget.reserve(call(95))).rejects.toMatchObject({ code: 'BUDGET_EXCEEDED' });
  // 10% spent, 85% held: refused by holds that may still be released.
  const held = await budget.reserve(call(85));
  await expect(budget.reserve(call(10))).rejects.toMatchObject({ code: 'BUDGET_EXCEEDED' });
  expect(levels()).toEqual([]);
  await held.settle({ inputTokens: 85, outputTokens: 0 }); // 95%: info, warning, critical
  await spend(3); // 98%
  // Spend alone leaves no room for this call, past the critical tier: truly exhausted.
  await expect(budget.reserve(call(5))).rejects.toMatchObject({ code: 'BUDGET_EXCEEDED' });
  await expect(budget.reserve(call(5))).rejects.toMatchObject({ code: 'BUDGET_EXCEEDED' });
  expect(levels()).toEqual(['info@95', 'warning@95', 'critical@95', 'exhausted@98']);
  expect(alerts.at(-1)).toMatchObject({ scope: 'run', metric: 'tokens', limit: 100 });
}
