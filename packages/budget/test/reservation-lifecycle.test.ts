import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { usageCostMicro, worstCaseCostMicro } from '../src/prices/estimate-cost.js';
import {
  type BudgetStore,
  BudgetStoreUnavailableError,
  createBudget,
  memoryStore,
  priceTable,
} from './helpers.js';

const day = (iso: string) => Date.parse(iso);

describe('rounding: a settlement within its reservation never costs more than it', () => {
  it('1,000 in-bounds settlements (cached split) never pass a $0.001 cap, none flagged overrun', async () => {
    const budget = createBudget({ limits: { usd: 0.001 }, alerts: false });
    const held = [];
    for (;;) {
      try {
        held.push(
          await budget.reserve({ model: 'gpt-4o-mini', inputTokens: 2, maxOutputTokens: 0 }),
        );
      } catch {
        break;
      }
    }
    expect(held).toHaveLength(1000); // 2 tokens at 0.15 $/1M round up to 1 micro-dollar each
    const overruns = [];
    for (const r of held) {
      const s = await r.settle({ inputTokens: 2, cachedInputTokens: 1, outputTokens: 0 });
      if (s.overrun) overruns.push(s);
    }
    const usage = await budget.usage();
    expect(overruns).toEqual([]);
    expect(usage.scopes[0]!.spent.usd).toBeLessThanOrEqual(0.001);
  });

  it('the worst case takes the dearer of the input and cached input price', async () => {
    const prices = priceTable({
      version: 't',
      date: '2026-11-22',
      rows: [
        {
          model: 'odd',
          inputUsdPerMillion: 1,
          cachedInputUsdPerMillion: 3,
          outputUsdPerMillion: 2,
          source: 'test',
          date: '2026-11-22',
        },
      ],
    });
    const budget = createBudget({ limits: { usd: 10 }, prices });
    const r = await budget.reserve({ model: 'odd', inputTokens: 1_000_000, maxOutputTokens: 0 });
    expect(r.microUsd).toBe(3_000_000);
    await expect(
      r.settle({ inputTokens: 1_000_000, cachedInputTokens: 1_000_000, outputTokens: 0 }),
    ).resolves.toMatchObject({ overrun: false, usd: 3 });
  });

  it('property: any usage within the reserved tokens costs at most the reservation', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50_000_000 }),
        fc.integer({ min: 0, max: 50_000_000 }),
        fc.integer({ min: 0, max: 50_000_000 }),
        fc.integer({ min: 0, max: 3_000_000 }),
        fc.integer({ min: 0, max: 3_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (pi, pc, po, input, maxOutput, fi, fc_, fo) => {
          const price = {
            row: undefined as never,
            inputMicroPerMillion: pi,
            cachedInputMicroPerMillion: pc,
            outputMicroPerMillion: po,
          };
          const usedInput = Math.floor(input * fi);
          const cached = Math.floor(usedInput * fc_);
          const output = Math.floor(maxOutput * fo);
          const reserved = worstCaseCostMicro(price, input, maxOutput);
          const settled = usageCostMicro(price, usedInput, cached, output);
          expect(settled).toBeLessThanOrEqual(reserved);
          // And it is the exact ceiling of the exact cost: never under-counted.
          const exact =
            BigInt(usedInput - cached) * BigInt(pi) +
            BigInt(cached) * BigInt(pc) +
            BigInt(output) * BigInt(po);
          expect(BigInt(settled)).toBe((exact + 999_999n) / 1_000_000n);
        },
      ),
    );
  });
});

describe('settle needs the token counts', () => {
  it("OpenAI's own field names, a missing count or no usage object are INVALID_ARGUMENT; nothing is booked", async () => {
    const budget = createBudget({ limits: { usd: 1 } });
    const r = await budget.reserve({ model: 'gpt-5.2', inputTokens: 1000, maxOutputTokens: 1000 });
    await expect(
      r.settle({ prompt_tokens: 1000, completion_tokens: 1000 } as never),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/inputTokens.*prompt_tokens -> inputTokens/s),
    });
    await expect(r.settle({ inputTokens: 1000 } as never)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('missing outputTokens'),
    });
    await expect(r.settle(undefined as never)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(r.settle(null as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(r.closed).toBe(false);
    expect((await budget.usage()).scopes[0]!.spent.usd).toBe(0);
    await expect(r.settle({ inputTokens: 1000, outputTokens: 1000 })).resolves.toMatchObject({
      usd: 0.01575,
    });
  });
});

