import { z } from 'zod';
import { RunId, StageName, Timestamp } from '../common/identifiers.js';
import { createParser } from '../parse/create-parser.js';

/**
 * What an approval covers:
 * - `call`: one gated model call (policy `requires_approval`);
 * - `samples`: sending disclosure level 5, redacted sample rows;
 * - `action`: a call whose output drives an action (e.g. a recommended command).
 */
export const ApprovalScope = z.enum(['call', 'samples', 'action']);
export type ApprovalScope = z.infer<typeof ApprovalScope>;

/**
 * A human (or host) decision on a gated request. Recorded in the ledger with the approver as
 * given and the free-text `reason` redacted by the run's profile (decision 0009).
 */
export const ApprovalDecisionV1 = z
  .strictObject({
    /** Always `"1"` for this version. */
    schema_version: z.literal('1'),
    /** Who decided: a user id, an email or a service name. */
    approver: z.string().min(1).max(256),
    /** `approve` or `deny`. */
    decision: z.enum(['approve', 'deny']),
    /** What the decision covers; a `samples` approval does not approve a `call`. */
    scope: z
      .array(ApprovalScope)
      .min(1, { error: 'must name at least one scope: call, samples or action' }),
    /** Why, in the approver's words. */
    reason: z.string().max(2000),
    /** When the decision was taken. */
    decided_at: Timestamp,
    /** Optional: the run the decision is limited to. */
    run_id: RunId.optional(),
    /** Optional: the stage the decision is limited to. */
    stage: StageName.optional(),
    /** Optional: when the decision stops counting. */
    expires_at: Timestamp.optional(),
  })
  .describe('Approval decision, version 1.');
export type ApprovalDecisionV1 = z.infer<typeof ApprovalDecisionV1>;

const approvalDecisionParser = createParser('ApprovalDecisionV1', ApprovalDecisionV1);
/** Validates an approval decision; throws `SchemaValidationError` listing every problem. */
export const parseApprovalDecision = approvalDecisionParser.parse;
/** Validates an approval decision; returns a result instead of throwing. */
export const safeParseApprovalDecision = approvalDecisionParser.safeParse;

/**
 * How far an approver's clock may run ahead of the host's: a decision stamped up to this
 * long after `at` still counts (the leeway JWT checks give `nbf`); one stamped later has
 * not been taken yet as far as this host can tell.
 */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * True when `decision` approves `scope` for the given run/stage at `at`: the decision is
 * `approve`, lists the scope, any run/stage it names match, and `at` lies between
 * `decided_at` (less 5 minutes of clock skew) and `expires_at`. A decision that expires
 * before or when it is taken approves nothing (fail closed).
 */
export function approves(
  decision: ApprovalDecisionV1,
  scope: ApprovalScope,
  context: { runId?: string; stage?: string; at?: Date } = {},
): boolean {
  if (decision.decision !== 'approve' || !decision.scope.includes(scope)) return false;
  if (decision.run_id !== undefined && decision.run_id !== context.runId) return false;
  if (decision.stage !== undefined && decision.stage !== context.stage) return false;
  const at = (context.at ?? new Date()).getTime();
  const decidedAt = Date.parse(decision.decided_at);
  if (!(at >= decidedAt - CLOCK_SKEW_MS)) return false;
  if (decision.expires_at === undefined) return true;
  const expiresAt = Date.parse(decision.expires_at);
  return expiresAt > decidedAt && expiresAt > at;
}
