import { describe, expect, it, vi } from 'vitest';
import type { BudgetStore } from '../src/index.js';
import { expectExpiryFiresAlerts, expectPastPeriodExpiryFiresAlerts } from './expiry-alerts.js';
import {
  type BudgetAlert,
  BudgetExceededError,
  createBudget,
  freeRow,
  isPmErrorLike,
  memoryStore,
  priceTable,
} from './helpers.js';
import {
  expectLateCloseBooksWorstCase,
  expectLateSettleBooksActualAbove,
  expectSettleLongPastTtl,
} from './late-close.js';
import { expectOverspendReported } from './overspend.js';
import { expectLowSpendRefusalKeepsExhausted } from './refusal-alerts.js';
import { expectZonedKeys } from './zoned-keys.js';

const day = (iso: string) => Date.parse(iso);

describe('createBudget: reserve, settle, release, usage', () => {
  it('reserves the worst case at the output price and settles to the actual', async () => {
    const budget = createBudget({ limits: { usd: 1, tokens: 100_000 } });
    const r = await budget.reserve({ model: 'gpt-5.2', inputTokens: 1000, maxOutputTokens: 1000 });
    // 1000 * 1.75 + 1000 * 14 micro-dollars
    expect(r.microUsd).toBe(15_750);
    expect(r.tokens).toBe(2000);
    let usage = await budget.usage();
    expect(usage.scopes[0]).toMatchObject({
      scope: 'run',
      reserved: { tokens: 2000, usd: 0.01575, requests: 1 },
      spent: { tokens: 0, usd: 0, requests: 0 },
      remaining: { tokens: 98_000, usd: 0.98425 },
    });
    const settled = await r.settle({ inputTokens: 1000, outputTokens: 200 });
    expect(settled).toMatchObject({
      tokens: 1200,
      usd: 0.00455,
      requests: 1,
      overrun: false,
      found: true,
    });
    usage = await budget.usage();
    expect(usage.scopes[0]).toMatchObject({
      spent: { tokens: 1200, usd: 0.00455, requests: 1 },
      reserved: { tokens: 0, usd: 0, requests: 0 },
    });
  });

  it('release frees everything and books nothing', async () => {
    const budget = createBudget({ limits: { tokens: 10 } });
    const r = await budget.reserve({ model: 'gpt-4o', inputTokens: 5, maxOutputTokens: 5 });
    await expect(
      budget.reserve({ model: 'gpt-4o', inputTokens: 1, maxOutputTokens: 0 }),
    ).rejects.toThrow(BudgetExceededError);
    await r.release();
    const usage = await budget.usage();
    expect(usage.scopes[0]!.spent.tokens).toBe(0);
    expect(usage.scopes[0]!.reserved.tokens).toBe(0);
    await expect(
      budget.reserve({ model: 'gpt-4o', inputTokens: 5, maxOutputTokens: 5 }),
    ).resolves.toBeDefined();
  });

  it('refuses whole (never shrinks) and names the limit, the request and what remains', async () => {
    const budget = createBudget({ limits: { usd: 0.01 } });
    await (await budget.reserve({ model: 'gpt-5.2', inputTokens: 0, maxOutputTokens: 500 })).settle(
      {
        inputTokens: 0,
        outputTokens: 500,
      },
    );
    const error = await budget
      .reserve({ model: 'gpt-5.2', inputTokens: 100, maxOutputTokens: 1000 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BudgetExceededError);
    expect(error).toMatchObject({
      code: 'BUDGET_EXCEEDED',
      details: {
        scope: 'run',
        metric: 'usd',
        limit: 0.01,
        requested: 0.014175,
        spent: 0.007,
        reserved: 0,
        remaining: 0.003,
      },
    });
    expect((error as Error).message).toMatch(
      /run usd limit.*only 0.003 remains.*Lower maxOutputTokens/,
    );
    expect((await budget.usage()).scopes[0]!.reserved.usd).toBe(0);
  });

  it('a USD cap between two micro-dollars is the lower one: spend never passes the cap', async () => {
    // $0.0000015 used to round to 2 micro-dollars, letting $0.000002 be spent under it.
    const budget = createBudget({ limits: { usd: 0.0000015 } });
    // 40 gpt-5-nano input tokens at $0.05 per 1M cost exactly 2 micro-dollars.
    await expect(
      budget.reserve({ model: 'gpt-5-nano', inputTokens: 40, maxOutputTokens: 0 }),
    ).rejects.toMatchObject({ code: 'BUDGET_EXCEEDED', details: { limit: 0.000001 } });
    expect((await budget.usage()).scopes[0]!.remaining.usd).toBe(0.000001);
    // Caps written in whole micro-dollars are kept exactly, float noise and all.
    for (const usd of [0.29, 1.75, 0.1 + 0.2, 2, 0.000001]) {
      const exact = createBudget({ limits: { usd } });
      expect((await exact.usage()).scopes[0]!.remaining.usd).toBe(Math.round(usd * 1e6) / 1e6);
    }
  });

  it('a misspelt reserve field is refused, not left at its default (attempts for requests)', async () => {
    const budget = createBudget({ limits: { requests: 3 } });
    await expect(
      budget.reserve({
        model: 'gpt-4o',
        inputTokens: 1,
        maxOutputTokens: 1,
        attempts: 3,
      } as never),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(
        /request\.attempts is not a reserve field: .*model, inputTokens, maxOutputTokens, requests, ttlMs/,
      ),
    });
    expect((await budget.usage()).scopes[0]!.reserved.requests).toBe(0);
  });

  it('a worst case or an actual too large to count exactly (past 2^53) is refused, not rounded', async () => {
    const budget = createBudget({ limits: {} });
    const max = Number.MAX_SAFE_INTEGER;
    await expect(
      budget.reserve({ model: 'gpt-4o', inputTokens: max, maxOutputTokens: 1 }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('2^53') });
    // Tokens that fit, at a price whose cost does not: 2^52 output tokens at $10 per 1M.
    await expect(
      budget.reserve({ model: 'gpt-4o', inputTokens: 0, maxOutputTokens: 2 ** 52 }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('2^53') });
    const r = await budget.reserve({ model: 'gpt-4o', inputTokens: 1, maxOutputTokens: 1 });
    await expect(r.settle({ inputTokens: max, outputTokens: 1 })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    expect(r.closed).toBe(false);
    const usage = (await budget.usage()).scopes[0]!;
    expect(usage.spent.tokens).toBe(0);
    expect(usage.reserved.tokens).toBe(2);
  });

  it('settling twice, or after release, is RESERVATION_CLOSED', async () => {
    const budget = createBudget({ limits: {} });
    const a = await budget.reserve({ model: 'gpt-4o', inputTokens: 1, maxOutputTokens: 1 });
    await a.settle({ inputTokens: 1, outputTokens: 1 });
    await expect(a.settle({ inputTokens: 1, outputTokens: 1 })).rejects.toMatchObject({
      code: 'RESERVATION_CLOSED',
    });
    await expect(a.release()).rejects.toMatchObject({ code: 'RESERVATION_CLOSED' });
    const b = await budget.reserve({ model: 'gpt-4o', inputTokens: 1, maxOutputTokens: 1 });
    await b.release();
    await expect(b.settle({ inputTokens: 1, outputTokens: 1 })).rejects.toThrow(
      /already closed by release\(\)/,
    );
    await expect(b.release()).rejects.toMatchObject({ code: 'RESERVATION_CLOSED' });
  });

  it('invalid usage is refused before the reservation closes, so it can still be settled', async () => {
    const budget = createBudget({ limits: {} });
    const r = await budget.reserve({ model: 'gpt-4o', inputTokens: 10, maxOutputTokens: 10 });
    await expect(r.settle({ inputTokens: -1, outputTokens: 0 })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    expect(r.closed).toBe(false);
    await expect(r.settle({ inputTokens: 10, outputTokens: 3 })).resolves.toMatchObject({
      tokens: 13,
    });
  });

  it('an actual above the reservation is booked truthfully and flagged', async () => {
    const budget = createBudget({ limits: { tokens: 1000 } });
    const r = await budget.reserve({ model: 'gpt-4o', inputTokens: 10, maxOutputTokens: 10 });
    await expect(r.settle({ inputTokens: 10, outputTokens: 50 })).resolves.toMatchObject({
      overrun: true,
      tokens: 60,
    });
  });

  it('retries count against the reservation: reserve attempts, settle the attempts made', async () => {
    const budget = createBudget({ limits: { requests: 3 } });
    const r = await budget.reserve({
      model: 'gpt-4o',
      inputTokens: 1,
      maxOutputTokens: 1,
      requests: 3,
    });
    await expect(
      budget.reserve({ model: 'gpt-4o', inputTokens: 1, maxOutputTokens: 1 }),
    ).rejects.toMatchObject({
      details: { metric: 'requests', remaining: 0 },
    });
    await r.settle({ inputTokens: 1, outputTokens: 1, requests: 2 });
    expect((await budget.usage()).scopes[0]!.spent.requests).toBe(2);
  });

  it("requests: n holds n attempts' worst case: n times the tokens and cost, not one call's", async () => {
    const budget = createBudget({ limits: { usd: 1, tokens: 100_000, requests: 10 } });
    const call = { model: 'gpt-5.2', inputTokens: 1000, maxOutputTokens: 1000 };
    const r = await budget.reserve({ ...call, requests: 3 });
    // Each attempt may bill its input and all its output: 3 * (1000 * 1.75 + 1000 * 14) micro-dollars.
    expect(r).toMatchObject({ tokens: 6000, microUsd: 47_250, requests: 3 });
    expect((await budget.usage()).scopes[0]!.reserved).toEqual({
      tokens: 6000,
      usd: 0.04725,
      requests: 3,
    });
    // Three attempts each billed in full fit the hold: not an overrun.
    await expect(
      r.settle({ inputTokens: 3000, outputTokens: 3000, requests: 3 }),
    ).resolves.toMatchObject({ tokens: 6000, usd: 0.04725, overrun: false });
    // A cap that fits one attempt refuses a hold for three.
    const small = createBudget({ limits: { tokens: 5000 } });
    await expect(small.reserve({ ...call, requests: 3 })).rejects.toMatchObject({
      code: 'BUDGET_EXCEEDED',
      details: { metric: 'tokens', requested: 6000 },
    });
    // requests: 0 holds one attempt's tokens and cost and counts no request.
    await expect(small.reserve({ ...call, requests: 0 })).resolves.toMatchObject({
      tokens: 2000,
      microUsd: 15_750,
      requests: 0,
    });
    // The tokens are checked for exactness after multiplying, before they are priced.
    // The message names the multiplication, or a host whose token counts are each fine
    // would look for the fault in them and not in requests.
    await expect(
      small.reserve({ ...call, inputTokens: 2 ** 52, requests: 4 }),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/times requests \(4\)/),
    });
  });
});

