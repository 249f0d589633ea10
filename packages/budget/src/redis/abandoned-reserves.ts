/**
 * Reserves the caller gave up on (timed out, or the connection failed) that may still reach
 * Redis later: ioredis keeps commands queued while it reconnects and resends unanswered
 * ones, so a reserve refused to the caller could land after Redis is back and hold budget
 * that no `Reservation` can ever close. Each is cancelled in Redis (`CANCEL_LUA`) as soon
 * as the store answers, retried with backoff until then, off the caller's path.
 */
export class AbandonedReserves {
  /** id -> Date.now() after which it is dropped unsent (its hold has long expired and been booked). */
  readonly #ids = new Map<string, number>();
  readonly #cancel: (ids: readonly string[]) => Promise<unknown>;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running: Promise<void> | undefined;
  #delayMs = 0;

  /** @param cancel Cancels a batch of ids in the store; rejects when the store is unreachable. */
  constructor(cancel: (ids: readonly string[]) => Promise<unknown>) {
    this.#cancel = cancel;
  }

  /** Number of ids still to cancel. */
  get size(): number {
    return this.#ids.size;
  }

  /** Records an abandoned reserve and starts cancelling it at once. */
  add(id: string, ttlMs: number): void {
    // Past its TTL plus an hour the hold has been booked (or cancelled): nothing left to undo.
    this.#ids.set(id, Date.now() + ttlMs + 3_600_000);
    this.#schedule(0);
  }

  /** One attempt to cancel everything pending now (used by `close()`); never rejects. */
  flush(): Promise<void> {
    if (this.#running !== undefined) return this.#running;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#ids.size === 0) return Promise.resolve();
    const run = this.#attempt().finally(() => {
      this.#running = undefined;
      // Ids added meanwhile, the rest of a long list, or a retry after a failure.
      if (this.#ids.size > 0) this.#schedule(this.#delayMs);
    });
    this.#running = run;
    return run;
  }

  /** Stops retrying (the store is closed); pending ids stay held until their TTL. */
  stop(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#ids.clear();
  }

  #schedule(delayMs: number): void {
    if (this.#timer !== undefined || this.#running !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.flush();
    }, delayMs);
    // Retrying must not keep a process alive that is otherwise done: left unsent, the hold
    // expires and is booked at its worst case, as a crashed holder's is.
    this.#timer.unref?.();
  }

  async #attempt(): Promise<void> {
    const now = Date.now();
    for (const [id, forgetAt] of this.#ids) if (forgetAt <= now) this.#ids.delete(id);
    const batch = [...this.#ids.keys()].slice(0, 256);
    if (batch.length === 0) return;
    try {
      await this.#cancel(batch);
      for (const id of batch) this.#ids.delete(id);
      this.#delayMs = 0;
    } catch (error) {
      // Redis answered with an error (WRONGTYPE under a shared prefix, OOM): asking again
      // gets the same answer, so these are left to expire like a crashed holder's.
      if ((error as { details?: { failure?: unknown } }).details?.failure === 'error-reply') {
        for (const id of batch) this.#ids.delete(id);
      }
      this.#delayMs = Math.min(5_000, Math.max(250, this.#delayMs * 2));
    }
  }
}
