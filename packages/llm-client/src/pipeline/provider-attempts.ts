import { retry } from '@pm/budget';
import { isPmError } from '@pm/envelope-schemas';
import { checkRunWindow } from '../policy/check-call-policy.js';
import type { LLMProvider, ProviderCallRequest, ProviderCallResult } from '../provider/provider.js';
import { ProviderUnavailableError } from '../provider/provider-unavailable-error.js';
import type { CallHolds } from './call-holds.js';
import type { CallInput } from './call-input.js';
import { checkAnswerSize } from './check-answer-size.js';
import { checkProviderResult } from './check-provider-result.js';
import type { PreparedCall } from './prepare-call.js';
import { abortError, raceSignal } from './race-signal.js';
import type { RunContext } from './run-context.js';

/**
 * Step 10: the requests of one call to its provider. The rate limiter schedules each one,
 * retries included (`requestsPerMinute` counts what reaches the provider, which is what it
 * limits); a failure the provider calls retryable is retried with jitter, each retry held
 * in the budget first. Counts what was sent, for the call's records.
 */
export class ProviderAttempts {
  /** Requests sent to the provider so far. */
  count = 0;
  /** The provider's `call` threw something other than a `PmError` (against its contract). */
  providerThrew = false;
  private lastFailure: ProviderUnavailableError | undefined;
  private readonly request: ProviderCallRequest & { signal: AbortSignal };

  /**
   * @param holds the call's reservation; none for a provider that bills nothing.
   * @param signal the call's: the run's deadline and the host's cancellation.
   */
  constructor(
    private readonly ctx: RunContext,
    private readonly provider: LLMProvider,
    private readonly call: CallInput,
    private readonly prepared: PreparedCall,
    private readonly holds: CallHolds | undefined,
    private readonly signal: AbortSignal,
  ) {
    this.request = { ...prepared.request, signal };
  }

  /** The provider's answer, once an attempt succeeds; the last failure otherwise. */
  answer(): Promise<ProviderCallResult> {
    const { ctx, prepared, signal } = this;
    const weight = prepared.inputTokens + this.call.maxOutputTokens;
    const attempt = async (): Promise<ProviderCallResult> => {
      // A retry is one more request: held before it is made, so the cap holds; refused, no retry.
      if (this.count > 0 && this.holds && this.lastFailure) {
        await holdRetry(this.holds, this.lastFailure, signal);
      }
      return ctx.rateLimiter.schedule(() => this.send(), { tokens: weight, signal });
    };
    return retry(attempt, {
      ...ctx.options.retry,
      signal,
      isRetryable: (error) => error instanceof ProviderUnavailableError && error.retryable,
      onRetry: (event) =>
        ctx.emit({
          type: 'call.retry',
          stage: prepared.stage,
          requestId: prepared.requestId,
          attempt: event.attempt,
          status: event.status,
          delayMs: event.delayMs,
        }),
    });
  }

  /** One request to the provider. */
  private async send(): Promise<ProviderCallResult> {
    const { provider, holds } = this;
    // Each request leaves inside a run window, also after the rate limiter's queue or a
    // retry's wait: a closed window ends the call (not retried), nothing more is sent.
    checkRunWindow(this.ctx.policy);
    this.count++;
    try {
      // Raced against the signal: a provider that ignores it cannot outlive the deadline.
      // An attempt left running may still be billed.
      const result = await raceSignal(
        provider.call(this.request, { fetch: this.ctx.fetch }),
        this.signal,
        () => holds?.attemptMayBeBilled(),
      );
      holds?.attemptMayBeBilled(); // it answered: billed, whatever happens next
      const answer = checkProviderResult(provider.name, result);
      // Bounded before it is stored, validated or returned, whatever the provider.
      checkAnswerSize(provider.name, answer.text, this.call.maxOutputTokens);
      return answer;
    } catch (error) {
      if (error instanceof ProviderUnavailableError) {
        this.lastFailure = error;
        if (error.possiblyBilled || error.usage) holds?.attemptMayBeBilled();
      } else if (!isPmError(error)) {
        // Not a failure the provider reported (a host provider's bug, a `fetch failed` it did
        // not map): nothing says the request never left, so it is booked (fail closed).
        holds?.attemptMayBeBilled();
        this.providerThrew = true;
      }
      throw error;
    }
  }
}

/**
 * Holds one more request before a retry, or a whole worst case after an attempt that may
 * have been billed; refused, the call stops with the last failure. The wait is bounded by
 * `signal`: the run's deadline ends the call with its own error.
 */
async function holdRetry(
  holds: CallHolds,
  last: ProviderUnavailableError,
  signal: AbortSignal,
): Promise<void> {
  const billed = holds.lastAttemptMayBeBilled;
  try {
    await holds.holdRetry(signal);
  } catch (refused) {
    if (signal.aborted) throw abortError(signal);
    const why = isPmError(refused) ? refused.code : 'an error';
    const [what, raise] = billed
      ? ["another attempt's worst case", 'the budget']
      : ['another request', 'the requests cap'];
    throw new ProviderUnavailableError(
      `${last.message}${/[.!?]$/.test(last.message) ? '' : '.'} Not retried: the budget refused ${what} (${why}); raise ${raise} or retry later.`,
      {
        retryable: false,
        ...(last.status === undefined ? {} : { status: last.status }),
        ...(last.possiblyBilled ? { possiblyBilled: true } : {}),
      },
    );
  }
}
