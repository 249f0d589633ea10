import { expect } from 'vitest';
import { type BudgetAlert, type BudgetStore, createBudget } from '../src/index.js';

/**
 * Shared by the memory and Redis store tests: spend booked because a reservation expired
 * fires the tiers it crosses, to the budget whose call booked it, once. `passTtl` moves the
 * store's clock past a 20 ms TTL.
 */
export async function expectExpiryFiresAlerts(
  store: BudgetStore,
  clock: () => number,
  passTtl: () => Promise<void>,
): Promise<void> {
  const seen: string[] = [];
  const budget = (name: string) =>
    createBudget({
      store,
      clock,
      // A run cap too: A's run-scope tiers, crossed when B books A's hold, are A's, not B's.
      limits: { usd: 1 },
      period: { month: { usd: 1 } },
      onAlert: (a: BudgetAlert) => seen.push(`${name} ${a.scope} ${a.metric} ${a.level}`),
    });
  const crashed = budget('A');
  const other = budget('B');
  // $0.97 held and never closed: its holder "crashed".
  await crashed.reserve({ model: 'gpt-4o', inputTokens: 0, maxOutputTokens: 97_000, ttlMs: 20 });
  await passTtl();
  // Reading usage reports it as spent but books nothing, so its alerts are not lost...
  expect((await other.usage()).scopes[1]).toMatchObject({
    spent: { usd: 0.97 },
    reserved: { usd: 0 },
  });
  expect(seen).toEqual([]);
  // ...the next reserve books it and hands its alerts to its own budget, then is refused.
  await expect(
    other.reserve({ model: 'gpt-4o', inputTokens: 0, maxOutputTokens: 10_000 }),
  ).rejects.toMatchObject({ code: 'BUDGET_EXCEEDED' });
  expect(seen).toEqual([
    'B month usd info',
    'B month usd warning',
    'B month usd critical',
    'B month usd exhausted',
  ]);
  // A late close of another expired hold fires the tiers its worst case crosses, to its caller.
  const seen2: string[] = [];
  const late = createBudget({
    store,
    clock,
    limits: { usd: 1 },
    onAlert: (a: BudgetAlert) => seen2.push(`${a.scope} ${a.metric} ${a.level}`),
  });
  const r = await late.reserve({
    model: 'gpt-4o',
    inputTokens: 0,
    maxOutputTokens: 60_000,
    ttlMs: 20,
  });
  await passTtl();
  await expect(r.release()).resolves.toMatchObject({
    found: false,
    alerts: [{ scope: 'run', metric: 'usd', level: 'info', spent: 0.6 }],
  });
  expect(seen2).toEqual(['run usd info']);
}

/**
 * Shared by the memory and Redis store tests: a reservation held late on one day and swept
 * the next books into the earlier day's scope, and the tiers that spend crosses there fire
 * to the sweeping budget (it is that budget's own day scope, in an earlier period); the
 * sweep marks them fired, so dropped here they would never fire. `moveTo` sets the
 * budgets' clock (their period keys); `passTtl` moves the store's clock past a 20 ms TTL.
 */
export async function expectPastPeriodExpiryFiresAlerts(
  store: BudgetStore,
  clock: () => number,
  moveTo: (iso: string) => void,
  passTtl: () => Promise<void>,
): Promise<void> {
  const seen: string[] = [];
  const budget = (name: string, timeZone = 'UTC') =>
    createBudget({
      store,
      clock,
      limits: { usd: 10 },
      period: { day: { usd: 1 }, timeZone },
      onAlert: (a: BudgetAlert) => seen.push(`${name} ${a.scopeKey} ${a.metric} ${a.level}`),
    });
  moveTo('2026-11-21T23:59:59Z');
  const crashed = budget('A');
  const sweeper = budget('B');
  // Another zone's days are not this budget's: a Berlin budget sweeping a UTC day's hold
  // books it but fires nothing of that day.
  await crashed.reserve({ model: 'gpt-4o', inputTokens: 0, maxOutputTokens: 97_000, ttlMs: 20 });
  await passTtl();
  moveTo('2026-11-22T12:00:00Z');
  await budget('C', 'Europe/Berlin').reserve({
    model: 'gpt-4o',
    inputTokens: 0,
    maxOutputTokens: 100,
  });
  expect(seen).toEqual([]);
  moveTo('2026-11-22T23:59:59Z');
  // $0.97 held on day 2026-11-22 and never closed: its holder "crashed".
  await crashed.reserve({ model: 'gpt-4o', inputTokens: 0, maxOutputTokens: 97_000, ttlMs: 20 });
  await passTtl();
  moveTo('2026-11-23T00:00:01Z');
  // The next day's reserve books it into day 2026-11-22, crossing three tiers there.
  await sweeper.reserve({ model: 'gpt-4o', inputTokens: 0, maxOutputTokens: 100 });
  expect(seen).toEqual([
    'B day:2026-11-22 usd info',
    'B day:2026-11-22 usd warning',
    'B day:2026-11-22 usd critical',
  ]);
  // Only once: a later sweep or close finds them fired.
  await sweeper.reserve({ model: 'gpt-4o', inputTokens: 0, maxOutputTokens: 100 });
  expect(seen).toHaveLength(3);
}
