import { expect } from 'vitest';
import { type BudgetStore, createBudget } from '../src/index.js';

/**
 * A budget capping the month at `monthUsd`, its month's usage, and a reservation of $0.30
 * whose TTL is 20 ms. Overspends are expected: not reported as process warnings.
 */
function lateCloseBudget(store: BudgetStore, clock: () => number, monthUsd: number) {
  const budget = createBudget({
    store,
    clock,
    limits: {},
    alerts: false,
    onOverspend: () => {},
    period: { month: { usd: monthUsd } },
  });
  const month = async () => (await budget.usage()).scopes[1]!;
  const hold = () =>
    budget.reserve({ model: 'gpt-4o', inputTokens: 0, maxOutputTokens: 30_000, ttlMs: 20 }); // $0.30
  return { budget, month, hold };
}

/**
 * Shared by the memory and Redis store tests: a settle or release after the reservation's
 * TTL books its worst case and says `found: false`, whether or not another call swept the
 * store in between. `passTtl` moves the store's clock past a 20 ms TTL.
 */
export async function expectLateCloseBooksWorstCase(
  store: BudgetStore,
  clock: () => number,
  passTtl: () => Promise<void>,
): Promise<void> {
  const { budget, month, hold } = lateCloseBudget(store, clock, 1);
  const released = await hold();
  const settled = await hold();
  await passTtl();
  // Nobody swept in between: the late closes still book the worst case, never free it.
  await expect(released.release()).resolves.toMatchObject({ found: false });
  await expect(settled.settle({ inputTokens: 0, outputTokens: 1_000 })).resolves.toMatchObject({
    found: false,
  });
  expect(await month()).toMatchObject({ spent: { usd: 0.6 }, reserved: { usd: 0 } });
  // The same when another reservation swept first.
  const swept = await hold();
  await passTtl();
  await (await budget.reserve({ model: 'gpt-4o', inputTokens: 0, maxOutputTokens: 1 })).release();
  await expect(swept.release()).resolves.toMatchObject({ found: false });
  expect(await month()).toMatchObject({ spent: { usd: 0.9 }, reserved: { usd: 0 } });
  // Within its TTL a release frees the hold.
  const live = await budget.reserve({ model: 'gpt-4o', inputTokens: 0, maxOutputTokens: 5_000 });
  await expect(live.release()).resolves.toMatchObject({ found: true });
  expect(await month()).toMatchObject({ spent: { usd: 0.9 }, reserved: { usd: 0 } });
}

/**
 * Shared by the memory and Redis store tests: a settle past the reservation's TTL books, per
 * counter, the larger of the actual and the worst case (the actual was billed; the worst
 * case was already counted as spent), once, whether or not a sweep booked the worst case
 * first, and its result reports what was booked.
 */
export async function expectLateSettleBooksActualAbove(
  store: BudgetStore,
  clock: () => number,
  passTtl: () => Promise<void>,
): Promise<void> {
  const { budget, month, hold } = lateCloseBudget(store, clock, 10);
  // Nobody swept in between: the actual above the worst case is booked.
  const above = await hold();
  await passTtl();
  await expect(above.settle({ inputTokens: 0, outputTokens: 50_000 })).resolves.toMatchObject({
    found: false,
    tokens: 50_000,
    usd: 0.5,
    overrun: true,
    excess: { tokens: 20_000, usd: 0.2 },
  });
  expect(await month()).toMatchObject({
    spent: { tokens: 50_000, usd: 0.5 },
    reserved: { usd: 0 },
  });
  // An actual below the worst case: the worst case stays booked, and the result says so.
  const below = await hold();
  await passTtl();
  await expect(below.settle({ inputTokens: 0, outputTokens: 1_000 })).resolves.toMatchObject({
    found: false,
    tokens: 30_000,
    usd: 0.3,
    overrun: false,
  });
  expect(await month()).toMatchObject({ spent: { tokens: 80_000, usd: 0.8 } });
  // Swept first (at the worst case): the settle adds only what the actual exceeds it by.
  const swept = await hold();
  await passTtl();
  await (await budget.reserve({ model: 'gpt-4o', inputTokens: 0, maxOutputTokens: 1 })).release();
  expect(await month()).toMatchObject({ spent: { tokens: 110_000, usd: 1.1 } });
  await expect(swept.settle({ inputTokens: 0, outputTokens: 40_000 })).resolves.toMatchObject({
    found: false,
    tokens: 40_000,
    usd: 0.4,
  });
  expect(await month()).toMatchObject({
    spent: { tokens: 120_000, usd: 1.2 },
    reserved: { tokens: 0, usd: 0 },
  });
  // Once: a sweep afterwards books nothing more.
  await passTtl();
  await (await budget.reserve({ model: 'gpt-4o', inputTokens: 0, maxOutputTokens: 1 })).release();
  expect(await month()).toMatchObject({ spent: { tokens: 120_000, usd: 1.2 } });
  budget.dispose();
}

