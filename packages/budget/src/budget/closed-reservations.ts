/**
 * How long a store remembers how a reservation it no longer holds was closed, for a close
 * that comes after (a retry whose first reply was lost, or the other close: a settle after
 * a release, a release after a settle): a day, as the Redis store keeps a close's reply and
 * as its process keeps an unanswered close's reservation. A Redis outage of hours, with
 * closes retried through it, still gets true answers; see
 * docs/decisions/0029-close-memory-a-day.md.
 */
export const CLOSE_MEMORY_MS = 86_400_000;

/** Closes remembered together, and when the last of them was. */
interface Generation<T> {
  readonly entries: Map<string, T>;
  lastAt: number;
}

/**
 * Reservations a store no longer holds, remembered by id for at least {@link CLOSE_MEMORY_MS}
 * (or `keepMs`) after they closed. The last `max` closed are always remembered and never
 * more than twice that: two generations, the older dropped whole when the younger fills, so
 * a burst of closes cannot grow the store without bound. A generation is forgotten `keepMs`
 * after its last close, so an entry may outlive its day by the time its generation took to
 * fill: a truer answer for longer, never a wrong one. This is the memory store's settle
 * path: one Map entry per close and nothing allocated besides (deleting a Map's oldest entry
 * on every close made its iteration skip ever more deleted slots, 5x slower settles).
 */
export class ClosedReservations<T> {
  #younger: Generation<T> = { entries: new Map(), lastAt: 0 };
  #older: Generation<T> = { entries: new Map(), lastAt: 0 };
  readonly #keepMs: number;
  readonly #max: number;

  constructor(max: number, keepMs = CLOSE_MEMORY_MS) {
    this.#max = max;
    this.#keepMs = keepMs;
  }

  /** Remembers (or re-remembers) how `id` was closed, at store time `now`. */
  remember(id: string, value: T, now: number): void {
    // An older generation's entry for `id` is shadowed (the younger is read first) and
    // dropped with it: no delete per close.
    if (this.#younger.entries.size >= this.#max) {
      this.#older = this.#younger;
      this.#younger = { entries: new Map(), lastAt: now };
    }
    this.#younger.entries.set(id, value);
    this.#younger.lastAt = now;
  }

  /** How `id` was closed, if it is still remembered at store time `now`. */
  get(id: string, now: number): T | undefined {
    for (const generation of [this.#younger, this.#older]) {
      const value = generation.entries.get(id);
      if (value === undefined) continue;
      if (generation.lastAt + this.#keepMs > now) return value;
      generation.entries.clear(); // every close in it is older than that
      return undefined;
    }
    return undefined;
  }

  /** Forgets `id` (it moved on: a reservation closed early, then settled). */
  forget(id: string): void {
    this.#younger.entries.delete(id);
    this.#older.entries.delete(id);
  }
}
