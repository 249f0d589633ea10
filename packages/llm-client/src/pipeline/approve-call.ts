import {
  type ApprovalDecisionV1,
  approves,
  parseApprovalDecision,
  SchemaValidationError,
} from '@pm/envelope-schemas';
import { ApprovalDeniedError } from '../errors/approval-denied-error.js';
import { approvalScopes } from './approval-scopes.js';
import { approvalShortfall } from './approval-shortfall.js';
import type { CallInput } from './call-input.js';
import { frozenCopy } from './frozen-copy.js';
import type { PreparedCall } from './prepare-call.js';
import { abortError, raceSignal } from './race-signal.js';
import { recordedDecision } from './recorded-decision.js';
import type { RunContext } from './run-context.js';

/** What the policy's approval gates look at for a prepared call. */
export function approvalGateFacts(ctx: RunContext, call: CallInput, prepared: PreparedCall) {
  return {
    stage: prepared.stage,
    remote: prepared.provider.remote,
    disclosureLevel: prepared.disclosureLevel,
    drivesAction: call.drivesAction === true,
    approvalStages: ctx.options.approvalStages ?? [],
  };
}

/**
 * Step 7: asks the host's approver; no approver, an invalid decision or a deny refuse the
 * call. The approver is host code that may never answer (a person who is away): the wait is
 * bounded by `signal` (the run's deadline), and then the call fails with the deadline's error.
 */
export async function approveCall(
  ctx: RunContext,
  call: CallInput,
  prepared: PreparedCall,
  signal: AbortSignal,
): Promise<void> {
  const scopes = approvalScopes(ctx.policy, approvalGateFacts(ctx, call, prepared));
  if (scopes.length === 0) return;
  const approver = ctx.options.approve;
  if (!approver) {
    throw new ApprovalDeniedError(
      scopes,
      'no approver is configured (createLLMClient({ approve })), so gated calls are denied.',
    );
  }
  let answer: unknown;
  try {
    // The approver gets a frozen copy: the scopes checked below, the envelope recorded and the
    // messages sent stay the pipeline's own, whatever the host code does with what it was shown.
    const request = frozenCopy({
      runId: ctx.runId,
      stage: prepared.stage,
      requestId: prepared.requestId,
      model: call.model,
      provider: prepared.provider.name,
      scopes,
      envelope: prepared.envelope,
      estimate: {
        inputTokens: prepared.inputTokens,
        maxOutputTokens: call.maxOutputTokens,
        worstCaseCostUsd: prepared.worstCaseCostUsd ?? Number.NaN,
      },
      messages: prepared.request.messages,
    });
    // Called inside `then` so an approver that throws synchronously is a failure like any other.
    const asked = Promise.resolve().then(() => approver(request, { signal }));
    answer = await raceSignal(asked, signal);
  } catch {
    if (signal.aborted) throw abortError(signal);
    throw new ApprovalDeniedError(scopes, 'the approver failed.');
  }
  let decision: ApprovalDecisionV1;
  try {
    decision = parseApprovalDecision(answer);
  } catch (error) {
    throw new ApprovalDeniedError(
      scopes,
      error instanceof SchemaValidationError
        ? invalidDecision(error, scopes)
        : 'the approver failed.',
    );
  }
  ctx.ledger.append({
    type: 'approval',
    stage: prepared.stage,
    data: { request_id: prepared.requestId, decision: recordedDecision(decision, ctx.redactor) },
  });
  ctx.emit({
    type: 'approval',
    stage: prepared.stage,
    requestId: prepared.requestId,
    decision: decision.decision,
    approver: decision.approver,
  });
  const context = { runId: ctx.runId, stage: prepared.stage };
  const missing = scopes.filter((scope) => !approves(decision, scope, context));
  if (missing.length > 0) {
    throw new ApprovalDeniedError(scopes, approvalShortfall(decision, missing, context));
  }
}

/**
 * Why an approver's answer is not a decision, and what one for `scopes` looks like: the
 * schema's paths and messages, never the values the approver returned.
 */
function invalidDecision(error: SchemaValidationError, scopes: readonly string[]): string {
  const problems = error.problems
    .slice(0, 5)
    .map((p) => `${p.path} ${p.message}`)
    .join('; ');
  return `the approver returned an invalid decision (${problems}). Return an ApprovalDecisionV1: { schema_version: '1', approver, decision: 'approve' or 'deny', scope: [${scopes.map((s) => `'${s}'`).join(', ')}], reason, decided_at (an ISO time) }.`;
}
