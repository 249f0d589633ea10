import { isPmError, type PmErrorCode } from '@pm/llm-client';
import { UsageError } from './cli-args.js';

/** Exit codes scripts can rely on; README.md lists them and the tests pin them. */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  missingKey: 3,
  refused: 4,
  providerUnavailable: 5,
  invalidOutput: 6,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

// Refusals are decisions, not faults: the policy, the budget, an approver or the egress
// allowlist said no before anything was billed. Retrying unchanged gives the same answer.
const REFUSALS: ReadonlySet<PmErrorCode> = new Set<PmErrorCode>([
  'POLICY_DENIED',
  'RUN_WINDOW_CLOSED',
  'APPROVAL_REQUIRED',
  'APPROVAL_DENIED',
  'BUDGET_EXCEEDED',
  'CALL_LIMIT_EXCEEDED',
  'BUDGET_STORE_UNAVAILABLE',
  'UNKNOWN_MODEL_PRICE',
  'RUNTIME_EXCEEDED',
  'EGRESS_DENIED',
]);

/** The exit code for an error that ended the command. */
export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof UsageError) return ExitCode.usage;
  if (!isPmError(error)) return ExitCode.failure;
  if (error.code === 'MISSING_CREDENTIAL') return ExitCode.missingKey;
  if (error.code === 'PROVIDER_UNAVAILABLE') return ExitCode.providerUnavailable;
  if (error.code === 'OUTPUT_VALIDATION') return ExitCode.invalidOutput;
  return REFUSALS.has(error.code) ? ExitCode.refused : ExitCode.failure;
}