describe('unknown prices and per-call ceilings', () => {
  it('an unknown model with a USD limit in force is refused (run or period)', async () => {
    const run = createBudget({ limits: { usd: 5 } });
    await expect(
      run.reserve({ model: 'gpt-6', inputTokens: 1, maxOutputTokens: 1 }),
    ).rejects.toMatchObject({
      code: 'UNKNOWN_MODEL_PRICE',
      name: 'UnknownModelPriceError',
      message: expect.stringContaining('so the call is refused'),
    });
    const monthly = createBudget({ limits: { tokens: 100 }, period: { month: { usd: 5 } } });
    await expect(
      monthly.reserve({ model: 'gpt-6', inputTokens: 1, maxOutputTokens: 1 }),
    ).rejects.toMatchObject({
      code: 'UNKNOWN_MODEL_PRICE',
    });
  });

  it('without a USD limit an unknown model is refused too: its $0 would pass a shared USD cap unseen', async () => {
    const store = memoryStore();
    // A tokens-only budget and a USD-capped one share the store's day key.
    const tokensOnly = createBudget({ store, limits: { tokens: 1e9 }, period: { day: {} } });
    const usdCapped = createBudget({ store, limits: {}, period: { day: { usd: 1 } } });
    for (const budget of [tokensOnly, createBudget({ limits: { tokens: 100 } })]) {
      await expect(
        budget.reserve({ model: 'my-local-model', inputTokens: 1e6, maxOutputTokens: 1e6 }),
      ).rejects.toMatchObject({
        code: 'UNKNOWN_MODEL_PRICE',
        message: expect.stringContaining('a row whose prices are 0'),
      });
    }
    expect((await usdCapped.usage()).scopes[1]!.spent.tokens).toBe(0);
  });

  it('a free model is declared with a price row of 0 and budgeted on tokens and requests', async () => {
    const prices = priceTable({
      version: 'test',
      date: '2026-12-07',
      rows: [freeRow('my-local-model')],
    });
    const budget = createBudget({ prices, limits: { tokens: 100 } });
    const r = await budget.reserve({
      model: 'my-local-model',
      inputTokens: 10,
      maxOutputTokens: 10,
    });
    expect(r.microUsd).toBe(0);
    await r.settle({ inputTokens: 10, outputTokens: 5 });
    expect((await budget.usage()).scopes[0]!.spent.tokens).toBe(15);
  });

  it('per-call ceilings refuse, never trim', async () => {
    const budget = createBudget({
      limits: { maxInputTokensPerCall: 100, maxOutputTokensPerCall: 50 },
    });
    await expect(
      budget.reserve({ model: 'gpt-4o', inputTokens: 101, maxOutputTokens: 1 }),
    ).rejects.toMatchObject({
      code: 'CALL_LIMIT_EXCEEDED',
      details: { what: 'input tokens', requested: 101, limit: 100 },
    });
    await expect(
      budget.reserve({ model: 'gpt-4o', inputTokens: 1, maxOutputTokens: 51 }),
    ).rejects.toThrow(/Lower maxOutputTokens/);
    await expect(
      budget.reserve({ model: 'gpt-4o', inputTokens: 100, maxOutputTokens: 50 }),
    ).resolves.toBeDefined();
  });

  it('malformed options are INVALID_ARGUMENT with an example', async () => {
    expect(() => createBudget({ limits: { usd: -1 } })).toThrow(
      /limits.usd must be a finite, non-negative/,
    );
    // Past 2^53 micro-dollars money could not be counted exactly.
    expect(() => createBudget({ limits: { usd: 1e303 } })).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining('at most'),
      }),
    );
    expect(() => createBudget({ limits: {}, period: { timeZone: 'Mars/Olympus' } })).toThrow(
      /IANA/,
    );
    expect(() => createBudget({ limits: {}, alerts: { warning: 2 } })).toThrow(/between 0 and 1/);
    const budget = createBudget({ limits: {} });
    await expect(
      budget.reserve({ model: 'gpt-4o', inputTokens: 1.5, maxOutputTokens: 1 }),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  // Each of these, read leniently, would be no cap at all: spend without bound.
  it.each([
    [
      'a number for a day cap',
      { limits: {}, period: { day: 5 } },
      /period\.day must be an object, e\.g\. period: \{ day: \{ usd: 5 \} \}; got 5/,
    ],
    [
      'null for a day cap',
      { limits: {}, period: { day: null } },
      /period\.day must be an object.*got null/,
    ],
    [
      'a month cap in USD',
      { limits: {}, period: { month: { USD: 50 } } },
      /period\.month\.USD is not a budget option \(did you mean usd\?\)/,
    ],
    [
      'a daily period',
      { limits: {}, period: { daily: { usd: 5 } } },
      /period\.daily is not a budget option: period takes day, month, timeZone/,
    ],
    ['a maxUsd limit', { limits: { maxUsd: 2 } }, /limits\.maxUsd is not a budget option/],
    [
      'a period that is not an object',
      { limits: {}, period: 'monthly' },
      /period must be an object.*got "monthly"/,
    ],
    ['limits as an array', { limits: [2] }, /limits must be an object.*got an array/],
    [
      'a misspelt option',
      { limits: {}, periods: { day: { usd: 5 } } },
      /options\.periods is not a budget option: options takes limits, period, alerts/,
    ],
    ['a misspelt alert level', { limits: {}, alerts: { warn: 0.5 } }, /alerts\.warn is not/],
    ['alerts null', { limits: {}, alerts: null }, /alerts must be an object.*got null/],
    ['a runId that is not a string', { limits: {}, runId: { id: 1 } }, /runId must be a string/],
    ['an empty runId', { limits: {}, runId: '' }, /runId must be a string of 1-256/],
  ])('a mistyped cap (%s) is refused, not read as no cap', (_name, options, message) => {
    expect(() => createBudget(options as never)).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: expect.stringMatching(message),
      }),
    );
  });

  it('every documented key is still accepted', async () => {
    const budget = createBudget({
      limits: {
        usd: 2,
        tokens: 200_000,
        requests: 10,
        maxRuntimeMinutes: 30,
        maxInputTokensPerCall: 4_000,
        maxOutputTokensPerCall: 4_000,
      },
      period: {
        day: { usd: 5, tokens: 1_000_000, requests: 100 },
        month: { usd: 50, tokens: undefined },
        timeZone: 'Europe/Berlin',
      },
    });
    expect((await budget.usage()).scopes.map((s) => s.scope)).toEqual(['run', 'day', 'month']);
    budget.dispose();
  });
});

