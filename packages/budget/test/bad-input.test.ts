import { describe, expect, it } from 'vitest';
import {
  countChatTokens,
  countTokens,
  createBudget,
  createRateLimiter,
  defaultPriceTable,
  estimateCost,
  InvalidArgumentError,
  memoryStore,
  type RateLimitStore,
  retry,
  usdToMicro,
} from '../src/index.js';

/** What `run` threw or rejected with, whether it throws at once or returns a promise. */
async function failureOf(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  return undefined;
}

const sharedStore: RateLimitStore = { acquireRate: async () => 0 };
const full = memoryStore();
const storeWithoutUsage = {
  reserve: full.reserve.bind(full),
  settle: full.settle.bind(full),
  release: full.release.bind(full),
};
// Objects that cannot become text: no prototype, so no toString.
const bare = () => Object.create(null) as object;
const toolWith = (property: Record<string, unknown>) => ({
  type: 'function' as const,
  function: { name: 'lookup', parameters: { type: 'object', properties: { city: property } } },
});

describe('a malformed argument is INVALID_ARGUMENT saying what to pass, not a TypeError', () => {
  it.each<[string, () => unknown, RegExp]>([
    ['retry without a function', () => retry(null as never), /retry needs a function.*got null/],
    [
      'retry with options null',
      () => retry(async () => 1, null as never),
      /retry options must be an object, e\.g\. \{ attempts: 3 \}.*got null/,
    ],
    // Before: accepted, and the call retried 3 times, not 5.
    [
      'retry with an option misspelt',
      () => retry(async () => 1, { attempt: 5 } as never),
      /retry options\.attempt is not a retry option: retry options takes attempts, baseMs,/,
    ],
    [
      'memoryStore with an option misspelt',
      () => memoryStore({ clok: () => 0 } as never),
      /memoryStore options\.clok is not a memory store option: memoryStore options takes clock,/,
    ],
    [
      'schedule without a function (unlimited)',
      () => createRateLimiter().schedule('call' as never),
      /schedule needs a function that makes the call.*got a string/,
    ],
    [
      'schedule without a function (bottleneck)',
      () => createRateLimiter({ requestsPerMinute: 5 }).schedule(null as never),
      /schedule needs a function.*got null/,
    ],
    [
      'schedule without a function (shared store)',
      () => createRateLimiter({ requestsPerMinute: 5, store: sharedStore }).schedule({} as never),
      /schedule needs a function.*got an object/,
    ],
    [
      'a store that is not a BudgetStore',
      () => createBudget({ limits: {}, store: {} as never }),
      /store must implement reserve, settle, release and usage.*missing: reserve, settle, release, usage/,
    ],
    [
      'a store without usage',
      () => createBudget({ limits: {}, store: storeWithoutUsage as never }),
      /store must implement.*missing: usage\b/,
    ],
    [
      'prices without lookup',
      () => createBudget({ limits: {}, prices: {} as never }),
      /prices must be a price table.*priceTable\(/,
    ],
    [
      'a clock that is not a function',
      () => createBudget({ limits: {}, clock: 'x' as never }),
      /clock must be a function returning epoch ms.*got a string/,
    ],
    [
      'a clock that returns a Date (every settle would book the worst case)',
      () => createBudget({ limits: {}, clock: (() => new Date()) as never }),
      /clock must return epoch ms as a finite number.*returned an object/,
    ],
    [
      'a clock that returns NaN',
      () => createBudget({ limits: {}, clock: () => Number.NaN }),
      /clock must return epoch ms as a finite number.*returned NaN/,
    ],
    [
      'a clock that stops returning a number after creation',
      async () => {
        let reading: unknown = Date.now();
        const budget = createBudget({ limits: {}, clock: () => reading as number });
        reading = undefined;
        await budget.reserve({ model: 'gpt-4o', inputTokens: 1, maxOutputTokens: 1 });
      },
      /clock must return epoch ms as a finite number.*returned undefined/,
    ],
    [
      "a tool parameter's type that cannot be text",
      () => countChatTokens([], { model: 'gpt-5.2', tools: [toolWith({ type: bare() })] }),
      /Tool lookup's parameter city: type cannot be counted as text.*a string or an array of strings/,
    ],
    [
      "a tool parameter's enum item that cannot be text",
      () =>
        countChatTokens([], {
          model: 'gpt-5.2',
          tools: [toolWith({ type: 'string', enum: ['a', bare()] })],
        }),
      /Tool lookup's parameter city: enum item 1 cannot be counted as text/,
    ],
    // Callbacks and signals are checked where they are given: a TypeError later, inside a
    // settle or a retry, replaced the real error or lost every alert to a warning.
    [
      'an onAlert that is not a function',
      () => createBudget({ limits: { tokens: 10 }, onAlert: 'console.warn' as never }),
      /createBudget option onAlert must be a function.*got a string/,
    ],
    [
      'a retry onRetry that is not a function',
      () => retry(async () => 1, { onRetry: true as never }),
      /retry option onRetry must be a function.*got a boolean/,
    ],
    [
      'a retry isRetryable that is not a function',
      () => retry(async () => 1, { isRetryable: [429] as never }),
      /retry option isRetryable must be a function.*got an array/,
    ],
    [
      'a retry signal that is not an AbortSignal',
      () => retry(async () => 1, { signal: { aborted: false } as never }),
      /retry option signal must be an AbortSignal.*not the controller.*got an object/,
    ],
    [
      'a retry signal that is an AbortController',
      () => retry(async () => 1, { signal: new AbortController() as never }),
      /retry option signal must be an AbortSignal/,
    ],
    [
      'a schedule signal that is not an AbortSignal (limited)',
      () =>
        createRateLimiter({ maxConcurrent: 1 }).schedule(async () => 1, { signal: 'x' as never }),
      /schedule option signal must be an AbortSignal.*got a string/,
    ],
    [
      'a schedule signal that is not an AbortSignal (unlimited)',
      () => createRateLimiter().schedule(async () => 1, { signal: {} as never }),
      /schedule option signal must be an AbortSignal/,
    ],
    [
      'a misspelt settle field (request for requests)',
      async () => {
        const budget = createBudget({ limits: { requests: 10 } });
        const r = await budget.reserve({
          model: 'gpt-4o',
          inputTokens: 1,
          maxOutputTokens: 1,
          requests: 3,
        });
        await r.settle({ inputTokens: 1, outputTokens: 1, request: 3 } as never);
      },
      /usage\.request is not a settle field: usage takes inputTokens, .*requests/,
    ],
    [
      'a memoryStore clock that is not a function',
      () => memoryStore({ clock: 'Date.now' as never }),
      /memoryStore option clock must be a function.*got a string/,
    ],
    [
      'a memoryStore clock that reads NaN',
      () =>
        createBudget({ limits: {}, store: memoryStore({ clock: () => Number.NaN }) }).reserve({
          model: 'gpt-4o',
          inputTokens: 1,
          maxOutputTokens: 1,
        }),
      /memoryStore option clock must return epoch ms.*returned NaN/,
    ],
  ])('%s', async (_name, run, message) => {
    const error = await failureOf(run);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(message),
    });
  });

  it('well-formed values of the same kinds still work', async () => {
    await expect(retry(async () => 'ok', {})).resolves.toBe('ok');
    const controller = new AbortController();
    await expect(
      retry(async () => 'ok', {
        signal: controller.signal,
        onRetry: () => {},
        isRetryable: () => true,
      }),
    ).resolves.toBe('ok');
    await expect(
      createRateLimiter({ maxConcurrent: 1 }).schedule(async () => 3, {
        signal: controller.signal,
      }),
    ).resolves.toBe(3);
    expect(createBudget({ limits: {}, onAlert: () => {} }).runId).toBeTypeOf('string');
    await expect(createRateLimiter({ maxConcurrent: 1 }).schedule(async () => 2)).resolves.toBe(2);
    const budget = createBudget({ limits: {}, store: memoryStore(), clock: () => 0 });
    expect((await budget.usage()).scopes).toHaveLength(1);
    // JSON Schema allows a list of types; it counts as the text it always did.
    const listed = countChatTokens([], {
      model: 'gpt-5.2',
      tools: [toolWith({ type: ['string', 'null'], enum: ['a', 1, null] })],
    });
    expect(listed.tokens).toBeGreaterThan(0);
  });
});