/**
 * Shared by the memory and Redis store tests: a settle long past the reservation's TTL (its
 * worst case booked by a sweep in between). Within the day the stores remember it, hours
 * later, it books what its actual exceeds the worst case by; past the day it books nothing
 * and says so (`forgotten: true`, the excess it could not book in `unbooked`, and a
 * `PM_BUDGET_UNBOOKED` process warning), never reporting the worst case as all that was
 * spent. `advance(ms)` moves the store's and the process's clocks on by `ms`.
 */
export async function expectSettleLongPastTtl(
  store: BudgetStore,
  clock: () => number,
  passTtl: () => Promise<void>,
  advance: (ms: number) => void,
): Promise<void> {
  const budget = createBudget({
    store,
    clock,
    limits: { tokens: 1_000_000 },
    alerts: false,
    onOverspend: () => {},
  });
  const run = async () => (await budget.usage()).scopes[0]!;
  const call = { model: 'gpt-5.2', inputTokens: 50, maxOutputTokens: 50, ttlMs: 20 } as const; // 100 tokens
  const usage = { inputTokens: 50, outputTokens: 200 }; // 250 tokens
  // Books expired reservations (both stores sweep on reserve), holding nothing after.
  const sweep = async () => (await budget.reserve({ ...call, ttlMs: 60_000 })).release();
  const warnings: string[] = [];
  const onWarning = (w: Error & { code?: string }) => warnings.push(`${w.code}: ${w.message}`);
  process.on('warning', onWarning);
  try {
    // Two hours past the TTL: the excess over the worst case is booked.
    const hours = await budget.reserve(call);
    await passTtl();
    await sweep();
    advance(2 * 3_600_000);
    // A reserve after the wait (a host's process goes on working): nothing closed by it.
    const other = await budget.reserve({ ...call, ttlMs: 60_000 });
    expect(await hours.settle(usage)).toMatchObject({
      found: false,
      forgotten: false,
      tokens: 250,
      unbooked: { tokens: 0, usd: 0, requests: 0 },
    });
    await other.release();
    expect(await run()).toMatchObject({ spent: { tokens: 250 }, reserved: { tokens: 0 } });
    // Past the day: the worst case stands (the sweep booked it); the excess is told, not booked.
    const day = await budget.reserve(call);
    await passTtl();
    await sweep();
    advance(25 * 3_600_000);
    const after = await budget.reserve({ ...call, ttlMs: 60_000 });
    const late = await day.settle(usage);
    expect(late).toMatchObject({
      found: false,
      forgotten: true,
      tokens: 100,
      overrun: false,
      unbooked: { tokens: 150, requests: 0 },
    });
    expect(late.unbooked.usd).toBeGreaterThan(0);
    expect(await run()).toMatchObject({ spent: { tokens: 350 }, reserved: { tokens: 100 } });
    await after.release();
    await new Promise((r) => setImmediate(r)); // warnings are emitted on the next tick
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^PM_BUDGET_UNBOOKED: .*150 tokens/);
    expect(warnings[0]).toContain(day.id);
  } finally {
    process.off('warning', onWarning);
    budget.dispose();
  }
}
