import type { StoreScope } from '../budget/budget-store.js';
import type { Charge } from '../budget/charge.js';

/** What the Redis store's process keeps of a reservation it made (see `redisStore`). */
export interface OpenReservation {
  readonly epoch: string;
  readonly scopes: readonly StoreScope[];
  /** The worst case held (for a late settle after a sweep booked it). */
  readonly amount: Charge;
  /** Date.now() when its TTL ends (as this process sees it). */
  readonly expiresAt: number;
  /**
   * Date.now() after which it is forgotten here: a day past its TTL if never closed (see
   * {@link pruneOpen}), or a day after a close of it went unanswered if later.
   */
  forgetAt: number;
  /**
   * The first close of it that went unanswered (a timeout, a dropped connection): it may
   * have been done in Redis. A close of the other kind after it then tells Redis so (see
   * CLOSE_LUA), which then knows which one was done.
   */
  firstUnanswered?: 'settle' | 'release';
  /**
   * The actual of the first settle of it that went unanswered: what Redis booked when a
   * retry finds the reservation closed and no reply kept (see CLOSE_LUA's {3}).
   */
  firstSettle?: Charge;
}

/**
 * Reservations never closed, an hour or more past their TTL, whose records are kept for a
 * late settle for the rest of their day: at least this many (the last to expire), at most
 * twice that, so a host that leaks reservations cannot grow the process without bound (as
 * the memory store bounds what it remembers).
 */
export const LATE_KEPT = 10_000;

/** An hour: within it every reservation's record is kept, however many. */
const HOUR_MS = 3_600_000;

/**
 * Forgets the records past their `forgetAt`, and, when more than twice `keep` were never
 * closed and are past their TTL by an hour, all but the `keep` of those that expire last.
 * Only a host that leaks reservations has that many: the sort then runs once per prune (a
 * minute at most).
 */
export function pruneOpen(
  open: Map<string, OpenReservation>,
  now: number,
  keep: number = LATE_KEPT,
): void {
  const late: [string, OpenReservation][] = [];
  for (const [id, o] of open) {
    if (o.forgetAt <= now) open.delete(id);
    else if (o.firstUnanswered === undefined && o.expiresAt + HOUR_MS <= now) late.push([id, o]);
  }
  if (late.length <= 2 * keep) return;
  late.sort((a, b) => a[1].expiresAt - b[1].expiresAt);
  for (let i = 0; i < late.length - keep; i++) open.delete(late[i]![0]);
}
