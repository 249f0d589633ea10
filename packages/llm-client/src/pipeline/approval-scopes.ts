import type { ApprovalScope, AutomationPolicyV1 } from '@pm/envelope-schemas';

/** The facts that decide whether a call is gated. */
export interface GateFacts {
  stage: string;
  /** Whether the provider sends anything out of the process. */
  remote: boolean;
  disclosureLevel: number | undefined;
  /** Whether the output drives an action (e.g. a recommended command). */
  drivesAction: boolean;
  /** Host stages that always need approval in hybrid mode. */
  approvalStages: readonly string[];
}

/**
 * Which approvals a call needs (docs/policy.md). Only calls that leave the process are
 * gated. Disclosure level 5 (samples) always needs a `samples` approval, whatever the
 * policy. With `requires_approval`: in `local` and `cloud` mode every remote call needs
 * `call`; in `hybrid` mode, calls whose output drives an action need `action`, and the
 * host's `approvalStages` need `call`.
 */
export function approvalScopes(policy: AutomationPolicyV1, facts: GateFacts): ApprovalScope[] {
  if (!facts.remote) return [];
  const scopes: ApprovalScope[] = [];
  if (facts.disclosureLevel === 5) scopes.push('samples');
  if (!policy.requires_approval) return scopes;
  if (policy.execution_mode !== 'hybrid') {
    scopes.push('call');
    if (facts.drivesAction) scopes.push('action');
    return scopes;
  }
  if (facts.drivesAction) scopes.push('action');
  if (facts.approvalStages.includes(facts.stage)) scopes.push('call');
  return scopes;
}
