import { afterEach, expect, it, vi } from 'vitest';
import { createRateLimiter } from '../src/index.js';

afterEach(() => {
  vi.useRealTimers();
});

/** A small deterministic generator, so a failing seed can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

/** A random mix of limits, arrivals, weights, call durations and aborts in one process. */
async function scenario(seed: number): Promise<void> {
  const r = random(seed);
  const rpm = r() < 0.3 ? undefined : 1 + Math.floor(r() * 5);
  const tpm = rpm !== undefined && r() < 0.3 ? undefined : 10 + Math.floor(r() * 100);
  const maxConcurrent = r() < 0.5 ? undefined : 1 + Math.floor(r() * 3);
  const limiter = createRateLimiter({
    ...(rpm === undefined ? {} : { requestsPerMinute: rpm }),
    ...(tpm === undefined ? {} : { tokensPerMinute: tpm }),
    ...(maxConcurrent === undefined ? {} : { maxConcurrent }),
  });
  const starts: { i: number; at: number; tokens: number }[] = [];
  const settled: Promise<unknown>[] = [];
  const abortedBeforeStart = new Set<number>();
  const t0 = performance.now();
  const calls = 30;
  for (let i = 0; i < calls; i++) {
    const tokens = tpm === undefined ? 0 : Math.floor(r() * tpm);
    const controller = new AbortController();
    const runFor = Math.floor(r() * 3000);
    const call = limiter.schedule(
      async () => {
        starts.push({ i, at: performance.now() - t0, tokens });
        await new Promise((done) => setTimeout(done, runFor));
      },
      { tokens, signal: controller.signal },
    );
    settled.push(call.catch(() => {}));
    if (r() < 0.15) {
      setTimeout(
        () => {
          if (!starts.some((s) => s.i === i)) abortedBeforeStart.add(i);
          controller.abort(new Error('gave up'));
        },
        Math.floor(r() * 30_000),
      );
    }
    await vi.advanceTimersByTimeAsync(Math.floor(r() * 8000));
  }
  await vi.advanceTimersByTimeAsync(calls * 2 * 60_000);
  await Promise.all(settled);
  const at = `seed ${seed}`;
  // No 60 s window, (t - 60 s, t], starts more than either limit.
  for (const s of starts) {
    const window = starts.filter((o) => o.at > s.at - 60_000 && o.at <= s.at);
    if (rpm !== undefined) expect(window.length, at).toBeLessThanOrEqual(rpm);
    if (tpm !== undefined) {
      expect(
        window.reduce((sum, o) => sum + o.tokens, 0),
        at,
      ).toBeLessThanOrEqual(tpm);
    }
  }
  // A call given up before it started was never made; every other one was, in arrival order.
  for (let i = 0; i < calls; i++) {
    expect(
      starts.some((s) => s.i === i),
      `${at}, call ${i}`,
    ).toBe(!abortedBeforeStart.has(i));
  }
  const order = starts.map((s) => s.i);
  expect(order, at).toEqual([...order].sort((a, b) => a - b));
  await limiter.stop();
}

it('the in-process window, over random limits, arrivals, weights and aborts: no 60 s window past a limit, no call given up made, every other one made in arrival order', async () => {
  for (let seed = 1; seed <= 40; seed++) {
    vi.useFakeTimers();
    await scenario(seed);
    vi.useRealTimers();
  }
});