describe('runtime', () => {
  it('gives a deadline, refuses reservations after it, and aborts the signal', async () => {
    let now = day('2026-11-22T10:00:00Z');
    const budget = createBudget({ limits: { maxRuntimeMinutes: 30 }, clock: () => now });
    expect(budget.deadline?.toISOString()).toBe('2026-11-22T10:30:00.000Z');
    expect(budget.remainingMs()).toBe(30 * 60_000);
    await (await budget.reserve({ model: 'gpt-4o', inputTokens: 1, maxOutputTokens: 1 })).release();
    now += 30 * 60_000;
    await expect(
      budget.reserve({ model: 'gpt-4o', inputTokens: 1, maxOutputTokens: 1 }),
    ).rejects.toMatchObject({
      code: 'RUNTIME_EXCEEDED',
    });
    expect(budget.signal.aborted).toBe(true);
    expect(budget.signal.reason).toMatchObject({ code: 'RUNTIME_EXCEEDED' });
    budget.dispose();
  });

  it('the signal aborts on its own when the time is up (real timer)', async () => {
    const budget = createBudget({ limits: { maxRuntimeMinutes: 0.001 } });
    await new Promise<void>((resolve) =>
      budget.signal.addEventListener('abort', () => resolve(), { once: true }),
    );
    expect(isPmErrorLike(budget.signal.reason, 'RUNTIME_EXCEEDED')).toBe(true);
  });

  it('without a runtime limit the signal never aborts', () => {
    const budget = createBudget({ limits: {} });
    expect(budget.deadline).toBeUndefined();
    expect(budget.remainingMs()).toBe(Number.POSITIVE_INFINITY);
    expect(budget.signal.aborted).toBe(false);
  });
});