describe('a number given as a string is named as a string, not shown as the number', () => {
  // `String('5')` reads 5: "must be a number ...; got 5" told the host nothing.
  const budget = createBudget({ limits: {} });
  it.each([
    ['limits.usd', () => createBudget({ limits: { usd: '5' as unknown as number } })],
    ['limits.tokens', () => createBudget({ limits: { tokens: '5' as unknown as number } })],
    [
      'limits.maxRuntimeMinutes',
      () => createBudget({ limits: { maxRuntimeMinutes: '5' as unknown as number } }),
    ],
    ['alerts.warning', () => createBudget({ limits: {}, alerts: { warning: '0.8' as never } })],
    [
      'inputTokens',
      () => budget.reserve({ model: 'gpt-4o', inputTokens: '10' as never, maxOutputTokens: 1 }),
    ],
    ['requestsPerMinute', () => createRateLimiter({ requestsPerMinute: '5' as unknown as number })],
    [
      'period.timeZone',
      () => createBudget({ limits: {}, period: { timeZone: 5 as unknown as string } }),
    ],
  ])('%s', async (name, run) => {
    const error = (await failureOf(run)) as Error;
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toContain(name);
    expect(error.message).toMatch(/got a (string|number)\./);
  });

  it('period.timeZone: null is refused, not read as UTC', async () => {
    expect(() =>
      createBudget({ limits: {}, period: { timeZone: null as unknown as string } }),
    ).toThrow(/period\.timeZone must be a string.*got null/);
  });
});

