import { isPmError } from '@pm/envelope-schemas';
import { approvalScopes } from './approval-scopes.js';
import { approvalGateFacts } from './approve-call.js';
import type { CallEstimate, CallInput } from './call-input.js';
import { checkCallInput } from './check-call-input.js';
import { checkPolicyFor } from './check-policy-for.js';
import { checkStage } from './check-stage.js';
import { prepareCall } from './prepare-call.js';
import type { RunContext } from './run-context.js';

/** `run.estimate`: steps 1-6 only; nothing is sent or written. */
export async function estimateCall(ctx: RunContext, call: CallInput): Promise<CallEstimate> {
  checkCallInput(call); // first: it refuses options that are not an object, naming them
  checkStage(call.stage, "The call's stage option");
  let policy: CallEstimate['policy'] = { allowed: true };
  try {
    checkPolicyFor(ctx, call, ctx.provider);
  } catch (error) {
    if (!isPmError(error)) throw error;
    policy = { allowed: false, code: error.code, message: error.message };
  }
  // Only a stored call takes a request id: a dry run must not leave gaps in the ledger's ids.
  const prepared = await prepareCall(ctx, call, ctx.provider, null);
  return {
    model: call.model,
    stage: prepared.stage,
    inputTokens: prepared.inputTokens,
    approximate: prepared.approximate,
    maxOutputTokens: call.maxOutputTokens,
    worstCaseCostUsd: prepared.worstCaseCostUsd,
    policy,
    approvals: approvalScopes(ctx.policy, approvalGateFacts(ctx, call, prepared)),
    envelope: prepared.envelope,
    provider: ctx.provider.name,
    truncated: prepared.truncated,
  };
}