describe('closing a reservation when the store fails', () => {
  function flakyStore(failures: { settle: number; release: number }): BudgetStore {
    const inner = memoryStore();
    return {
      reserve: (r) => inner.reserve(r),
      settle: (id, a, t) =>
        failures.settle-- > 0
          ? Promise.reject(new BudgetStoreUnavailableError('settle', 2000))
          : inner.settle(id, a, t),
      release: (id) =>
        failures.release-- > 0
          ? Promise.reject(new BudgetStoreUnavailableError('release', 2000))
          : inner.release(id),
      usage: (k) => inner.usage(k),
    };
  }

  it('a failed settle leaves it open: the retry books it', async () => {
    const budget = createBudget({
      limits: { tokens: 1000 },
      store: flakyStore({ settle: 1, release: 0 }),
    });
    const r = await budget.reserve({ model: 'gpt-4o', inputTokens: 500, maxOutputTokens: 500 });
    await expect(r.settle({ inputTokens: 10, outputTokens: 10 })).rejects.toMatchObject({
      code: 'BUDGET_STORE_UNAVAILABLE',
    });
    expect(r.closed).toBe(false);
    await expect(r.settle({ inputTokens: 10, outputTokens: 10 })).resolves.toMatchObject({
      tokens: 20,
      found: true,
    });
    expect(r.closed).toBe(true);
    expect((await budget.usage()).scopes[0]).toMatchObject({
      spent: { tokens: 20 },
      reserved: { tokens: 0 },
    });
  });

  it("the README's catch { release() } surfaces the real error and frees the hold", async () => {
    const budget = createBudget({
      limits: { tokens: 1000 },
      store: flakyStore({ settle: 1, release: 0 }),
    });
    const r = await budget.reserve({ model: 'gpt-4o', inputTokens: 500, maxOutputTokens: 500 });
    let surfaced: unknown;
    try {
      try {
        await r.settle({ inputTokens: 10, outputTokens: 10 });
      } catch (error) {
        await r.release().catch(() => {});
        throw error;
      }
    } catch (error) {
      surfaced = error;
    }
    expect(surfaced).toMatchObject({ code: 'BUDGET_STORE_UNAVAILABLE' });
    expect(r.closed).toBe(true);
    expect((await budget.usage()).scopes[0]!.reserved.tokens).toBe(0);
    await expect(r.settle({ inputTokens: 1, outputTokens: 1 })).rejects.toMatchObject({
      code: 'RESERVATION_CLOSED',
      details: { closedBy: 'release' },
    });
  });

  it('a close made while another is in flight waits for it: closed if it succeeded, tried if it failed', async () => {
    const budget = createBudget({ limits: {}, store: flakyStore({ settle: 1, release: 0 }) });
    const a = await budget.reserve({ model: 'gpt-4o', inputTokens: 5, maxOutputTokens: 5 });
    const first = a.settle({ inputTokens: 1, outputTokens: 1 }); // fails in the store
    const second = a.release(); // made while the settle is in flight
    await expect(first).rejects.toMatchObject({ code: 'BUDGET_STORE_UNAVAILABLE' });
    await expect(second).resolves.toMatchObject({ found: true });
    const b = await budget.reserve({ model: 'gpt-4o', inputTokens: 5, maxOutputTokens: 5 });
    const one = b.settle({ inputTokens: 2, outputTokens: 2 });
    const two = b.settle({ inputTokens: 2, outputTokens: 2 });
    await expect(one).resolves.toMatchObject({ tokens: 4 });
    await expect(two).rejects.toMatchObject({ code: 'RESERVATION_CLOSED' });
    expect((await budget.usage()).scopes[0]).toMatchObject({
      spent: { tokens: 4, requests: 1 },
      reserved: { tokens: 0 },
    });
  });
});

describe('durations are validated where they reach a timer or a store expiry', () => {
  it('reservationTtlMs and ttlMs must be whole ms from 1 to 2^31 - 1', async () => {
    for (const bad of [-5, 0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31]) {
      expect(() => createBudget({ limits: {}, reservationTtlMs: bad })).toThrow(
        expect.objectContaining({
          code: 'INVALID_ARGUMENT',
          message: expect.stringContaining('reservationTtlMs'),
        }),
      );
    }
    const seen: number[] = [];
    const inner = memoryStore();
    const store: BudgetStore = {
      reserve: (r) => {
        seen.push(r.ttlMs);
        return inner.reserve(r);
      },
      settle: (id, a, t) => inner.settle(id, a, t),
      release: (id) => inner.release(id),
      usage: (k) => inner.usage(k),
    };
    const budget = createBudget({ limits: {}, store, reservationTtlMs: 60_000 });
    for (const bad of [-1, 0, 2.5, Number.NaN, 2 ** 31]) {
      await expect(
        budget.reserve({ model: 'gpt-4o', inputTokens: 1, maxOutputTokens: 0, ttlMs: bad }),
      ).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining('ttlMs'),
      });
    }
    await (await budget.reserve({ model: 'gpt-4o', inputTokens: 1, maxOutputTokens: 0 })).release();
    await (
      await budget.reserve({
        model: 'gpt-4o',
        inputTokens: 1,
        maxOutputTokens: 0,
        ttlMs: 2 ** 31 - 1,
      })
    ).release();
    expect(seen).toEqual([60_000, 2 ** 31 - 1]);
  });
});

describe('long runtimes', () => {
  afterEach(() => vi.useRealTimers());

  it('a 30-day runtime aborts at its deadline, not when a 24.8-day timer would clamp', () => {
    vi.useFakeTimers({ now: day('2026-11-01T00:00:00Z') });
    const budget = createBudget({ limits: { maxRuntimeMinutes: 30 * 24 * 60 } });
    vi.advanceTimersByTime(2 ** 31); // past the clamp
    expect(budget.signal.aborted).toBe(false);
    expect(budget.remainingMs()).toBeGreaterThan(0);
    vi.advanceTimersByTime(30 * 86_400_000 - 2 ** 31 - 1); // 1 ms before the deadline
    expect(budget.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(budget.signal.aborted).toBe(true);
    expect(budget.signal.reason).toMatchObject({ code: 'RUNTIME_EXCEEDED' });
    budget.dispose();
  });

  it('dispose() stops a re-armed timer too', () => {
    vi.useFakeTimers({ now: 0 });
    const budget = createBudget({ limits: { maxRuntimeMinutes: 60 * 24 * 60 } });
    vi.advanceTimersByTime(2 ** 31); // the first chunk fired and re-armed
    budget.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('maxRuntimeMinutes must be finite and give a representable deadline', () => {
    for (const bad of [Number.POSITIVE_INFINITY, Number.NaN, 0, -1, 1e300]) {
      expect(() => createBudget({ limits: { maxRuntimeMinutes: bad } })).toThrow(
        expect.objectContaining({
          code: 'INVALID_ARGUMENT',
          message: expect.stringContaining('finite'),
        }),
      );
    }
  });
});
