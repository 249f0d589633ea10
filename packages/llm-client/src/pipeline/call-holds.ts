import type { Budget, Reservation, ReserveRequest } from '@pm/budget';
import type { TokenUsageV1 } from '@pm/envelope-schemas';
import type { BudgetCall, BudgetCalls } from './budget-calls.js';
import { usageFromLedger } from './call-input.js';
import { raceSignal } from './race-signal.js';

/** The worst case of one call, as reserved before it. */
export interface CallWorstCase {
  model: string;
  inputTokens: number;
  maxOutputTokens: number;
}

/**
 * What became of a call's holds, as its `error` record says: `none` while held (or never
 * reserved), `released`, `settled`, or `held` when the store failed while settling or
 * releasing them: what it did not close stays held and expires into spent at its worst case.
 */
export type HoldsState = 'none' | 'released' | 'settled' | 'held';

/**
 * The budget one billed call holds: its worst case for the first attempt, and one more
 * request for each retry, reserved just before the retry (a refused one means no retry).
 * So the `requests` cap holds at every moment, and a small cap still allows first attempts
 * instead of refusing every call that could in theory be retried (decision 0007). A retry
 * after an attempt that may have been billed (it timed out waiting for an answer) holds a
 * whole worst case instead: the earlier attempt keeps its own, to be booked in full.
 */
export class CallHolds {
  readonly #budget: Budget;
  readonly #worst: CallWorstCase;
  /** One per attempt that may be billed; the last is the attempt in flight. */
  readonly #worstCaseHolds: Reservation[] = [];
  /** One request per retry after an attempt that was certainly not billed. */
  readonly #requestHolds: Reservation[] = [];
  #state: HoldsState = 'none';
  /**
   * Whether the attempt holding the last worst case may have been billed (it answered, it
   * failed saying so, or it was abandoned at the deadline). Kept here, not read off the
   * call's final error: a deadline during the wait before a retry ends the call with
   * RUNTIME_EXCEEDED, which says nothing about the attempt before it.
   */
  #lastMayBeBilled = false;
  /** Another model than the one reserved for answered: the budget books the dearer (0032). */
  #answeredModel: string | undefined;
  /** Where each hold is registered with its call, so an overspend report can name the call. */
  readonly #owner: { calls: BudgetCalls; call: Omit<BudgetCall, 'outputTokens'> } | undefined;

  constructor(
    budget: Budget,
    worst: CallWorstCase,
    owner?: { calls: BudgetCalls; call: Omit<BudgetCall, 'outputTokens'> },
  ) {
    this.#budget = budget;
    this.#worst = worst;
    this.#owner = owner;
  }

  /** `none` while held, then what became of the holds (for the ledger's error record). */
  get state(): HoldsState {
    return this.#state;
  }

  /** The worst case as ledger usage: what a call that may have been billed is settled at. */
  get worstCaseUsage(): TokenUsageV1 {
    return {
      input_tokens: this.#worst.inputTokens,
      cached_input_tokens: 0,
      output_tokens: this.#worst.maxOutputTokens,
      reasoning_tokens: 0,
    };
  }

  /** Whether the last attempt may have been billed (see {@link attemptMayBeBilled}). */
  get lastAttemptMayBeBilled(): boolean {
    return this.#lastMayBeBilled;
  }

  /**
   * The attempt in flight may have been billed: it answered, failed with `possiblyBilled`
   * or reported usage, or was abandoned. However the call ends, its hold is booked.
   */
  attemptMayBeBilled(): void {
    this.#lastMayBeBilled = true;
  }

  /**
   * The attempt in flight was answered by `model`, another than the one reserved for: its
   * settle, whichever way the call ends, is booked at the dearer of the two prices.
   */
  answeredBy(model: string): void {
    this.#answeredModel = model;
  }

  /**
   * Step 8: the first attempt's worst case, on every scope; throws the budget's refusal.
   * The store is host code (`budget.store`): the wait is bounded by `signal` (the run's
   * deadline), and a reservation granted after it gave up is released at once.
   */
  async reserve(signal?: AbortSignal): Promise<void> {
    this.#worstCaseHolds.push(await this.#hold(this.#worst, signal));
    this.#lastMayBeBilled = false;
  }

