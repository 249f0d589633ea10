import { PmError } from '@pm/envelope-schemas';

/** Why the policy refused a call. */
export type PolicyDenialReason =
  | 'model_not_allowed'
  | 'gateway_required'
  | 'remote_disabled'
  | 'answered_model_not_allowed';

/**
 * The automation policy (or a kill switch) refuses the call. Nothing was sent, except for
 * `answered_model_not_allowed` (`AnsweredModelNotAllowedError`): an answer from a model the
 * policy does not allow, refused once it arrived.
 */
export class PolicyDeniedError extends PmError {
  readonly reason: PolicyDenialReason;

  constructor(reason: PolicyDenialReason, message: string, details: Record<string, unknown>) {
    super('POLICY_DENIED', message, { details: { reason, ...details } });
    this.reason = reason;
  }
}

/** The call falls outside every run window of the policy. */
export class RunWindowClosedError extends PmError {
  /** When the next window opens, if one opens within a week. */
  readonly nextOpening: Date | undefined;

  constructor(windows: readonly string[], timeZone: string, nextOpening: Date | undefined) {
    const next = nextOpening
      ? `The next window opens at ${nextOpening.toISOString()}.`
      : 'No window opens within the next week.';
    super(
      'RUN_WINDOW_CLOSED',
      `Calls are allowed only within the policy's run windows (${windows.join(', ')}, time zone ${timeZone}). ${next} Retry then, or change run_windows in the policy.`,
      { details: { windows, timeZone, nextOpening: nextOpening?.toISOString() } },
    );
    this.nextOpening = nextOpening;
  }
}
