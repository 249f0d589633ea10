import type { ApprovalDecisionV1 } from '@pm/envelope-schemas';
import type { Redactor } from '@pm/redact';

/** The longest `reason` an `ApprovalDecisionV1` may hold. */
const MAX_REASON_CHARS = 2000;

/**
 * The decision as the ledger keeps it (decision 0009): `approver` as given, since an audit
 * trail must say who approved; the free-text `reason` redacted by the run's profile, like the
 * prompt, since an approver may write personal data there. Placeholders can be longer than
 * what they replace, so the reason is cut back to the schema's limit.
 */
export function recordedDecision(
  decision: ApprovalDecisionV1,
  redactor: Redactor,
): ApprovalDecisionV1 {
  const reason = redactor.redactText(decision.reason).text.slice(0, MAX_REASON_CHARS);
  return { ...decision, reason };
}
