import type { ApprovalDecisionV1, ApprovalScope } from '@pm/envelope-schemas';
import { shownName } from '../shown-name.js';

/**
 * Why `decision` does not approve `missing` (the scopes `approves` refused) for the call in
 * `context`, in the words of an `ApprovalDeniedError`. An approval that names every scope can
 * still not count: limited to another run or stage, expired, or dated ahead of this host's
 * clock (more than the skew `approves` allows). Saying "did not approve call" of an approval
 * of `call` sent the host looking at the wrong field.
 */
export function approvalShortfall(
  decision: ApprovalDecisionV1,
  missing: readonly ApprovalScope[],
  context: { runId: string; stage: string },
): string {
  const who = decision.approver;
  if (decision.decision === 'deny') return `${who} denied it.`;
  const unnamed = missing.filter((scope) => !decision.scope.includes(scope));
  if (unnamed.length > 0) return `${who} did not approve ${unnamed.join(', ')}.`;
  if (decision.run_id !== undefined && decision.run_id !== context.runId) {
    return `${who}'s approval is limited to run ${shownName(decision.run_id)}, not this one (${context.runId}); ask for an approval of this run.`;
  }
  if (decision.stage !== undefined && decision.stage !== context.stage) {
    return `${who}'s approval is limited to stage ${shownName(decision.stage)}, not ${context.stage}; ask for an approval of this stage.`;
  }
  if (decision.expires_at !== undefined) {
    const expiresAt = Date.parse(decision.expires_at);
    if (!(expiresAt > Date.now() && expiresAt > Date.parse(decision.decided_at))) {
      return `${who}'s approval expired at ${decision.expires_at}; ask for a new one.`;
    }
  }
  return `${who}'s approval is dated ${decision.decided_at}, later than this host's clock allows; check the approver's clock or its decided_at.`;
}
