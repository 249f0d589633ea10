import { onAbort } from '@pm/envelope-schemas';
import { forwardClock } from './forward-clock.js';

/** Length of the window, ms: the limits are per minute. */
const WINDOW_MS = 60_000;

/** One call granted: when, and its tokens. */
interface Grant {
  readonly at: number;
  readonly tokens: number;
}

/** A call waiting for the window. */
interface Waiter {
  readonly tokens: number;
  readonly signal: AbortSignal | undefined;
  readonly start: () => void;
  readonly fail: (reason: unknown) => void;
}

/**
 * The per-minute limits of one process, with the semantics of the shared limiter's Lua
 * script (`redis/lua/rate.ts`): a log of grants, and a call is granted only when the
 * requests and tokens granted in the last 60 s plus its own fit both limits, so no 60 s
 * window ever starts more than a limit. (bottleneck's reservoir refills the whole allowance
 * at fixed minute marks, which let twice the limit start around a mark.) Calls are granted
 * in arrival order: a heavy call is not overtaken by lighter ones behind it.
 *
 * A call takes from the window in the same turn as it starts (`start`), so a caller who gave
 * up while waiting never took anything: there is nothing to give back.
 *
 * Time is the wall clock made to never go back (`forwardClock`): set back, it would keep
 * the grants made "later" in the window for the whole jump, parking every call behind them.
 */
export class SlidingWindow {
  readonly #rpm: number | undefined;
  readonly #tpm: number | undefined;
  /** Grants still in the window, oldest first, from `#head` on (trimmed by moving it). */
  #log: Grant[] = [];
  #head = 0;
  #tokens = 0;
  readonly #queue: Waiter[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #draining = false;
  #stopped: { reason: unknown } | undefined;
  readonly #now = forwardClock();
  /**
   * The signal of the call blocked at the head, the only one listened to: its abort may let
   * lighter calls behind it through, while one given up further back changes nothing until
   * it reaches the head (its caller was rejected already, by `stopWaitingOnAbort`).
   */
  #watched: AbortSignal | undefined;
  #unwatch: () => void = noop;
  readonly #onHeadAbort = () => this.#drain();

  constructor(rpm: number | undefined, tpm: number | undefined) {
    this.#rpm = rpm;
    this.#tpm = tpm;
  }

  /**
   * Queues a call of `tokens`: `start` is called once it fits the window, after every call
   * queued before it, and `fail` instead when `signal` aborts first (with its reason) or the
   * window is stopped. Either may be called before `enter` returns.
   */
  enter(
    tokens: number,
    signal: AbortSignal | undefined,
    start: () => void,
    fail: (reason: unknown) => void,
  ): void {
    if (this.#stopped !== undefined || signal?.aborted) {
      fail(this.#stopped === undefined ? signal?.reason : this.#stopped.reason);
      return;
    }
    this.#queue.push({ tokens, signal, start, fail });
    this.#drain();
  }

  /** Fails every waiting call with `reason`, and every later one. */
  stop(reason: unknown): void {
    this.#stopped = { reason };
    clearTimeout(this.#timer);
    this.#watch(undefined);
    for (const w of this.#queue.splice(0)) w.fail(reason);
  }

  /** Grants waiting calls in order while they fit; else waits for the window to move. */
  #drain(): void {
    // A started call may schedule another at once: the loop below picks it up.
    if (this.#draining) return;
    this.#draining = true;
    try {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#watch(undefined);
      while (this.#queue.length > 0) {
        const w = this.#queue[0]!;
        if (w.signal?.aborted) {
          this.#queue.shift();
          w.fail(w.signal.reason);
          continue;
        }
        const now = this.#now();
        const waitMs = this.#waitMs(w.tokens, now);
        if (waitMs > 0) {
          // Not unref'd: a caller is awaiting this call, and a process that exits meanwhile
          // drops it unmade (as the shared limiter's sleep, it holds the process while a
          // call waits; with nothing queued no timer is left).
          this.#timer = setTimeout(() => this.#drain(), Math.ceil(waitMs));
          this.#watch(w.signal);
          return;
        }
        this.#queue.shift();
        if (this.#rpm !== undefined || w.tokens > 0) {
          this.#log.push({ at: now, tokens: w.tokens });
          this.#tokens += w.tokens;
        }
        w.start();
      }
    } finally {
      this.#draining = false;
    }
  }

  /** Listens to `signal` (the blocked head's) instead of the one listened to so far. */
  #watch(signal: AbortSignal | undefined): void {
    if (signal === this.#watched) return;
    this.#unwatch();
    this.#watched = signal;
    // Through onAbort: the signal's one listener is shared with the calls waiting on it.
    this.#unwatch = signal === undefined ? noop : onAbort(signal, this.#onHeadAbort);
  }

  /**
   * 0 when one more request and `tokens` fit the last 60 s, else the ms until enough of the
   * log has left the window (never more than a minute).
   */
  #waitMs(tokens: number, now: number): number {
    this.#trim(now);
    let until = now;
    const count = this.#log.length - this.#head;
    if (this.#rpm !== undefined && count + 1 > this.#rpm) {
      // The grant that must leave for one more request to fit.
      until = Math.max(until, this.#log[this.#head + count - this.#rpm]!.at + WINDOW_MS);
    }
    if (this.#tpm !== undefined && this.#tokens + tokens > this.#tpm) {
      const need = this.#tokens + tokens - this.#tpm;
      let freed = 0;
      for (let i = this.#head; i < this.#log.length; i++) {
        freed += this.#log[i]!.tokens;
        if (freed >= need) {
          until = Math.max(until, this.#log[i]!.at + WINDOW_MS);
          break;
        }
      }
    }
    return Math.min(until - now, WINDOW_MS);
  }

  /** Drops grants at or before `now - 60 s`: the window is (now - 60 s, now]. */
  #trim(now: number): void {
    const log = this.#log;
    while (this.#head < log.length && log[this.#head]!.at <= now - WINDOW_MS) {
      this.#tokens -= log[this.#head]!.tokens;
      this.#head++;
    }
    // Compact now and then, so the array does not grow with every grant ever made.
    if (this.#head > 1024 && this.#head * 2 > log.length) {
      this.#log = log.slice(this.#head);
      this.#head = 0;
    }
  }
}

function noop(): void {}
