import { PmError } from '@pm/envelope-schemas';
import { hasCode } from './has-code.js';

/** A reservation was settled or released twice, or after the other. */
export class ReservationClosedError extends PmError {
  /** True for any @pm error with code `RESERVATION_CLOSED`, whichever bundle or install threw it. */
  static override [Symbol.hasInstance] = hasCode('RESERVATION_CLOSED');

  constructor(id: string, attempted: 'settle' | 'release', closedBy: 'settle' | 'release') {
    super(
      'RESERVATION_CLOSED',
      `Reservation ${id} was already closed by ${closedBy}(), so ${attempted}() is refused. ` +
        'Settle or release each reservation exactly once (use try/finally around the call).',
      { details: { id, attempted, closedBy } },
    );
  }
}