describe('usage above the reservation', () => {
  it('is booked as billed and reported (settle result, onOverspend) with the caps it passed', async () => {
    await expectOverspendReported(() => memoryStore());
  });

  it('without onOverspend it is a process warning (PM_BUDGET_OVERSPEND), never silent', async () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    try {
      const budget = createBudget({ limits: { usd: 1 } });
      const r = await budget.reserve({ model: 'gpt-5.2', inputTokens: 0, maxOutputTokens: 10 });
      await r.settle({ inputTokens: 0, outputTokens: 1e12 });
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]![0]).toMatch(/caps passed: run:.* usd 14000000 of 1/);
      expect(warn.mock.calls[0]![1]).toMatchObject({ code: 'PM_BUDGET_OVERSPEND' });
    } finally {
      warn.mockRestore();
    }
  });
});

describe('reservations past their TTL', () => {
  it("a late settle or release books the worst case (found: false), as the Redis store's sweep does", async () => {
    let now = Date.parse('2026-11-22T12:00:00Z');
    const clock = () => now;
    await expectLateCloseBooksWorstCase(memoryStore({ clock }), clock, async () => {
      now += 20;
    });
  });

  it('a settle hours past the TTL books its excess; past the day it says forgotten and what it could not book', async () => {
    let now = Date.parse('2026-11-22T12:00:00Z');
    const clock = () => now;
    await expectSettleLongPastTtl(
      memoryStore({ clock }),
      clock,
      async () => {
        now += 20;
      },
      (ms) => {
        now += ms;
      },
    );
  });

  it('a late settle books the actual where it is above the worst case, swept or not, and reports what it booked', async () => {
    let now = Date.parse('2026-11-22T12:00:00Z');
    const clock = () => now;
    await expectLateSettleBooksActualAbove(memoryStore({ clock }), clock, async () => {
      now += 20;
    });
  });

  it('a settle after a release whose reply was lost books the actual and says released (found: false)', async () => {
    const inner = memoryStore();
    let loseNext = true;
    // The release is done in the store, but its reply never reaches the budget.
    const store: BudgetStore = {
      reserve: (r) => inner.reserve(r),
      settle: (id, actual, t) => inner.settle(id, actual, t),
      usage: (keys) => inner.usage(keys),
      release: async (id, t) => {
        const result = await inner.release(id, t);
        if (!loseNext) return result;
        loseNext = false;
        throw new Error('reply lost');
      },
    };
    const budget = createBudget({ store, limits: { tokens: 1000 }, alerts: false });
    const r = await budget.reserve({ model: 'gpt-5.2', inputTokens: 50, maxOutputTokens: 50 });
    await expect(r.release()).rejects.toThrow('reply lost');
    // The host then learns the call was made after all, and settles it.
    await expect(r.settle({ inputTokens: 50, outputTokens: 10 })).resolves.toMatchObject({
      found: false,
      released: true,
      tokens: 60,
    });
    expect((await budget.usage()).scopes[0]).toMatchObject({
      spent: { tokens: 60 },
      reserved: { tokens: 0 },
    });
    budget.dispose();
  });

  it('spend booked by expiry fires the alert tiers it crosses, to the budget that booked it', async () => {
    let now = Date.parse('2026-11-22T12:00:00Z');
    const clock = () => now;
    await expectExpiryFiresAlerts(memoryStore({ clock }), clock, async () => {
      now += 20;
    });
  });

  it("a reservation swept the next day fires the earlier day's alerts, to the budget that booked it", async () => {
    let now = 0;
    const clock = () => now;
    await expectPastPeriodExpiryFiresAlerts(
      memoryStore({ clock }),
      clock,
      (iso) => {
        now = Date.parse(iso);
      },
      async () => {
        now += 20;
      },
    );
  });

  it("a zoned budget's hold swept in its next month fires that zone's earlier day and month, once", async () => {
    let now = 0;
    const clock = () => now;
    const seen: string[] = [];
    const budget = (store: BudgetStore, timeZone: string) =>
      createBudget({
        store,
        clock,
        limits: { usd: 10 },
        period: { day: { usd: 1 }, month: { usd: 1.5 }, timeZone },
        onAlert: (a: BudgetAlert) => seen.push(`${timeZone} ${a.scopeKey} ${a.level}`),
      });
    const hold = { model: 'gpt-4o', inputTokens: 0, maxOutputTokens: 97_000, ttlMs: 20 };
    const small = { model: 'gpt-4o', inputTokens: 0, maxOutputTokens: 100 };
    for (const sweepZone of ['UTC', 'Europe/Berlin']) {
      const store = memoryStore({ clock });
      // 23:59:59 on 30 November in Berlin (22:59:59 UTC): $0.97, never closed.
      now = Date.parse('2026-11-30T22:59:59Z');
      await budget(store, 'Europe/Berlin').reserve(hold);
      // Two seconds later it is 1 December in Berlin, still 30 November in UTC.
      now += 2_000;
      const sweeper = budget(store, sweepZone);
      await sweeper.reserve(small);
      await sweeper.reserve(small); // a later sweep finds nothing more to fire
    }
    // Swept by the UTC budget, it is booked but fires nothing: Berlin's days are not its own
    // (docs/operations.md says to give replicas one timeZone). Swept by a Berlin budget, its
    // Berlin day and month tiers fire, once.
    expect(seen.sort()).toEqual([
      'Europe/Berlin day:Europe/Berlin:2026-11-30 critical',
      'Europe/Berlin day:Europe/Berlin:2026-11-30 info',
      'Europe/Berlin day:Europe/Berlin:2026-11-30 warning',
      'Europe/Berlin month:Europe/Berlin:2026-11 info',
    ]);
  });

  it("a budget's own store expires reservations on the budget's clock", async () => {
    let now = Date.parse('2026-11-22T12:00:00Z');
    const budget = createBudget({ limits: { tokens: 100 }, clock: () => now });
    const r = await budget.reserve({
      model: 'gpt-4o',
      inputTokens: 40,
      maxOutputTokens: 0,
      ttlMs: 1000,
    });
    now += 1000;
    await expect(r.release()).resolves.toMatchObject({ found: false });
    expect((await budget.usage()).scopes[0]).toMatchObject({
      spent: { tokens: 40 },
      reserved: { tokens: 0 },
    });
  });
});

