import { PmError } from '@pm/envelope-schemas';
import { describe, expect, it } from 'vitest';
import {
  BudgetStoreUnavailableError,
  isRetryable,
  RetryAfterTooLongError,
  type RetryEvent,
  retry,
  retryAfterMs,
} from '../src/index.js';

function httpError(status: number, headers: Record<string, string> = {}): Error {
  return Object.assign(new Error(`HTTP ${status}`), { status, headers: new Headers(headers) });
}

describe('retry', () => {
  it('retries retryable failures with full jitter and reports each attempt', async () => {
    const events: RetryEvent[] = [];
    const seen: number[] = [];
    const result = await retry(
      async ({ attempt }) => {
        seen.push(attempt);
        if (attempt < 3) throw httpError(attempt === 1 ? 503 : 429);
        return 'ok';
      },
      { attempts: 3, baseMs: 4, maxMs: 6, random: () => 0.99, onRetry: (e) => events.push(e) },
    );
    expect(result).toBe('ok');
    expect(seen).toEqual([1, 2, 3]);
    // random * min(maxMs, baseMs * 2^(n-1)): floor(0.99 * 4) = 3, floor(0.99 * min(6, 8)) = 5
    expect(events.map((e) => [e.attempt, e.status, e.delayMs, e.retryAfterMs])).toEqual([
      [1, 503, 3, undefined],
      [2, 429, 5, undefined],
    ]);
  });

  it('is bounded: the last error is rethrown after `attempts`', async () => {
    let calls = 0;
    const error = httpError(500);
    await expect(
      retry(
        async () => {
          calls++;
          throw error;
        },
        { attempts: 4, baseMs: 0 },
      ),
    ).rejects.toBe(error);
    expect(calls).toBe(4);
  });

  it.each([400, 401, 403, 404, 422])('does not retry HTTP %i', async (status) => {
    let calls = 0;
    await expect(
      retry(
        async () => {
          calls++;
          throw httpError(status);
        },
        { attempts: 5, baseMs: 0 },
      ),
    ).rejects.toMatchObject({ status });
    expect(calls).toBe(1);
  });

  it('honours Retry-After up to maxRetryAfterMs', async () => {
    const events: RetryEvent[] = [];
    let calls = 0;
    await retry(
      async () => {
        if (++calls === 1) throw httpError(429, { 'retry-after-ms': '5' });
        if (calls === 2) throw httpError(429, { 'retry-after-ms': '3' });
        return 'ok';
      },
      { attempts: 3, maxRetryAfterMs: 5, onRetry: (e) => events.push(e) },
    );
    expect(events.map((e) => [e.retryAfterMs, e.delayMs])).toEqual([
      [5, 5],
      [3, 3],
    ]);
  });

  it('a Retry-After above maxRetryAfterMs stops: a typed error saying when, no early retry', async () => {
    const events: RetryEvent[] = [];
    let calls = 0;
    const started = Date.now();
    const error = await retry(
      async () => {
        calls++;
        throw httpError(429, { 'retry-after': '100000' });
      },
      { attempts: 3, onRetry: (e) => events.push(e) },
    ).catch((e: unknown) => e);
    expect(calls).toBe(1);
    expect(events).toEqual([]);
    expect(error).toBeInstanceOf(RetryAfterTooLongError);
    expect(error).toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
      message: expect.stringContaining('Try again after'),
      details: { reason: 'retry_after_too_long', status: 429, retryAfterMs: 100_000_000 },
    });
    const retryAt = (error as RetryAfterTooLongError).retryAt.getTime();
    expect(retryAt).toBeGreaterThanOrEqual(started + 100_000_000);
    expect(retryAt).toBeLessThan(Date.now() + 100_000_000 + 1000);
    // Our own typed errors pass through as they are (a PmError is never wrapped).
    const typed = Object.assign(new PmError('PROVIDER_UNAVAILABLE', 'down'), {
      status: 429,
      headers: { 'retry-after': '100000' },
    });
    await expect(
      retry(
        async () => {
          throw typed;
        },
        { attempts: 3, isRetryable: () => true },
      ),
    ).rejects.toBe(typed);
  });

  it('stops waiting when the signal aborts (the run deadline)', async () => {
    const controller = new AbortController();
    const reason = new Error('deadline');
    const pending = retry(
      async () => {
        queueMicrotask(() => controller.abort(reason));
        throw httpError(503, { 'retry-after': '30' });
      },
      { attempts: 3, signal: controller.signal },
    );
    await expect(pending).rejects.toBe(reason);
  });

  it('validates its options', async () => {
    await expect(retry(async () => 1, { attempts: 0 })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  it('refuses a baseMs above maxMs (every wait would be maxMs: no backoff at all)', async () => {
    let calls = 0;
    const fn = async () => ++calls;
    for (const options of [{ baseMs: 5000, maxMs: 10 }, { baseMs: 30_000 }]) {
      await expect(retry(fn, options)).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining('baseMs must be <= maxMs'),
      });
    }
    expect(calls).toBe(0);
    // Equal is fine; a small maxMs alone keeps the default base under it as before.
    await expect(retry(fn, { baseMs: 10, maxMs: 10 })).resolves.toBe(1);
    await expect(retry(fn, { maxMs: 10 })).resolves.toBe(2);
  });

  it('refuses waits a Node timer cannot hold (they would fire after 1 ms: an immediate retry)', async () => {
    let calls = 0;
    const overflow = { status: 429, headers: { 'retry-after-ms': String(2 ** 31 + 5) } };
    for (const key of ['maxRetryAfterMs', 'maxMs', 'baseMs'] as const) {
      await expect(
        retry(
          async () => {
            calls++;
            throw overflow;
          },
          { attempts: 3, [key]: 2 ** 31 },
        ),
      ).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining(`${key} must be an integer from 0 to 2147483647`),
      });
    }
    expect(calls).toBe(0);
  });
});