  /**
   * Before a retry: one more request (no tokens: the call's worst case is already held), or,
   * when the last attempt may have been billed, a worst case of its own. Throws the
   * budget's refusal.
   */
  async holdRetry(signal?: AbortSignal): Promise<void> {
    if (this.#lastMayBeBilled) {
      await this.reserve(signal);
      return;
    }
    this.#requestHolds.push(
      await this.#hold(
        { model: this.#worst.model, inputTokens: 0, maxOutputTokens: 0, requests: 1 },
        signal,
      ),
    );
  }

  /**
   * The call failed: books what the holds know may have been billed and frees the rest.
   * `reported` is usage the provider reported for the last attempt (a refusal's body);
   * without it, a last attempt that may have been billed is booked at the worst case,
   * whatever error ended the call; otherwise the last attempt's holds are released.
   * Returns the USD booked.
   */
  async fail(reported: TokenUsageV1 | undefined): Promise<number> {
    if (reported) return this.settle(reported);
    if (this.#lastMayBeBilled) return this.settle(this.worstCaseUsage);
    return this.release();
  }

  async #hold(request: ReserveRequest, signal: AbortSignal | undefined): Promise<Reservation> {
    const pending = this.#budget.reserve(request).then((reservation) => {
      this.#owner?.calls.set(reservation.id, { ...this.#owner.call });
      return reservation;
    });
    if (!signal) return pending;
    return raceSignal(pending, signal, () => {
      // Nothing was sent on it: a late reservation is freed, not left to expire as spent.
      pending
        .then((late) => {
          this.#owner?.calls.delete(late.id);
          return late.release();
        })
        .catch(() => {});
    });
  }

  /**
   * Books `usage` for the attempt in flight, the worst case for each earlier attempt that
   * may have been billed, and one request per other retry; returns the USD booked.
   */
  async settle(usage: TokenUsageV1): Promise<number> {
    return this.#close('settled', async () => {
      const last = this.#worstCaseHolds.at(-1);
      let usd = 0;
      const registered = last && this.#owner?.calls.get(last.id);
      if (registered) registered.outputTokens = usage.output_tokens;
      const answeredModel = this.#answeredModel;
      if (last) {
        const actual = { ...usageFromLedger(usage), requests: 1 };
        usd += (await last.settle(answeredModel ? { ...actual, answeredModel } : actual)).usd;
      }
      for (const hold of this.#requestHolds) {
        usd += (await hold.settle({ inputTokens: 0, outputTokens: 0, requests: 1 })).usd;
      }
      return usd + (await this.#bookEarlierAttempts());
    });
  }

  /**
   * Frees what the last attempt and the plain retries held. Earlier attempts that may have
   * been billed are still booked at their worst case (then the state is `settled`, not
   * `released`). Use {@link fail} when the call failed: it decides from what the holds know.
   * Returns the USD booked (for those earlier attempts).
   */
  async release(): Promise<number> {
    return this.#close(this.#worstCaseHolds.length > 1 ? 'settled' : 'released', async () => {
      await this.#worstCaseHolds.at(-1)?.release();
      for (const hold of this.#requestHolds) await hold.release();
      return this.#bookEarlierAttempts();
    });
  }

  /**
   * Closes the holds once: the state says `closed` only when the store did all of it, and
   * `held` when it failed part way (the store's error is rethrown), since the holds it did
   * not close stay in the store. The state is set before the store is asked, so a second
   * close (the failure path after a failed settle) is not attempted against a failing store.
   */
  async #close(closed: 'settled' | 'released', work: () => Promise<number>): Promise<number> {
    this.#state = 'held';
    try {
      const usd = await work();
      this.#state = closed;
      return usd;
    } finally {
      // Closed or left to expire: an overspend is reported while the store books, not after.
      for (const hold of [...this.#worstCaseHolds, ...this.#requestHolds])
        this.#owner?.calls.delete(hold.id);
    }
  }

  /** Books each attempt before the last that held a worst case at that worst case. */
  async #bookEarlierAttempts(): Promise<number> {
    const worst = { ...usageFromLedger(this.worstCaseUsage), requests: 1 };
    let usd = 0;
    for (const hold of this.#worstCaseHolds.slice(0, -1)) usd += (await hold.settle(worst)).usd;
    return usd;
  }
}
