import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchTimers } from '../../../test/support/watch-timers.js';
import {
  createRateLimiter,
  memoryStore,
  type RateLimiter,
  type RateLimitStore,
} from '../src/index.js';
import { forwardClock } from '../src/rate/forward-clock.js';

const ticks = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise<void>((r) => setImmediate(r));
};

/**
 * Schedules a call whose caller gives up once it is running: the call is already made (and
 * billed) then, so what `schedule` gives back should be its result.
 */
function abortedWhileRunning(limiter: RateLimiter): Promise<string> {
  const controller = new AbortController();
  return limiter.schedule(
    async () => {
      controller.abort(new Error('user cancelled'));
      await ticks(5);
      return 'billed result';
    },
    { tokens: 2000, signal: controller.signal },
  );
}

describe('createRateLimiter (one process)', () => {
  // A test that fails under fake timers must not leave them to the next one.
  afterEach(() => {
    vi.useRealTimers();
  });

  it('without limits it calls fn directly, not through bottleneck', async () => {
    const limiter = createRateLimiter();
    expect(limiter.limited).toBe(false);
    let ran = false;
    const p = limiter.schedule(async () => {
      ran = true;
      return 1;
    });
    expect(ran).toBe(true); // synchronous start: no scheduler hop
    await expect(p).resolves.toBe(1);
  });

  it.each([
    ['no limit', {}],
    ['requestsPerMinute', { requestsPerMinute: 5 }],
  ])(
    'with %s, an fn that throws at once is a rejection, not a synchronous throw',
    async (_name, limits) => {
      const limiter = createRateLimiter(limits);
      const boom = new Error('boom');
      let outcome: Promise<unknown> | undefined;
      expect(() => {
        outcome = limiter.schedule(() => {
          throw boom;
        });
      }).not.toThrow();
      await expect(outcome).rejects.toBe(boom);
      await limiter.stop();
    },
  );

  it('holds back requests past requestsPerMinute until the minute refills', async () => {
    const limiter = createRateLimiter({ requestsPerMinute: 2 });
    const started: number[] = [];
    const jobs = [1, 2, 3].map((i) =>
      limiter.schedule(async () => {
        started.push(i);
        return i;
      }),
    );
    jobs[2]!.catch(() => {}); // dropped by stop()
    await Promise.all(jobs.slice(0, 2));
    await ticks(20);
    expect(started).toEqual([1, 2]);
    await limiter.stop();
  });

  it.each([
    ['requestsPerMinute', { requestsPerMinute: 2 }, {}],
    ['tokensPerMinute', { tokensPerMinute: 100 }, { tokens: 50 }],
  ] as const)(
    'with %s, no 60 s window starts more than the limit, across a minute boundary too (as the shared limiter)',
    async (_kind, limits, weight) => {
      vi.useFakeTimers();
      const limiter = createRateLimiter(limits);
      const startedAt: number[] = [];
      const t0 = Date.now();
      const run = () =>
        limiter.schedule(async () => {
          startedAt.push(Date.now() - t0);
        }, weight);
      // Two calls (the whole limit) one second before a fixed window would refill...
      await vi.advanceTimersByTimeAsync(59_000);
      const early = [run(), run()];
      await vi.advanceTimersByTimeAsync(10);
      await Promise.all(early);
      // ...and two right after it: they must wait until the first two leave the window.
      await vi.advanceTimersByTimeAsync(2_000);
      const late = [run(), run()];
      await vi.advanceTimersByTimeAsync(57_900); // t = 118.91 s
      expect(startedAt).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(200);
      await Promise.all(late);
      expect(startedAt).toHaveLength(4);
      // Every 60 s window holds at most the limit: a start and the one two later are >= 60 s apart.
      expect(startedAt[2]! - startedAt[0]!).toBeGreaterThanOrEqual(60_000);
      expect(startedAt[3]! - startedAt[1]!).toBeGreaterThanOrEqual(60_000);
      await limiter.stop();
    },
  );

  it('grants in arrival order: a heavy call is not overtaken, and one given up at the head lets the next through', async () => {
    vi.useFakeTimers();
    const limiter = createRateLimiter({ tokensPerMinute: 100 });
    const started: string[] = [];
    const run = (name: string, tokens: number, signal?: AbortSignal) =>
      limiter.schedule(
        async () => {
          started.push(name);
        },
        { tokens, ...(signal === undefined ? {} : { signal }) },
      );
    await run('a', 60);
    const controller = new AbortController();
    const heavy = run('heavy', 60, controller.signal);
    const light = run('light', 10);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(started).toEqual(['a']); // light would fit, but heavy came first
    controller.abort(new Error('gone'));
    await expect(heavy).rejects.toThrow('gone');
    await light;
    expect(started).toEqual(['a', 'light']);
    await limiter.stop();
  });

  it('a call waiting for the window keeps the process alive (else a script exits 0 with it unmade)', async () => {
    const limiter = createRateLimiter({ requestsPerMinute: 1 });
    await limiter.schedule(async () => {});
    const timers = watchTimers();
    try {
      const waiting = limiter.schedule(async () => {});
      waiting.catch(() => {});
      // The only thing left to run is the window's timer: unref'd, Node would exit here.
      expect(timers.started.filter((timer) => timer.hasRef())).toHaveLength(1);
      await limiter.stop();
      await expect(waiting).rejects.toThrow(/stopped/);
      expect(timers.allCleared()).toBe(true);
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('a wall clock set back an hour does not park waiting calls for the hour', async () => {
    // setSystemTime moves Date only; performance.now() goes on as a monotonic clock does.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
    const limiter = createRateLimiter({ requestsPerMinute: 1 });
    let started = 0;
    const run = () =>
      limiter.schedule(async () => {
        started++;
      });
    await run();
    await vi.advanceTimersByTimeAsync(1_000);
    vi.setSystemTime(Date.now() - 3_600_000);
    const second = run();
    await vi.advanceTimersByTimeAsync(58_000);
    expect(started).toBe(1); // still within 60 s of the first
    await vi.advanceTimersByTimeAsync(1_100);
    await second;
    expect(started).toBe(2);
    // And the window still holds the limit after the jump.
    const third = run();
    await vi.advanceTimersByTimeAsync(58_000);
    expect(started).toBe(2);
    await vi.advanceTimersByTimeAsync(2_100);
    await third;
    expect(started).toBe(3);
    await limiter.stop();
  });

  it('the window clock follows Date forward, and set back resumes from its last reading plus the monotonic time since', () => {
    let wall = 1_000_000;
    let mono = 0;
    const now = forwardClock(
      () => wall,
      () => mono,
    );
    expect(now()).toBe(1_000_000);
    wall += 5_000;
    mono += 5_000;
    expect(now()).toBe(1_005_000);
    // Set back an hour, 2 s after the last reading.
    wall = wall - 3_600_000 + 2_000;
    mono += 2_000;
    expect(now()).toBe(1_007_000);
    wall += 1_000;
    mono += 1_000;
    expect(now()).toBe(1_008_000);
    // Forward: taken as time passing.
    wall += 600_000;
    expect(now()).toBe(1_608_000);
  });

  it('calls waiting on one shared signal (a run deadline) add one abort listener each, not two: no leak warning at eight', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    const limiter = createRateLimiter({ requestsPerMinute: 1 });
    const deadline = new AbortController();
    await limiter.schedule(async () => {}, { signal: deadline.signal });
    // Up to ten listeners on one signal are fine; one per waiting call keeps eight within.
    const waiting = Array.from({ length: 8 }, () =>
      limiter.schedule(async () => {}, { signal: deadline.signal }).catch(() => {}),
    );
    await ticks(5);
    deadline.abort(new Error('deadline'));
    await Promise.all(waiting);
    await limiter.stop();
    process.off('warning', onWarning);
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  });

  it('a call given up in the middle of the queue rejects at once and is skipped; one throwing synchronously rejects; a call a started call schedules is granted in turn', async () => {
    vi.useFakeTimers();
    const limiter = createRateLimiter({ requestsPerMinute: 3 });
    const started: string[] = [];
    const run = (name: string, signal?: AbortSignal) =>
      limiter.schedule(
        async () => {
          started.push(name);
        },
        signal === undefined ? {} : { signal },
      );
    await run('a');
    // A started call scheduling another in the same turn: granted within the same drain.
    let inner: Promise<void> | undefined;
    await limiter.schedule(async () => {
      inner = run('inner');
    });
    const controller = new AbortController();
    const head = run('head');
    const middle = run('middle', controller.signal);
    const throws = limiter.schedule(() => {
      throw new Error('thrown at once');
    });
    throws.catch(() => {}); // checked below, once it has run
    await vi.advanceTimersByTimeAsync(1_000);
    controller.abort(new Error('middle gone'));
    await expect(middle).rejects.toThrow('middle gone');
    await vi.advanceTimersByTimeAsync(59_000);
    await head;
    await expect(throws).rejects.toThrow('thrown at once');
    await inner;
    expect(started).toEqual(['a', 'inner', 'head']);
    await run('fills the window');
    // stop() rejects the calls still waiting and every later one; none is made.
    const waiting = run('waiting');
    waiting.catch(() => {});
    await limiter.stop();
    await expect(waiting).rejects.toThrow(/stopped/);
    await expect(run('late')).rejects.toThrow(/stopped/);
    expect(started).toEqual(['a', 'inner', 'head', 'fills the window']);
  });

  it('weights calls by tokens against tokensPerMinute', async () => {
    const limiter = createRateLimiter({ tokensPerMinute: 1000 });
    const started: string[] = [];
    const run = (name: string, tokens: number) =>
      limiter.schedule(
        async () => {
          started.push(name);
        },
        { tokens },
      );
    await Promise.all([run('a', 600), run('b', 400)]);
    void run('c', 1).catch(() => {});
    await ticks(20);
    expect(started).toEqual(['a', 'b']);
    await limiter.stop();
  });

  it.each([
    ['in one process', false],
    ['shared', true],
  ])(
    'refuses a call heavier than a minute of tokens instead of hanging (%s)',
    async (_mode, shared) => {
      let asked = 0;
      const store: RateLimitStore = {
        acquireRate: async () => {
          asked++;
          return 0;
        },
      };
      const limiter = createRateLimiter({
        tokensPerMinute: 100,
        maxConcurrent: 1,
        ...(shared ? { store } : {}),
      });
      let made = false;
      const heavy = limiter.schedule(
        async () => {
          made = true;
        },
        { tokens: 101 },
      );
      await expect(heavy).rejects.toMatchObject({
        code: 'CALL_LIMIT_EXCEEDED',
        details: { requested: 101, limit: 100 },
        message: expect.stringContaining('raise tokensPerMinute'),
      });
      // Refused before it waits: not made, and the shared store was never asked.
      expect(made).toBe(false);
      expect(asked).toBe(0);
      // A call of exactly the limit is not refused.
      await expect(limiter.schedule(async () => 'fits', { tokens: 100 })).resolves.toBe('fits');
      expect(asked).toBe(shared ? 1 : 0);
      await limiter.stop();
    },
  );

  it('caps concurrency', async () => {
    const limiter = createRateLimiter({ maxConcurrent: 2 });
    let inFlight = 0;
    let peak = 0;
    let open!: () => void;
    const gate = new Promise<void>((r) => {
      open = r;
    });
    const all = Promise.all(
      Array.from({ length: 6 }, () =>
        limiter.schedule(async () => {
          inFlight++;
          peak = Math.max(peak, inFlight);
          await gate;
          inFlight--;
        }),
      ),
    );
    while (inFlight < 2) await ticks(1);
    await ticks(20);
    expect(inFlight).toBe(2);
    open();
    await all;
    expect(peak).toBe(2);
    await limiter.stop();
  });

  it('a queued call whose signal aborts rejects and never runs', async () => {
    const limiter = createRateLimiter({ requestsPerMinute: 1 });
    await limiter.schedule(async () => 1);
    const controller = new AbortController();
    let ran = false;
    const queued = limiter.schedule(
      async () => {
        ran = true;
      },
      { signal: controller.signal },
    );
    controller.abort(new Error('deadline'));
    await expect(queued).rejects.toThrow('deadline');
    expect(ran).toBe(false);
    await limiter.stop();
  });

  it.each([
    ['requests', { requestsPerMinute: 1 }, {}],
    ['tokens', { tokensPerMinute: 100 }, { tokens: 100 }],
  ] as const)(
    'calls given up in the queue leave the %s to the calls behind them',
    async (_kind, limits, weight) => {
      vi.useFakeTimers();
      const limiter = createRateLimiter(limits);
      const first = limiter.schedule(async () => 'first', weight);
      await vi.advanceTimersByTimeAsync(10);
      await first;
      for (let i = 0; i < 3; i++) {
        const controller = new AbortController();
        const gone = limiter.schedule(async () => 'gone', {
          ...weight,
          signal: controller.signal,
        });
        controller.abort(new Error('gone'));
        await expect(gone).rejects.toThrow('gone');
      }
      let liveRanAt: number | undefined;
      const start = Date.now();
      const live = limiter.schedule(async () => {
        liveRanAt = Date.now() - start;
      }, weight);
      // The first call leaves the window once; the three calls given up must not take its place.
      await vi.advanceTimersByTimeAsync(61_000);
      await live;
      expect(liveRanAt).toBeLessThanOrEqual(61_000);
      await limiter.stop();
    },
  );

  it("a call abandoned while it waited in an earlier minute never adds tokens to this minute's", async () => {
    vi.useFakeTimers();
    const limiter = createRateLimiter({ requestsPerMinute: 2, tokensPerMinute: 100 });
    const started: string[] = [];
    const run = (name: string, tokens: number, signal?: AbortSignal) =>
      limiter.schedule(
        async () => {
          started.push(name);
        },
        { tokens, ...(signal === undefined ? {} : { signal }) },
      );
    const first = Promise.all([run('a', 10), run('b', 5)]); // the minute's 2 requests
    await vi.advanceTimersByTimeAsync(10);
    await first;
    // Fits the 85 tokens left but waits for a request, and is given up while it waits.
    const controller = new AbortController();
    const gone = run('gone', 85, controller.signal);
    await vi.advanceTimersByTimeAsync(1_000);
    controller.abort(new Error('gone'));
    await expect(gone).rejects.toThrow('gone');
    await vi.advanceTimersByTimeAsync(61_000);
    // The new minute holds 100 tokens: 95 + 80 must not both start in it.
    void run('c', 95).catch(() => {});
    void run('d', 80).catch(() => {});
    await vi.advanceTimersByTimeAsync(1_000);
    expect(started).toEqual(['a', 'b', 'c']);
    await limiter.stop();
  });

  it.each([
    ['requestsPerMinute', { requestsPerMinute: 500 }],
    ['maxConcurrent', { maxConcurrent: 2 }],
    ['tokensPerMinute', { tokensPerMinute: 200_000 }],
  ] as const)(
    'with %s, a signal that aborts while the call runs does not discard its result',
    async (_kind, limits) => {
      const limiter = createRateLimiter(limits);
      await expect(abortedWhileRunning(limiter)).resolves.toBe('billed result');
      await limiter.stop();
    },
  );

  it('validates its options', () => {
    expect(() => createRateLimiter({ requestsPerMinute: 0 })).toThrow(/positive integer/);
    for (const bad of [null, 'fast', 5]) {
      expect(() => createRateLimiter(bad as never)).toThrow(
        expect.objectContaining({
          code: 'INVALID_ARGUMENT',
          message: expect.stringContaining('requestsPerMinute'),
        }),
      );
    }
  });
});

describe('a call whose signal has already aborted is never made', () => {
  it.each([
    ['unlimited (pass-through)', {}],
    ['limited', { requestsPerMinute: 100 }],
  ])('%s', async (_name, options) => {
    const limiter = createRateLimiter(options);
    const reason = new Error('run deadline passed');
    let ran = false;
    await expect(
      limiter.schedule(
        async () => {
          ran = true;
        },
        { signal: AbortSignal.abort(reason) },
      ),
    ).rejects.toBe(reason);
    expect(ran).toBe(false);
    await limiter.stop();
  });
});

describe('createRateLimiter options that cannot be read', () => {
  it('a misspelt limit is refused, never taken as no limit', () => {
    expect(() => createRateLimiter({ requestPerMinute: 1 } as never)).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: expect.stringMatching(
          /requestPerMinute is not a rate limiter option: .*requestsPerMinute, tokensPerMinute/,
        ),
      }),
    );
    expect(() => createRateLimiter({ TokensPerMinute: 5 } as never)).toThrow(
      /did you mean tokensPerMinute\?/,
    );
  });

  it.each([
    ['an object', {}, 'an object'],
    ['a number', 42, 'a number'],
    ['an empty string', '', 'a string of 0 characters'],
    ['a string too long', 'k'.repeat(257), 'a string of 257 characters'],
  ])(
    'a shared limit key that is %s is refused (it became a key name shared by all such limiters)',
    async (_what, key, got) => {
      expect(() => createRateLimiter({ requestsPerMinute: 5, key: key as never })).toThrow(
        expect.objectContaining({
          code: 'INVALID_ARGUMENT',
          message: expect.stringContaining(
            `option key must be a string of 1 to 256 characters naming the shared limit, e.g. key: 'openai'; got ${got}.`,
          ),
        }),
      );
      const named = createRateLimiter({
        requestsPerMinute: 5,
        key: 'openai',
        store: { acquireRate: async () => 0 },
      });
      expect(named.limited).toBe(true);
      await named.stop();
    },
  );

  it('a call without its tokens under tokensPerMinute is refused (it would weigh 0: not limited)', async () => {
    const limiter = createRateLimiter({ tokensPerMinute: 100 });
    let ran = false;
    await expect(
      limiter.schedule(async () => {
        ran = true;
      }),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('This limiter has tokensPerMinute, so schedule needs'),
    });
    expect(ran).toBe(false);
    await expect(limiter.schedule(async () => 'weighed', { tokens: 0 })).resolves.toBe('weighed');
    await limiter.stop();
  });

  it('a key without a store is refused: each process would keep its own limit', () => {
    expect(() => createRateLimiter({ requestsPerMinute: 5, key: 'openai' })).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining('no store is given'),
      }),
    );
  });

  it('a store that cannot rate-limit (a budget store) is refused at once, not on the first call', () => {
    expect(() =>
      createRateLimiter({ requestsPerMinute: 5, store: memoryStore() as never }),
    ).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining('acquireRate'),
      }),
    );
  });

  it('a misspelt schedule option (token) is refused, not run unweighted', async () => {
    const limiter = createRateLimiter({ tokensPerMinute: 10 });
    let calls = 0;
    await expect(
      limiter.schedule(async () => calls++, { token: 10 } as never),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('token is not a rate limiter option'),
    });
    expect(calls).toBe(0);
    await limiter.stop();
  });
});

