import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BudgetExceededError, type BudgetStore, createBudget, memoryStore } from '../src/index.js';
import { checkedStore } from './checked-store.js';
import { expectExactBooks, hammer, yieldTimes } from './hammer.js';

describe('the hard guarantee: booked spend never exceeds a cap', () => {
  it('10,000 concurrent reservations of random sizes with random settle/release (memory store)', async () => {
    const violations: string[] = [];
    const store = checkedStore(memoryStore(), (m) => violations.push(m));
    const run = await hammer(store, 10_000, 42);
    expect(violations).toEqual([]);
    expect(run.refused).toBeGreaterThan(0); // the caps really were in play
    // Exact bookkeeping: the store holds precisely what was settled.
    const month = await expectExactBooks(store, run);
    expect(month.spent.microUsd).toBeLessThanOrEqual(5_000_000);
  });

  it('the check has teeth: a check-then-book store (the racy gateway pattern) is caught overspending', async () => {
    const violations: string[] = [];
    const inner = memoryStore();
    const racy: BudgetStore = {
      async reserve(request) {
        const counters = await inner.usage(request.scopes.map((s) => s.key));
        await yieldTimes(1); // the network round trip between "check" and "book"
        for (let i = 0; i < counters.length; i++) {
          const c = counters[i]!;
          const l = request.scopes[i]!.limits;
          if (
            l.microUsd >= 0 &&
            c.spent.microUsd + c.reserved.microUsd + request.amount.microUsd > l.microUsd
          ) {
            return {
              ok: false,
              scopeKey: c.key,
              metric: 'usd',
              limit: l.microUsd,
              spent: c.spent.microUsd,
              reserved: c.reserved.microUsd,
              alerts: [],
            };
          }
        }
        const unlimited = { tokens: -1, microUsd: -1, requests: -1 };
        return inner.reserve({
          ...request,
          scopes: request.scopes.map((s) => ({ key: s.key, limits: unlimited })),
        });
      },
      settle: (id, a, t) => inner.settle(id, a, t),
      release: (id) => inner.release(id),
      usage: (keys) => inner.usage(keys),
    };
    await hammer(
      checkedStore(racy, (m) => violations.push(m)),
      2_000,
      7,
    );
    expect(violations.length).toBeGreaterThan(0);
  });

  it('property (fast-check): no interleaving of reserve/settle/release books past a cap', async () => {
    const op = fc.record({
      input: fc.nat({ max: 300 }),
      maxOut: fc.nat({ max: 300 }),
      close: fc.oneof(fc.constant('release' as const), fc.double({ min: 0, max: 1, noNaN: true })),
      budget: fc.nat({ max: 1 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.array(op, { minLength: 1, maxLength: 40 }),
        fc.nat({ max: 2000 }),
        async (s, ops, cap) => {
          const violations: string[] = [];
          const inner = memoryStore();
          // Every store operation becomes a scheduled task: fast-check picks the order they run in.
          const scheduled: BudgetStore = {
            reserve: s.scheduleFunction(async function reserve(r) {
              return inner.reserve(r);
            }),
            settle: s.scheduleFunction(async function settle(id, a, t) {
              return inner.settle(id, a, t);
            }),
            release: s.scheduleFunction(async function release(id) {
              return inner.release(id);
            }),
            usage: (keys) => inner.usage(keys),
          };
          const store = checkedStore(scheduled, (m) => violations.push(m));
          const shared = {
            store,
            period: { day: { tokens: cap } },
            clock: () => Date.parse('2026-11-22T12:00:00Z'),
          };
          const budgets = [
            createBudget({ ...shared, limits: { tokens: cap } }),
            createBudget({ ...shared, limits: {} }),
          ];
          const tasks = ops.map(async (o) => {
            let r: Awaited<ReturnType<(typeof budgets)[0]['reserve']>>;
            try {
              r = await budgets[o.budget]!.reserve({
                model: 'gpt-4o',
                inputTokens: o.input,
                maxOutputTokens: o.maxOut,
              });
            } catch (error) {
              if (error instanceof BudgetExceededError) return;
              throw error;
            }
            if (o.close === 'release') await r.release();
            else
              await r.settle({
                inputTokens: o.input,
                outputTokens: Math.floor(o.maxOut * o.close),
              });
          });
          await s.waitFor(Promise.all(tasks));
          expect(violations).toEqual([]);
          const [day] = inner.usageSync(['day:2026-11-22']);
          expect(day!.reserved.tokens).toBe(0);
          expect(day!.spent.tokens).toBeLessThanOrEqual(cap);
        },
      ),
      { numRuns: 200 },
    );
  });
});
