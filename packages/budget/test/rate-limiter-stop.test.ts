import { isPmError } from '@pm/envelope-schemas';
import { describe, expect, it } from 'vitest';
import {
  CallCancelledError,
  createRateLimiter,
  type RateLimiterOptions,
  type RateLimitStore,
} from '../src/index.js';
import { limiterBackends } from './limiter-backends.js';

const backends = await limiterBackends();

/** A call dropped by `stop()`: the typed cancellation, never bottleneck's plain Error. */
async function expectDropped(call: Promise<unknown>): Promise<void> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isPmError(error)).toBe(true);
  expect(error).toBeInstanceOf(CallCancelledError);
  expect(error).toMatchObject({
    code: 'CALL_CANCELLED',
    name: 'CallCancelledError',
    details: { reason: 'limiter_stopped' },
    message: expect.stringMatching(/limiter\.stop\(\).*never made.*new limiter/),
  });
}

describe.each(backends)('a stopped rate limiter (%s)', (_backend, backend) => {
  it('rejects a call waiting for the window and every later one with CALL_CANCELLED', async () => {
    const limiter = createRateLimiter({ requestsPerMinute: 1, ...backend() });
    let made = 0;
    const call = () => limiter.schedule(async () => ++made);
    await call(); // the minute's only request
    const waiting = call();
    waiting.catch(() => {});
    await new Promise((r) => setTimeout(r, 20));
    await limiter.stop();
    await expectDropped(waiting);
    await expectDropped(call());
    await limiter.stop(); // a second stop() is no error
    expect(made).toBe(1);
  });

  it.each<[string, Partial<RateLimiterOptions>]>([
    ['maxConcurrent', { maxConcurrent: 1 }],
    ['maxConcurrent and requestsPerMinute', { maxConcurrent: 2, requestsPerMinute: 1 }],
  ])(
    'with %s, a call waiting for a concurrency slot gets CALL_CANCELLED, not bottleneck’s Error',
    async (_limits, limits) => {
      const limiter = createRateLimiter({ ...limits, ...backend() });
      let made = 0;
      let unblock!: () => void;
      const blocker = new Promise<void>((r) => {
        unblock = r;
      });
      let running!: () => void;
      const isRunning = new Promise<void>((r) => {
        running = r;
      });
      const first = limiter.schedule(async () => {
        running();
        await blocker;
        return 'first';
      });
      await isRunning;
      // With two slots, this one holds the second slot and waits for the window (rpm 1).
      const queued = [limiter.schedule(async () => ++made)];
      if (limits.maxConcurrent === 2) queued.push(limiter.schedule(async () => ++made));
      for (const q of queued) q.catch(() => {});
      await new Promise((r) => setTimeout(r, 20));
      // stop() waits for the call in flight; the queued ones are rejected at once.
      const stopped = limiter.stop();
      for (const q of queued) await expectDropped(q);
      await expectDropped(limiter.schedule(async () => ++made));
      unblock();
      await expect(first).resolves.toBe('first'); // a call already made is not abandoned
      await stopped;
      await limiter.stop();
      expect(made).toBe(0);
    },
  );
});

describe('stop() of a limiter without limits', () => {
  it('refuses every call scheduled after it with CALL_CANCELLED, as a limited one does', async () => {
    const limiter = createRateLimiter({});
    let made = 0;
    await expect(limiter.schedule(async () => ++made)).resolves.toBe(1);
    await limiter.stop();
    await expectDropped(limiter.schedule(async () => ++made));
    await limiter.stop();
    expect(made).toBe(1);
  });
});

describe('a shared limiter stopped while the store is answering', () => {
  it('drops the call without claiming it took nothing: the store has counted it', async () => {
    let answer!: (waitMs: number) => void;
    let asked!: () => void;
    const isAsked = new Promise<void>((r) => {
      asked = r;
    });
    let granted = 0;
    const store: RateLimitStore = {
      acquireRate: () =>
        new Promise<number>((resolve) => {
          answer = (waitMs) => {
            if (waitMs === 0) granted++;
            resolve(waitMs);
          };
          asked();
        }),
    };
    const limiter = createRateLimiter({ requestsPerMinute: 10, store });
    let made = 0;
    const call = limiter.schedule(async () => ++made);
    call.catch(() => {});
    await isAsked;
    await limiter.stop();
    answer(0); // granted: the shared window now counts this request
    await expectDropped(call);
    expect(granted).toBe(1);
    expect(made).toBe(0);
    await expect(call).rejects.not.toThrow(/took nothing/);
  });
});