describe('isRetryable / retryAfterMs', () => {
  it('reads a status given as text as its number, as llm-client does (decision 0013)', async () => {
    expect(isRetryable({ status: '503' })).toBe(true);
    expect(isRetryable({ statusCode: '429' })).toBe(true);
    expect(isRetryable({ status: '400' })).toBe(false);
    expect(isRetryable({ status: 'Service Unavailable' })).toBe(false);
    let attempts = 0;
    const failing = async () => {
      attempts++;
      throw Object.assign(new Error('unavailable'), { status: '503' });
    };
    await expect(retry(failing, { attempts: 3, baseMs: 1, maxMs: 1 })).rejects.toThrow();
    expect(attempts).toBe(3);
  });

  it('classifies statuses and network errors', () => {
    for (const s of [408, 409, 429, 500, 502, 503, 504])
      expect(isRetryable({ status: s })).toBe(true);
    for (const s of [400, 401, 403, 404, 413, 422]) expect(isRetryable({ status: s })).toBe(false);
    expect(isRetryable(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))).toBe(true);
    expect(
      isRetryable(
        new TypeError('fetch failed', {
          cause: Object.assign(new Error('x'), { code: 'UND_ERR_SOCKET' }),
        }),
      ),
    ).toBe(true);
    expect(isRetryable(Object.assign(new Error('conn'), { name: 'APIConnectionError' }))).toBe(
      true,
    );
    expect(isRetryable(Object.assign(new Error('abort'), { name: 'AbortError' }))).toBe(false);
    expect(isRetryable(new Error('plain'))).toBe(false);
    expect(isRetryable({ code: 'BUDGET_EXCEEDED' })).toBe(false);
  });

  it('never retries our own errors, even one whose cause is a network error', async () => {
    // BudgetStoreUnavailableError keeps the Redis client's error as its cause; a client whose
    // errors carry a socket code must not turn a fail-closed refusal into retries.
    const reset = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const refused = new BudgetStoreUnavailableError('reserve', 2000, reset);
    expect(isRetryable(refused)).toBe(false);
    expect(isRetryable(new TypeError('fetch failed', { cause: refused }))).toBe(false);
    let calls = 0;
    await expect(
      retry(
        async () => {
          calls++;
          throw refused;
        },
        { attempts: 3, baseMs: 0 },
      ),
    ).rejects.toBe(refused);
    expect(calls).toBe(1);
  });

  it('a cyclic cause chain ends (no stack overflow); a retryable cause within it still counts', () => {
    const a: { cause?: unknown } = {};
    const b = { cause: a };
    a.cause = b;
    expect(isRetryable(a)).toBe(false);
    const reset = Object.assign(new Error('reset'), { code: 'ECONNRESET' });
    const loop: { cause?: unknown } = { cause: { cause: reset } };
    (reset as { cause?: unknown }).cause = loop;
    expect(isRetryable(loop)).toBe(true);
  });

  it('reads retry-after-ms, seconds and HTTP dates, from Headers or plain objects', () => {
    expect(retryAfterMs({ headers: { 'retry-after-ms': '250' } })).toBe(250);
    expect(retryAfterMs({ headers: new Headers({ 'Retry-After': '2' }) })).toBe(2000);
    const now = Date.parse('2026-11-22T10:00:00Z');
    expect(
      retryAfterMs(
        { response: { headers: { 'retry-after': 'Sun, 22 Nov 2026 10:00:07 GMT' } } },
        now,
      ),
    ).toBe(7000);
    expect(retryAfterMs({ headers: { 'retry-after': 'soon' } })).toBeUndefined();
    expect(retryAfterMs(new Error('none'))).toBeUndefined();
  });

  it('reads a plain object header in any case, a number value, and skips a blank retry-after-ms', () => {
    expect(retryAfterMs({ headers: { 'Retry-After': '120' } })).toBe(120_000);
    expect(retryAfterMs({ headers: { 'RETRY-AFTER-MS': '250' } })).toBe(250);
    expect(retryAfterMs({ headers: { 'retry-after': 120 } })).toBe(120_000);
    expect(retryAfterMs({ headers: { 'retry-after': ['7'] } })).toBe(7000);
    // A blank retry-after-ms is no value: it must not read as "retry now" over Retry-After.
    expect(retryAfterMs({ headers: { 'retry-after-ms': '', 'retry-after': '120' } })).toBe(120_000);
    expect(retryAfterMs({ headers: { 'retry-after': '  ' } })).toBeUndefined();
  });

  it('a Title-Case Retry-After above the cap stops retry as the lower-case one does', async () => {
    let calls = 0;
    await expect(
      retry(
        async () => {
          calls++;
          throw { status: 429, headers: { 'Retry-After': '120' } };
        },
        { attempts: 3, baseMs: 1, maxMs: 5 },
      ),
    ).rejects.toMatchObject({ details: { reason: 'retry_after_too_long', retryAfterMs: 120_000 } });
    expect(calls).toBe(1);
  });
});
