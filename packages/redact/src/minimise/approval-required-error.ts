import { PmError } from '@pm/envelope-schemas/core';

/** Why an approval did not count. */
export type ApprovalProblem = 'missing' | 'denied' | 'scope' | 'expired-or-mismatched';

/**
 * Thrown when disclosure level 5 (sample rows) is asked for without an `ApprovalDecisionV1`
 * that approves the `samples` scope. Code `APPROVAL_REQUIRED`.
 */
export class ApprovalRequiredError extends PmError {
  /** What was wrong with the approval given (if any). */
  readonly problem: ApprovalProblem;

  constructor(problem: ApprovalProblem) {
    const why: Record<ApprovalProblem, string> = {
      missing: 'no approval was given',
      denied: 'the approval decision is "deny"',
      scope: 'the approval does not list the "samples" scope',
      'expired-or-mismatched':
        'the approval has expired, is dated later than now, or names another run or stage',
    };
    super(
      'APPROVAL_REQUIRED',
      `Sample rows (disclosure level 5) need an approval: ${why[problem]}. Ask the data owner for an ApprovalDecisionV1 with decision "approve" and scope ["samples"], or use disclosure level 4 or lower.`,
      { details: { problem, scope: 'samples' } },
    );
    this.problem = problem;
  }
}
