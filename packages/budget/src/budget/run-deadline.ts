import { RuntimeExceededError } from '../errors/runtime-exceeded-error.js';
import { MAX_TIMER_MS } from './limits.js';

/**
 * The run's `max_runtime_minutes` as a deadline and an AbortSignal to hand to the provider,
 * so an in-flight call is cut off when the run's time is up.
 */
export class RunDeadline {
  /** Aborts (reason: `RuntimeExceededError`) when the deadline passes; never without a limit. */
  readonly signal: AbortSignal;
  /** The deadline, or undefined when the run has no runtime limit. */
  readonly deadline: Date | undefined;
  readonly #controller = new AbortController();
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #minutes: number | undefined;

  constructor(minutes: number | undefined, startMs: number, now: () => number) {
    this.signal = this.#controller.signal;
    this.#minutes = minutes;
    if (minutes === undefined) {
      this.deadline = undefined;
      return;
    }
    const deadlineMs = startMs + minutes * 60_000;
    this.deadline = new Date(deadlineMs);
    const fire = () =>
      this.#controller.abort(new RuntimeExceededError(minutes, new Date(deadlineMs)));
    const delay = deadlineMs - now();
    if (delay <= 0) fire();
    else this.#arm(delay, fire);
  }

  // Node clamps a timer above 2^31 - 1 ms (~24.8 days) to 1 ms, so a longer wait is
  // armed in chunks, each re-armed for what is left until the real deadline.
  #arm(remaining: number, fire: () => void): void {
    const chunk = Math.min(remaining, MAX_TIMER_MS);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (remaining > chunk) this.#arm(remaining - chunk, fire);
      else fire();
    }, chunk);
    // A budget must not keep the host process alive.
    this.#timer.unref?.();
  }

  /** Throws `RuntimeExceededError` if the deadline has passed at `nowMs`. */
  check(nowMs: number): void {
    if (this.deadline !== undefined && nowMs >= this.deadline.getTime()) {
      if (!this.signal.aborted)
        this.#controller.abort(new RuntimeExceededError(this.#minutes!, this.deadline));
      throw new RuntimeExceededError(this.#minutes!, this.deadline);
    }
  }

  /** Milliseconds left at `nowMs` (Infinity without a limit, 0 once passed). */
  remainingMs(nowMs: number): number {
    return this.deadline === undefined
      ? Number.POSITIVE_INFINITY
      : Math.max(0, this.deadline.getTime() - nowMs);
  }

  /** Stops the timer. */
  dispose(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
