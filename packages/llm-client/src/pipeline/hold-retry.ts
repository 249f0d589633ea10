import { isPmError } from '@pm/envelope-schemas';
import { ProviderUnavailableError } from '../provider/provider-unavailable-error.js';
import type { CallHolds } from './call-holds.js';
import { abortError } from './race-signal.js';

/**
 * Holds one more request before a retry, or a whole worst case after an attempt that may
 * have been billed; refused, the call stops with the last failure. The wait is bounded by
 * `signal`: the run's deadline ends the call with its own error.
 */
export async function holdRetry(
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
