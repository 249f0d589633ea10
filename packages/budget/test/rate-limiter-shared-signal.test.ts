import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRateLimiter, type RateLimiterOptions, retry } from '../src/index.js';
import { limiterBackends } from './limiter-backends.js';

const backends = await limiterBackends();

const abortListeners = (signal: AbortSignal) => getEventListeners(signal, 'abort').length;

describe.each(backends)('many calls sharing one signal (%s)', (_backend, backend) => {
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);
  beforeEach(() => {
    warnings.length = 0;
    process.on('warning', onWarning);
  });
  afterEach(async () => {
    process.off('warning', onWarning);
  });

  it.each<[string, Partial<RateLimiterOptions>]>([
    ['waiting for the window', { requestsPerMinute: 1 }],
    ['waiting for a concurrency slot', { requestsPerMinute: 1, maxConcurrent: 1 }],
  ])(
    '50 calls %s hold one listener on it, print no warning, and all reject with its reason',
    async (_where, limits) => {
      const limiter = createRateLimiter({ ...limits, ...backend() });
      await limiter.schedule(async () => 'the minute’s only request');
      const controller = new AbortController();
      let made = 0;
      const waiting = Array.from({ length: 50 }, () =>
        limiter.schedule(async () => ++made, { signal: controller.signal }),
      );
      for (const w of waiting) w.catch(() => {});
      // Long enough for every shared call to have asked the store and gone to sleep.
      await new Promise((r) => setTimeout(r, 100));
      expect(abortListeners(controller.signal)).toBe(1);
      const reason = new Error('the run is over');
      controller.abort(reason);
      const results = await Promise.allSettled(waiting);
      expect(results.every((r) => r.status === 'rejected' && r.reason === reason)).toBe(true);
      // Node prints the warning on the next tick at the latest.
      await new Promise((r) => setImmediate(r));
      expect(warnings.map((w) => `${w.name}: ${w.message}`)).toEqual([]);
      expect(made).toBe(0);
      await limiter.stop();
    },
  );

  it('1,000 calls completed on one long-lived signal leave no listener on it', async () => {
    const limiter = createRateLimiter({
      requestsPerMinute: 100_000,
      maxConcurrent: 10,
      ...backend(),
    });
    const controller = new AbortController();
    const results = await Promise.all(
      Array.from({ length: 1_000 }, (_, i) =>
        limiter.schedule(async () => i, { signal: controller.signal }),
      ),
    );
    expect(results).toHaveLength(1_000);
    expect(abortListeners(controller.signal)).toBe(0);
    expect(warnings).toEqual([]);
    await limiter.stop();
  });
});

describe('retry backoff on one shared signal', () => {
  it('1,000 concurrent backoffs hold one listener, and leave none once done', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const controller = new AbortController();
      let gate!: () => void;
      const open = new Promise<void>((r) => {
        gate = r;
      });
      const calls = Array.from({ length: 1_000 }, () =>
        retry(
          async ({ attempt }) => {
            if (attempt === 1) throw Object.assign(new Error('busy'), { status: 503 });
            return attempt;
          },
          // Every backoff waits 1 ms at the least (random 0.999…), all at once.
          { signal: controller.signal, baseMs: 2, random: () => 0.999, onRetry: () => gate() },
        ),
      );
      await open;
      expect(abortListeners(controller.signal)).toBe(1);
      await expect(Promise.all(calls)).resolves.toHaveLength(1_000);
      expect(abortListeners(controller.signal)).toBe(0);
      await new Promise((r) => setImmediate(r));
      expect(warnings).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
