/**
 * How long a store remembers how a reservation it no longer holds was closed, for a close
 * that comes after (a retry whose first reply was lost, or the other close: a settle after
 * a release, a release after a settle): a day, as the Redis store keeps a close's reply and
 * as its process keeps an unanswered close's reservation. A Redis outage of hours, with
 * closes retried through it, still gets true answers; see
 * docs/decisions/0029-close-memory-a-day.md.
 */
export const CLOSE_MEMORY_MS = 86_400_000;

/**
 * Reservations a store no longer holds, remembered by id for {@link CLOSE_MEMORY_MS} (or
 * `keepMs`) after they closed, oldest first. At most `max` are kept (the oldest go first),
 * so a burst of closes cannot grow the store without bound.
 */
export class ClosedReservations<T> {
  readonly #entries = new Map<string, { readonly value: T; readonly forgetAt: number }>();
  readonly #keepMs: number;
  readonly #max: number;

  constructor(max: number, keepMs = CLOSE_MEMORY_MS) {
    this.#max = max;
    this.#keepMs = keepMs;
  }

  /** Remembers (or re-remembers, as the newest) how `id` was closed, at store time `now`. */
  remember(id: string, value: T, now: number): void {
    this.#entries.delete(id);
    // Entries are in the order remembered, so the ones to forget are at the front.
    for (const [old, entry] of this.#entries) {
      if (entry.forgetAt > now && this.#entries.size < this.#max) break;
      this.#entries.delete(old);
    }
    this.#entries.set(id, { value, forgetAt: now + this.#keepMs });
  }

  /** How `id` was closed, if it is still remembered at store time `now`. */
  get(id: string, now: number): T | undefined {
    const entry = this.#entries.get(id);
    if (entry === undefined) return undefined;
    if (entry.forgetAt > now) return entry.value;
    this.#entries.delete(id);
    return undefined;
  }

  /** Forgets `id` (it moved on: a reservation closed early, then settled). */
  forget(id: string): void {
    this.#entries.delete(id);
  }
}
