import { expect } from 'vitest';
import {
  type BudgetOverspend,
  type BudgetStore,
  createBudget,
  type SettleResult,
} from '../src/index.js';

const model = 'gpt-5.2'; // $14 per 1M output tokens
const out = (outputTokens: number) => ({ model, inputTokens: 0, maxOutputTokens: outputTokens });

/**
 * Shared by the memory and Redis store tests: a settle whose actual passes the reservation
 * is booked as billed, and says so (the settle result and `onOverspend`), with the caps it
 * passed, even when `exhausted` had already fired; later reserves are refused. A settle
 * within its reservation that passes a cap (another's excess used its room) says so too.
 * `freshStore` gives a store with no counters.
 */
export async function expectOverspendReported(freshStore: () => BudgetStore): Promise<void> {
  const events: BudgetOverspend[] = [];
  const alerts: string[] = [];
  const budget = createBudget({
    store: freshStore(),
    limits: { usd: 1 },
    period: { day: { usd: 1 } },
    onAlert: (a) => alerts.push(`${a.scope}:${a.level}`),
    onOverspend: (e) => events.push(e),
  });
  await (await budget.reserve(out(68_000))).settle({ inputTokens: 0, outputTokens: 68_000 }); // $0.952
  const small = await budget.reserve(out(3_000)); // $0.042
  // A refusal at the critical tier uses up `exhausted`: nothing else fires for the cap.
  await expect(budget.reserve(out(10_000))).rejects.toMatchObject({ code: 'BUDGET_EXCEEDED' });
  alerts.length = 0;
  // The provider reports far more output than max_tokens allowed.
  const settled: SettleResult = await small.settle({ inputTokens: 0, outputTokens: 1e9 });
  expect(settled).toMatchObject({
    found: true,
    overrun: true,
    usd: 14_000,
    excess: { tokens: 1e9 - 3_000, usd: 14_000 - 0.042, requests: 0 },
  });
  // The run's `exhausted` fired before (the refusal, on the run cap), not for this booking;
  // the day's fires now.
  const passed = [
    { scope: 'run', metric: 'usd', spent: 14_000.952, limit: 1, over: 13_999.952, alerted: false },
    { scope: 'day', metric: 'usd', spent: 14_000.952, limit: 1, over: 13_999.952, alerted: true },
  ];
  expect(settled.capsPassed).toMatchObject(passed);
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({
    reservationId: small.id,
    model,
    reserved: { tokens: 3_000, usd: 0.042, requests: 1 },
    booked: { tokens: 1e9, usd: 14_000, requests: 1 },
    excess: settled.excess,
    capsPassed: passed,
  });
  // The run's `exhausted` went to the refusal; the day's (not reached by it) fires now.
  expect(alerts).toEqual(['day:exhausted']);
  // The cap is passed: every reserve is refused, even one holding nothing.
  await expect(
    budget.reserve({ model, inputTokens: 0, maxOutputTokens: 0, requests: 0 }),
  ).rejects.toMatchObject({
    code: 'BUDGET_EXCEEDED',
    details: { scope: 'run', metric: 'usd' },
    message: expect.stringContaining('past it (usage booked above its reservation'),
  });
  budget.dispose();

  // Within its reservation, a settle still passes the cap when another's excess used its room.
  events.length = 0;
  const other = createBudget({
    store: freshStore(),
    limits: { usd: 1 },
    alerts: false,
    onOverspend: (e) => events.push(e),
  });
  const a = await other.reserve(out(35_000)); // $0.49
  const b = await other.reserve(out(35_000));
  const bSettled = await b.settle({ inputTokens: 0, outputTokens: 40_000 }); // $0.56: no cap passed
  expect(bSettled).toMatchObject({ overrun: true, capsPassed: [] });
  const aSettled = await a.settle({ inputTokens: 0, outputTokens: 35_000 });
  expect(aSettled).toMatchObject({
    overrun: false,
    excess: { tokens: 0, usd: 0, requests: 0 },
    capsPassed: [{ scope: 'run', metric: 'usd', spent: 1.05, limit: 1, over: 0.05 }],
  });
  expect(events.map((e) => [e.reservationId, e.capsPassed.length])).toEqual([
    [b.id, 0],
    [a.id, 1],
  ]);
  // Within the reservation and the caps: nothing reported.
  const c = createBudget({
    store: freshStore(),
    limits: { usd: 1 },
    onOverspend: (e) => events.push(e),
  });
  const within = await (await c.reserve(out(1_000))).settle({ inputTokens: 0, outputTokens: 999 });
  expect(within).toMatchObject({ overrun: false, capsPassed: [] });
  expect(events).toHaveLength(2);
  other.dispose();
  c.dispose();

  // A booking that passes a cap and fires its `exhausted` alert says so on the cap, so a
  // host recording both (llm-client's ledger) records the cap once.
  const fired: string[] = [];
  const d = createBudget({
    store: freshStore(),
    limits: { usd: 1 },
    onAlert: (x) => fired.push(`${x.scope}:${x.metric}:${x.level}`),
    onOverspend: (e) => events.push(e),
  });
  const dSettled = await (await d.reserve(out(1_000))).settle({
    inputTokens: 0,
    outputTokens: 1_000_000,
  });
  expect(fired).toContain('run:usd:exhausted');
  expect(dSettled.capsPassed).toMatchObject([{ scope: 'run', metric: 'usd', alerted: true }]);
  expect(events.at(-1)?.capsPassed).toMatchObject([{ scope: 'run', alerted: true }]);
  d.dispose();
}
