import type { Budget, Reservation } from '@pm/budget';
import type { TokenUsageV1 } from '@pm/envelope-schemas';
import { usageFromLedger } from './call-input.js';

/** The worst case of one call, as reserved before it. */
export interface CallWorstCase {
  model: string;
  inputTokens: number;
  maxOutputTokens: number;
}

/**
 * The budget one billed call holds: its worst case for the first attempt, and one more
 * request for each retry, reserved just before the retry (a refused one means no retry).
 * So the `requests` cap holds at every moment, and a small cap still allows first attempts
 * instead of refusing every call that could in theory be retried (decision 0007).
 */
export class CallHolds {
  readonly #budget: Budget;
  readonly #worst: CallWorstCase;
  readonly #holds: Reservation[] = [];
  #state: 'none' | 'released' | 'settled' = 'none';

  constructor(budget: Budget, worst: CallWorstCase) {
    this.#budget = budget;
    this.#worst = worst;
  }

  /** `none` while held, then what became of the holds (for the ledger's error record). */
  get state(): 'none' | 'released' | 'settled' {
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

  /** Step 8: the first attempt's worst case, on every scope; throws the budget's refusal. */
  async reserve(): Promise<void> {
    this.#holds.push(await this.#budget.reserve(this.#worst));
  }

  /** Before a retry: one more request (no tokens: the call's worst case is already held). */
  async holdRetry(): Promise<void> {
    this.#holds.push(
      await this.#budget.reserve({
        model: this.#worst.model,
        inputTokens: 0,
        maxOutputTokens: 0,
        requests: 1,
      }),
    );
  }

  /** Books `usage` on the first hold and one request per retry hold; returns the USD booked. */
  async settle(usage: TokenUsageV1): Promise<number> {
    this.#state = 'settled';
    const [first, ...retries] = this.#holds;
    let usd = 0;
    if (first) usd += (await first.settle({ ...usageFromLedger(usage), requests: 1 })).usd;
    for (const hold of retries) {
      usd += (await hold.settle({ inputTokens: 0, outputTokens: 0, requests: 1 })).usd;
    }
    return usd;
  }

  /** Frees every hold (the call failed and nothing was billed). */
  async release(): Promise<void> {
    this.#state = 'released';
    for (const hold of this.#holds) await hold.release();
  }
}