describe('scopes and calendar periods', () => {
  it('a reservation must fit the run and every period cap at once', async () => {
    const store = memoryStore();
    const now = day('2026-11-22T10:00:00Z');
    const opts = {
      store,
      clock: () => now,
      period: { day: { tokens: 150 }, month: { tokens: 1000 } },
    };
    const a = createBudget({ ...opts, limits: { tokens: 100 } });
    const b = createBudget({ ...opts, limits: { tokens: 100 } });
    await (await a.reserve({ model: 'gpt-4o', inputTokens: 50, maxOutputTokens: 50 })).settle({
      inputTokens: 50,
      outputTokens: 50,
    });
    // b's run has room, but the shared day cap has 50 left.
    await expect(
      b.reserve({ model: 'gpt-4o', inputTokens: 30, maxOutputTokens: 30 }),
    ).rejects.toMatchObject({
      details: { scope: 'day', scopeKey: 'day:2026-11-22', remaining: 50 },
    });
    // a's run is full even though the day has room.
    await expect(
      a.reserve({ model: 'gpt-4o', inputTokens: 1, maxOutputTokens: 0 }),
    ).rejects.toMatchObject({
      details: { scope: 'run' },
    });
    const usage = await b.usage();
    expect(usage.scopes.map((s) => [s.scope, s.scopeKey, s.spent.tokens])).toEqual([
      ['run', `run:${b.runId}`, 0],
      ['day', 'day:2026-11-22', 100],
      ['month', 'month:2026-11', 100],
    ]);
  });

  it('periods reset at their boundary (injected clock, UTC default)', async () => {
    let now = day('2026-11-30T23:59:59Z');
    const budget = createBudget({
      limits: {},
      clock: () => now,
      period: { day: { tokens: 10 }, month: { tokens: 25 } },
    });
    const spend = async (n: number) =>
      (await budget.reserve({ model: 'gpt-4o', inputTokens: n, maxOutputTokens: 0 })).settle({
        inputTokens: n,
        outputTokens: 0,
      });
    await spend(10);
    await expect(spend(1)).rejects.toMatchObject({ details: { scope: 'day' } });
    now = day('2026-12-01T00:00:00Z'); // new day and new month
    await spend(10);
    now = day('2026-12-02T00:00:00Z');
    await spend(10);
    now = day('2026-12-03T12:00:00Z');
    await expect(spend(6)).rejects.toMatchObject({
      details: { scope: 'month', scopeKey: 'month:2026-12', remaining: 5 },
    });
    await spend(5);
    const usage = await budget.usage();
    expect(usage.scopes.map((s) => [s.scopeKey, s.spent.tokens])).toEqual([
      [`run:${budget.runId}`, 35],
      ['day:2026-12-03', 5],
      ['month:2026-12', 25],
    ]);
  });

  it("each time zone's days and months are its own keys: one instant never books a zone's day into another's", async () => {
    await expectZonedKeys(memoryStore());
  });

  it('calendar periods follow the configured time zone', async () => {
    let now = day('2026-11-22T14:59:00Z'); // 23:59 in Tokyo
    const budget = createBudget({
      limits: {},
      clock: () => now,
      period: { day: { tokens: 10 }, timeZone: 'Asia/Tokyo' },
    });
    await (await budget.reserve({ model: 'gpt-4o', inputTokens: 10, maxOutputTokens: 0 })).settle({
      inputTokens: 10,
      outputTokens: 0,
    });
    await expect(
      budget.reserve({ model: 'gpt-4o', inputTokens: 1, maxOutputTokens: 0 }),
    ).rejects.toMatchObject({
      details: { scopeKey: 'day:Asia/Tokyo:2026-11-22' },
    });
    now = day('2026-11-22T15:00:00Z'); // midnight in Tokyo, still the 22nd in UTC
    const r = await budget.reserve({ model: 'gpt-4o', inputTokens: 10, maxOutputTokens: 0 });
    expect((await budget.usage()).scopes[1]!.scopeKey).toBe('day:Asia/Tokyo:2026-11-23');
    await r.release();
  });
});

