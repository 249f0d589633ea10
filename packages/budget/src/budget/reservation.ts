import { ReservationClosedError } from '../errors/reservation-closed-error.js';
import type { TokenUsage } from '../prices/estimate-cost.js';
import type { BudgetAlert, CapPassed, UsageAmounts } from './budget-types.js';
import type { Charge } from './charge.js';

/** Actual usage of a call, booked by `settle`. */
export interface ActualUsage extends TokenUsage {
  /** Attempts made (retries count against the reservation). Default 1. */
  readonly requests?: number;
  /**
   * The model the provider says answered, when it reports one. Another model than the one
   * reserved for (a dated snapshot of it is the same model) is booked at the dearer of the two
   * prices; one the price table does not price, at no less than the worst case held.
   */
  readonly answeredModel?: string;
}

/** What `settle` booked. */
export interface SettleResult {
  /** Tokens booked: the actual, or past the TTL (`found: false`) the larger of it and the worst case. */
  readonly tokens: number;
  /** USD booked, as `tokens`. */
  readonly usd: number;
  /** Requests booked, as `tokens`. */
  readonly requests: number;
  /**
   * True when the actual exceeded the reservation on some counter (the provider billed more
   * than the worst case). It is booked truthfully; later reservations see it, and
   * `onOverspend` is told.
   */
  readonly overrun: boolean;
  /** By how much the actual exceeded the reservation, per counter (all 0 unless `overrun`). */
  readonly excess: UsageAmounts;
  /**
   * Counters this booking left above their cap (empty when none): an overrun, or the room
   * this reservation was admitted into used up by another's. Reservations on a passed cap
   * are refused until its period resets; `onOverspend` is told.
   */
  readonly capsPassed: readonly CapPassed[];
  /**
   * False when the reservation was past its TTL (holder too slow): its worst case was
   * booked (by this settle, or by the store's sweep before it), and this settle booked what
   * its actual exceeds that by, if anything (see `tokens`).
   */
  readonly found: boolean;
  /**
   * True when the store had lost the reservation (Redis restarted without persistence, or
   * was flushed, after the reserve): the actual was booked, on fresh counters. `found` is
   * false then too.
   */
  readonly lost: boolean;
  /**
   * True when the store had already released the reservation: a `release()` was done but
   * its reply lost (it threw, e.g. `BudgetStoreUnavailableError`, so the reservation stayed
   * open), and this settle says the call was made after all. The actual was booked now,
   * once, with nothing held for it (it may pass a cap: see `capsPassed`). `found` is false.
   */
  readonly released: boolean;
  /**
   * True when this settle was a retry answered by an earlier attempt of it that the store
   * had done (its reply lost) with another usage (a host that recounted): `tokens`, `usd`
   * and `requests` are what that attempt booked, and the usage passed now was not booked.
   */
  readonly usageDiffered: boolean;
  /**
   * True when the store no longer knew the reservation: it expired longer ago than the
   * store remembers (a day; see docs/decisions/0043-settle-past-close-memory-says-forgotten.md).
   * Its worst case was booked when it expired (`tokens`, `usd` and `requests` say so) and
   * this settle booked nothing: what its actual exceeds that by is in `unbooked`.
   */
  readonly forgotten: boolean;
  /**
   * Spend this settle could not book anywhere (all 0 unless `forgotten`): what the actual
   * exceeds the worst case by. Never silent: a process warning (`PM_BUDGET_UNBOOKED`) tells
   * it too. Record it by hand.
   */
  readonly unbooked: UsageAmounts;
  /** Alerts this settlement fired (also sent to `onAlert`). */
  readonly alerts: readonly BudgetAlert[];
}

/** What `release` did. */
export interface ReleaseResult {
  /**
   * False when the reservation was past its TTL (its holder presumed dead): its worst case
   * was booked as spent, by this release or by the store's sweep before it, as `settle`
   * reports. Held budget never turns back into free budget once the TTL has passed.
   */
  readonly found: boolean;
  /**
   * True when the reservation had already been settled: a `settle()` was done in the store
   * but its reply lost (it threw, e.g. `BudgetStoreUnavailableError`, so the reservation
   * stayed open). Nothing was freed or booked now: the call's actual usage, which that
   * settle booked, stands. `found` and `alerts` are that settle's (its alerts, which never
   * reached the caller, go to `onAlert` now).
   */
  readonly settled: boolean;
  /** Alerts that booking the worst case fired (also sent to `onAlert`). */
  readonly alerts: readonly BudgetAlert[];
}

