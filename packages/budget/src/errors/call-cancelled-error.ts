import { PmError } from '@pm/envelope-schemas';
import { hasCode } from './has-code.js';

/**
 * A call was dropped before it was made because the host cancelled it: here, by stopping the
 * rate limiter it was waiting in. `CALL_CANCELLED` (as for a call cancelled through its
 * signal) so a host does not retry it or report the provider as down: the host itself asked
 * for the work to stop.
 */
export class CallCancelledError extends PmError {
  /** True for any @pm error with code `CALL_CANCELLED`, whichever bundle or install threw it. */
  static override [Symbol.hasInstance] = hasCode('CALL_CANCELLED');

  constructor() {
    super(
      'CALL_CANCELLED',
      'The rate limiter was stopped (limiter.stop()) before this call started, so the call was dropped: it was never made. ' +
        'To make it, schedule it on a new limiter (createRateLimiter), and stop a limiter only once its calls are done.',
      { details: { reason: 'limiter_stopped' } },
    );
  }
}
