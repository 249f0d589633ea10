import { type ApprovalDecisionV1, approves, parseApprovalDecision } from '@pm/envelope-schemas';
import { ApprovalRequiredError } from './approval-required-error.js';

/** Where an approval is checked: its run, stage and time (approvals may be limited to them). */
export interface ApprovalContext {
  /** The run asking; an approval naming another run does not count. */
  runId?: string;
  /** The stage asking; an approval naming another stage does not count. */
  stage?: string;
  /** When; default now. */
  at?: Date;
}

/**
 * Throws `ApprovalRequiredError` unless `approval` is a valid `ApprovalDecisionV1` that
 * approves the `samples` scope in `context`. An invalid decision object throws its
 * `SchemaValidationError`: a malformed approval is never taken as one.
 */
export function requireSamplesApproval(
  approval: unknown,
  context: ApprovalContext = {},
): ApprovalDecisionV1 {
  if (approval === undefined || approval === null) throw new ApprovalRequiredError('missing');
  const decision = parseApprovalDecision(approval);
  if (decision.decision !== 'approve') throw new ApprovalRequiredError('denied');
  if (!decision.scope.includes('samples')) throw new ApprovalRequiredError('scope');
  if (!approves(decision, 'samples', context))
    throw new ApprovalRequiredError('expired-or-mismatched');
  return decision;
}