/** Closes reservations; implemented by the budget so a reservation stays a small object. */
export interface ReservationCloser {
  /** Validates and prices the usage (throws before the reservation is marked closed). */
  charge(reservation: Reservation, usage: ActualUsage): Charge;
  /** Books the charge. */
  settle(reservation: Reservation, charge: Charge): Promise<SettleResult>;
  /** Frees the reservation. */
  release(reservation: Reservation): Promise<ReleaseResult>;
}

/**
 * Budget held for one call's worst case. Close it exactly once: `settle` after the call
 * (books the actual, frees the rest) or `release` when nothing was billed. It counts as
 * closed only once the store has done it: if `settle` or `release` fails (e.g.
 * `BudgetStoreUnavailableError`) the reservation stays open, so the same call can be
 * retried, or the other one made. A close made while another is in flight waits for it:
 * `ReservationClosedError` if that one succeeded, its own attempt if that one failed.
 */
export class Reservation {
  #closedBy: 'settle' | 'release' | undefined;
  #closing: Promise<unknown> | undefined;
  readonly #closer: ReservationCloser;

  /** @internal Created by `budget.reserve`. */
  constructor(
    /** Unique id (also the store's key). */
    readonly id: string,
    /** The model reserved for. */
    readonly model: string,
    /** Tokens held (input + max output). */
    readonly tokens: number,
    /** Worst-case cost held, integer micro-dollars. */
    readonly microUsd: number,
    /** Requests held. */
    readonly requests: number,
    closer: ReservationCloser,
  ) {
    this.#closer = closer;
  }

  /** Worst-case cost held, in USD. */
  get usd(): number {
    return this.microUsd / 1_000_000;
  }

  /** True once the store has settled or released it. */
  get closed(): boolean {
    return this.#closedBy !== undefined;
  }

  /**
   * Books the actual usage and frees the rest. Throws `ReservationClosedError` if already
   * closed, `InvalidArgumentError` for a malformed usage (the reservation stays open).
   */
  settle(usage: ActualUsage): Promise<SettleResult> {
    if (this.#closedBy !== undefined) {
      return Promise.reject(new ReservationClosedError(this.id, 'settle', this.#closedBy));
    }
    if (this.#closing !== undefined) {
      const again = () => this.settle(usage);
      return this.#closing.then(again, again);
    }
    let charge: Charge;
    try {
      charge = this.#closer.charge(this, usage);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#close(
      () => this.#closer.settle(this, charge),
      () => 'settle',
    );
  }

  /**
   * Frees everything held (the call failed and nothing was billed). Throws if already
   * closed. Past its TTL it frees nothing: the worst case is booked, `found: false`.
   */
  release(): Promise<ReleaseResult> {
    if (this.#closedBy !== undefined) {
      return Promise.reject(new ReservationClosedError(this.id, 'release', this.#closedBy));
    }
    if (this.#closing !== undefined) {
      const again = () => this.release();
      return this.#closing.then(again, again);
    }
    // A release that found it settled (that settle's reply lost) leaves it closed by the
    // settle: a later close is told so, not that the call was released unbilled.
    return this.#close(
      () => this.#closer.release(this),
      (result) => (result.settled ? 'settle' : 'release'),
    );
  }

  // Marks the reservation closed only after the store confirmed it; clears the in-flight
  // marker first, so a close waiting on this one sees the outcome.
  #close<T>(work: () => Promise<T>, closedBy: (result: T) => 'settle' | 'release'): Promise<T> {
    let pending: Promise<T>;
    try {
      pending = work();
    } catch (error) {
      return Promise.reject(error);
    }
    const attempt = pending.then(
      (result) => {
        this.#closedBy = closedBy(result);
        this.#closing = undefined;
        return result;
      },
      (error: unknown) => {
        this.#closing = undefined;
        throw error;
      },
    );
    this.#closing = attempt;
    return attempt;
  }
}
