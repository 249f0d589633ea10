import { describe, expect, it } from 'vitest';
import { createBudget, memoryStore } from './helpers.js';

const day = (iso: string) => Date.parse(iso);
const spend = async (budget: ReturnType<typeof createBudget>, n: number) =>
  (await budget.reserve({ model: 'gpt-4o', inputTokens: n, maxOutputTokens: 0 })).settle({
    inputTokens: n,
    outputTokens: 0,
  });

describe('memory store stays bounded', () => {
  it('10,000 finished (disposed) runs on one store leave only the calendar scopes', async () => {
    const store = memoryStore();
    const now = day('2026-11-22T10:00:00Z');
    for (let i = 0; i < 10_000; i++) {
      const budget = createBudget({
        limits: { usd: 1 },
        period: { day: { usd: 100 }, month: { usd: 1000 } },
        store,
        alerts: false,
        clock: () => now,
      });
      await spend(budget, 10);
      budget.dispose();
    }
    expect(store.scopeCount).toBe(2); // day:2026-11-22 and month:2026-11
    expect(store.usageSync(['day:2026-11-22'])[0]!.spent.tokens).toBe(100_000);
  });

  it('dispose() keeps usage() truthful, refuses reserve(), and keeps a run with an open reservation', async () => {
    const store = memoryStore();
    const budget = createBudget({ limits: { tokens: 100 }, store, runId: 'r1' });
    await spend(budget, 30);
    budget.dispose();
    budget.dispose(); // idempotent
    expect(store.scopeCount).toBe(0);
    expect((await budget.usage()).scopes[0]).toMatchObject({
      scopeKey: 'run:r1',
      spent: { tokens: 30 },
      remaining: { tokens: 70 },
    });
    await expect(
      budget.reserve({ model: 'gpt-4o', inputTokens: 1, maxOutputTokens: 0 }),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('disposed'),
    });

    const open = createBudget({ limits: { tokens: 100 }, store, runId: 'r2' });
    const r = await open.reserve({ model: 'gpt-4o', inputTokens: 5, maxOutputTokens: 5 });
    open.dispose();
    expect(store.scopeCount).toBe(1); // held: never dropped under a reservation
    await r.settle({ inputTokens: 5, outputTokens: 1 });
    // Dropped once the reservation closed, its settle included in what usage() reports.
    expect(store.scopeCount).toBe(0);
    expect((await open.usage()).scopes[0]).toMatchObject({ spent: { tokens: 6 } });

    const released = createBudget({ limits: { tokens: 100 }, store, runId: 'r3' });
    const held = await released.reserve({ model: 'gpt-4o', inputTokens: 5, maxOutputTokens: 5 });
    released.dispose();
    await held.release();
    expect(store.scopeCount).toBe(0);
  });

  it('a run scope shared by two budgets is kept until both are disposed', async () => {
    const store = memoryStore();
    const a = createBudget({ limits: { tokens: 100 }, store, runId: 'shared' });
    const b = createBudget({ limits: { tokens: 100 }, store, runId: 'shared' });
    await spend(a, 60);
    a.dispose();
    // b must still see a's spend: the cap is the run's, not one budget's.
    await expect(
      b.reserve({ model: 'gpt-4o', inputTokens: 41, maxOutputTokens: 0 }),
    ).rejects.toMatchObject({ code: 'BUDGET_EXCEEDED', details: { spent: 60 } });
    b.dispose();
    expect(store.scopeCount).toBe(0);
  });

  it('past days and months are dropped once newer ones are seen (with time-zone grace); held ones are kept', async () => {
    const store = memoryStore();
    let now = day('2026-11-28T10:00:00Z');
    const budget = createBudget({
      limits: {},
      period: { day: { tokens: 1000 }, month: { tokens: 100_000 } },
      store,
      clock: () => now,
    });
    await spend(budget, 1);
    const held = await budget.reserve({ model: 'gpt-4o', inputTokens: 1, maxOutputTokens: 0 });
    now = day('2026-11-29T10:00:00Z');
    await spend(budget, 1);
    now = day('2026-11-30T10:00:00Z');
    await spend(budget, 1);
    now = day('2026-12-01T10:00:00Z');
    await spend(budget, 1);
    const keys = (list: string[]) =>
      store.usageSync(list).map((c) => c.spent.tokens + c.reserved.tokens);
    // 11-28 is 3 days back but holds a reservation; 11-29 and 11-30 are within 2 days.
    expect(keys(['day:2026-11-28', 'day:2026-11-29', 'day:2026-11-30'])).toEqual([2, 1, 1]);
    await held.release();
    now = day('2026-12-02T10:00:00Z');
    await spend(budget, 1);
    // Now 11-28 (free) and 11-29 (3 days back) are gone; 11-30 and the months remain.
    expect(keys(['day:2026-11-28', 'day:2026-11-29', 'day:2026-11-30', 'month:2026-11'])).toEqual([
      0, 0, 1, 3,
    ]);
    now = day('2027-01-01T10:00:00Z');
    await spend(budget, 1);
    expect(keys(['month:2026-11', 'month:2026-12', 'month:2027-01'])).toEqual([0, 2, 1]);
    // The run scope, the new day (older days are free and over 2 days back) and two months.
    expect(store.scopeCount).toBe(1 + 1 + 2);
  });

  it('past days are dropped per zone: a newer day of one zone never drops a current day of another', async () => {
    const store = memoryStore();
    let now = day('2026-11-28T10:00:00Z');
    const inZone = (timeZone: string) =>
      createBudget({
        limits: {},
        period: { day: { tokens: 1000 }, timeZone },
        store,
        clock: () => now,
      });
    const berlin = inZone('Europe/Berlin');
    const utc = inZone('UTC');
    await spend(berlin, 1);
    now = day('2026-12-02T10:00:00Z');
    await spend(utc, 1);
    // UTC moved 4 days on; Berlin's 11-28 is still its newest day, so it is kept.
    expect(store.usageSync(['day:Europe/Berlin:2026-11-28'])[0]!.spent.tokens).toBe(1);
    await spend(berlin, 1);
    expect(store.usageSync(['day:Europe/Berlin:2026-11-28'])[0]!.spent.tokens).toBe(0);
    expect(
      store
        .usageSync(['day:Europe/Berlin:2026-12-02', 'day:2026-12-02'])
        .map((c) => c.spent.tokens),
    ).toEqual([1, 1]);
  });
});
