import { expect } from 'vitest';
import { type BudgetStore, createBudget } from '../src/index.js';

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
  const budget = createBudget({
    store,
    clock,
    limits: {},
    alerts: false,
    period: { month: { usd: 1 } },
  });
  const month = async () => (await budget.usage()).scopes[1]!;
  const hold = () =>
    budget.reserve({ model: 'gpt-4o', inputTokens: 0, maxOutputTokens: 30_000, ttlMs: 20 }); // $0.30
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
