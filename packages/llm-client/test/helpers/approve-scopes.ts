import type { ApprovalDecisionV1, ApprovalScope } from '@pm/envelope-schemas';

/** alice's approval, now, of every scope a request asks for; `extra` changes members. */
export function approveScopes(
  scopes: readonly ApprovalScope[],
  extra: Partial<ApprovalDecisionV1> = {},
): ApprovalDecisionV1 {
  return {
    schema_version: '1',
    approver: 'alice',
    decision: 'approve',
    scope: [...scopes],
    reason: 'fine',
    decided_at: new Date().toISOString(),
    ...extra,
  };
}