describe('tiered alerts', () => {
  it('fire once per scope, counter and level, as structured events; exhausted on refusal', async () => {
    const alerts: BudgetAlert[] = [];
    const budget = createBudget({
      limits: { tokens: 100 },
      onAlert: (a) => alerts.push(a),
      clock: () => day('2026-11-22T10:00:00Z'),
    });
    const spend = async (n: number) =>
      (await budget.reserve({ model: 'gpt-4o', inputTokens: n, maxOutputTokens: 0 })).settle({
        inputTokens: n,
        outputTokens: 0,
      });
    await spend(40);
    expect(alerts).toEqual([]);
    const result = await spend(15); // 55%
    expect(result.alerts.map((a) => a.level)).toEqual(['info']);
    await spend(1);
    await spend(30); // 86%: warning only, info not again
    await spend(10); // 96%: critical
    await expect(spend(5)).rejects.toThrow(BudgetExceededError);
    await expect(spend(5)).rejects.toThrow(BudgetExceededError);
    expect(alerts.map((a) => a.level)).toEqual(['info', 'warning', 'critical', 'exhausted']);
    expect(alerts[1]).toEqual({
      level: 'warning',
      scope: 'run',
      scopeKey: `run:${budget.runId}`,
      metric: 'tokens',
      spent: 86,
      limit: 100,
      fraction: 0.86,
      at: '2026-11-22T10:00:00.000Z',
    });
  });

  it('a low-spend refusal does not use up the exhausted alert; the real exhaustion fires it', async () => {
    await expectLowSpendRefusalKeepsExhausted(memoryStore());
  });

  it('one settlement crossing several tiers fires each of them, in order; USD reported in USD', async () => {
    const alerts: BudgetAlert[] = [];
    const budget = createBudget({ limits: { usd: 0.01 }, onAlert: (a) => alerts.push(a) });
    const r = await budget.reserve({ model: 'gpt-5.2', inputTokens: 0, maxOutputTokens: 714 });
    await r.settle({ inputTokens: 0, outputTokens: 714 }); // 0.009996 USD
    expect(alerts.map((a) => [a.level, a.metric, a.spent, a.limit])).toEqual([
      ['info', 'usd', 0.009996, 0.01],
      ['warning', 'usd', 0.009996, 0.01],
      ['critical', 'usd', 0.009996, 0.01],
    ]);
  });

  it('custom tiers, disabled alerts, and a throwing sink does not break accounting', async () => {
    const seen: string[] = [];
    const custom = createBudget({
      limits: { tokens: 10 },
      alerts: { info: 0.1, warning: 0.2, critical: 0.3 },
      onAlert: (a) => seen.push(a.level),
    });
    await (await custom.reserve({ model: 'gpt-4o', inputTokens: 2, maxOutputTokens: 0 })).settle({
      inputTokens: 2,
      outputTokens: 0,
    });
    expect(seen).toEqual(['info', 'warning']);
    const off = vi.fn();
    const none = createBudget({ limits: { tokens: 1 }, alerts: false, onAlert: off });
    await (await none.reserve({ model: 'gpt-4o', inputTokens: 1, maxOutputTokens: 0 })).settle({
      inputTokens: 1,
      outputTokens: 0,
    });
    await expect(
      none.reserve({ model: 'gpt-4o', inputTokens: 1, maxOutputTokens: 0 }),
    ).rejects.toThrow();
    expect(off).not.toHaveBeenCalled();
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const throwing = createBudget({
      limits: { tokens: 1 },
      onAlert: () => {
        throw new Error('sink down');
      },
    });
    await expect(
      (await throwing.reserve({ model: 'gpt-4o', inputTokens: 1, maxOutputTokens: 0 })).settle({
        inputTokens: 1,
        outputTokens: 0,
      }),
    ).resolves.toMatchObject({ tokens: 1 });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('sink down'));
    warn.mockRestore();
  });

  it('a tier that is not a whole thousandth is refused, not moved (it would fire early, late or at $0)', async () => {
    // Tiers are compared in whole thousandths of a limit (in Lua too): 0.8125 used to fire at
    // 81.3% (not at 81.25%), 0.0004 at $0 spent, and 0.9996 only with `exhausted`.
    for (const bad of [0.8125, 0.0004, 0.9996, 0.0001, 0.99999]) {
      expect(() => createBudget({ limits: {}, alerts: { warning: bad } })).toThrow(
        expect.objectContaining({
          code: 'INVALID_ARGUMENT',
          message: expect.stringMatching(/alerts\.warning .*thousandths.*0\.001 to 0\.999/),
        }),
      );
    }
    const seen: string[] = [];
    const fine = createBudget({
      limits: { tokens: 1000 },
      alerts: { info: 0.001, warning: 0.815, critical: 0.999 },
      onAlert: (a) => seen.push(`${a.level}@${a.spent}`),
    });
    for (const n of [1, 814, 1, 183]) {
      await (await fine.reserve({ model: 'gpt-4o', inputTokens: n, maxOutputTokens: 0 })).settle({
        inputTokens: n,
        outputTokens: 0,
      });
    }
    expect(seen).toEqual(['info@1', 'warning@815', 'critical@999']);
  });

  it('tiers out of order or equal are refused, naming both levels (never re-sorted)', () => {
    const cases: [Record<string, number>, RegExp][] = [
      // With the default warning 0.8, info 0.9 would fire after warning.
      [{ info: 0.9 }, /alerts\.warning \(0\.8\) must be above alerts\.info \(0\.9\)/],
      [{ warning: 0.99 }, /alerts\.critical \(0\.95\) must be above alerts\.warning \(0\.99\)/],
      [{ info: 0.5, warning: 0.5 }, /alerts\.warning \(0\.5\) must be above alerts\.info \(0\.5\)/],
      [
        { info: 0.95, warning: 0.8, critical: 0.5 },
        /alerts\.warning \(0\.8\) must be above alerts\.info \(0\.95\)/,
      ],
    ];
    for (const [alerts, message] of cases) {
      expect(() => createBudget({ limits: {}, alerts })).toThrow(
        expect.objectContaining({
          code: 'INVALID_ARGUMENT',
          message: expect.stringMatching(message),
        }),
      );
    }
    expect(() => createBudget({ limits: {}, alerts: { info: 0.9 } })).toThrow(
      /info < warning < critical/,
    );
    expect(() =>
      createBudget({ limits: {}, alerts: { info: 0.9, warning: 0.95, critical: 0.99 } }),
    ).not.toThrow();
  });

  it('period alerts fire again in the next period', async () => {
    let now = day('2026-11-22T10:00:00Z');
    const alerts: BudgetAlert[] = [];
    const budget = createBudget({
      limits: {},
      period: { day: { tokens: 10 } },
      clock: () => now,
      onAlert: (a) => alerts.push(a),
    });
    const spend = async (n: number) =>
      (await budget.reserve({ model: 'gpt-4o', inputTokens: n, maxOutputTokens: 0 })).settle({
        inputTokens: n,
        outputTokens: 0,
      });
    await spend(6);
    now = day('2026-11-23T10:00:00Z');
    await spend(6);
    expect(alerts.map((a) => `${a.scopeKey}:${a.level}`)).toEqual([
      'day:2026-11-22:info',
      'day:2026-11-23:info',
    ]);
  });
});