describe('a misspelt counting or pricing option is refused, not ignored', () => {
  it('countChatTokens({ tool }) would leave the tools uncounted', () => {
    const tools = [{ type: 'function', function: { name: 'lookup', parameters: {} } }] as const;
    expect(() =>
      countChatTokens([{ role: 'user', content: 'hi' }], {
        model: 'gpt-5.2',
        tool: tools,
      } as never),
    ).toThrow(/countChatTokens options\.tool is not a countChatTokens option/);
    expect(() => countTokens('hi', { model: 'gpt-5.2', encodng: 'cl100k_base' } as never)).toThrow(
      /countTokens options\.encodng is not a countTokens option/,
    );
  });

  it("estimateCost({ price }) would price by the shipped table, not the host's", () => {
    const request = { model: 'gpt-4o', inputTokens: 1, outputTokens: 1 };
    expect(() => estimateCost(request, { price: defaultPriceTable } as never)).toThrow(
      /estimateCost options\.price is not an estimateCost option/,
    );
    // A price table without lookup: INVALID_ARGUMENT, not a TypeError.
    expect(() => estimateCost(request, { prices: {} as never })).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining('estimateCost option prices must be a price table'),
      }),
    );
  });

  it('a text part without its text says so (it read "counts text parts only; got a part of type text")', () => {
    expect(() =>
      countChatTokens([{ role: 'user', content: [{ type: 'text' }] }] as never, {
        model: 'gpt-5.2',
      }),
    ).toThrow(/A text part needs its text as a string/);
  });
});

it('usdToMicro called without a name says which amount, not "undefined must be"', () => {
  expect(() => usdToMicro('1' as never)).toThrow(
    /^usdToMicro: the amount must be a finite, non-negative number of USD; got a string\.$/,
  );
});