describe('createRateLimiter (shared store)', () => {
  it.each([
    ['without maxConcurrent', {}],
    ['with maxConcurrent', { maxConcurrent: 1 }],
  ])(
    'stop() drops calls still waiting for the shared window (%s): none is made later',
    async (_name, extra) => {
      // The window is full twice, then opens: a call still waiting at stop() must not be made.
      let tries = 0;
      const store: RateLimitStore = { acquireRate: async () => (++tries < 3 ? 30 : 0) };
      const limiter = createRateLimiter({ requestsPerMinute: 1, store, ...extra });
      let made = 0;
      const waiting = limiter.schedule(async () => ++made);
      await new Promise((r) => setTimeout(r, 10));
      await limiter.stop();
      await expect(waiting).rejects.toThrow(/stopped/);
      await expect(limiter.schedule(async () => ++made)).rejects.toThrow(/stopped/);
      await new Promise((r) => setTimeout(r, 150));
      expect(made).toBe(0);
    },
  );

  it('a call whose signal aborts while the store is answering is not made', async () => {
    let grant!: (waitMs: number) => void;
    const store: RateLimitStore = {
      acquireRate: () =>
        new Promise<number>((resolve) => {
          grant = resolve;
        }),
    };
    const limiter = createRateLimiter({ requestsPerMinute: 10, store });
    const controller = new AbortController();
    let ran = false;
    const call = limiter.schedule(
      async () => {
        ran = true;
      },
      { signal: controller.signal },
    );
    await ticks(2); // the store has the request
    controller.abort(new Error('cancelled'));
    await expect(call).rejects.toThrow('cancelled');
    grant(0); // and grants it after the caller gave up
    await ticks(5);
    expect(ran).toBe(false);
  });

  it.each([
    ['requestsPerMinute', { requestsPerMinute: 500 }],
    ['requestsPerMinute and maxConcurrent', { requestsPerMinute: 500, maxConcurrent: 2 }],
  ] as const)(
    'with %s, a signal that aborts while the call runs does not discard its result',
    async (_kind, limits) => {
      const store: RateLimitStore = { acquireRate: async () => 0 };
      const limiter = createRateLimiter({ ...limits, store });
      await expect(abortedWhileRunning(limiter)).resolves.toBe('billed result');
      await limiter.stop();
    },
  );

  it('with maxConcurrent, a queued call whose signal aborts rejects at once with the reason, never runs, and frees its place', async () => {
    const taken: number[] = [];
    const store: RateLimitStore = {
      acquireRate: async (_key, _requests, tokens) => {
        taken.push(tokens);
        return 0;
      },
    };
    const limiter = createRateLimiter({ requestsPerMinute: 100, maxConcurrent: 1, store });
    let unblock!: () => void;
    const blocker = new Promise<void>((r) => {
      unblock = r;
    });
    let firstStarted!: () => void;
    const started = new Promise<void>((r) => {
      firstStarted = r;
    });
    const first = limiter.schedule(() => {
      firstStarted();
      return blocker;
    });
    await started; // the only slot is busy from here on
    const controller = new AbortController();
    let ran = false;
    const queued = limiter.schedule(
      async () => {
        ran = true;
      },
      { tokens: 7, signal: controller.signal },
    );
    const reason = new Error('deadline');
    controller.abort(reason);
    // Rejected while the slot is still busy: the old limiter never settled here.
    await expect(queued).rejects.toBe(reason);
    const already = new AbortController();
    already.abort(new Error('gone'));
    await expect(limiter.schedule(async () => 1, { signal: already.signal })).rejects.toThrow(
      'gone',
    );
    unblock();
    await first;
    // The aborted call took nothing from the shared buckets, and the next call runs.
    await expect(limiter.schedule(async () => 'next', { tokens: 3 })).resolves.toBe('next');
    expect(ran).toBe(false);
    expect(taken).toEqual([0, 3]);
    await limiter.stop();
  });
});
