import { type ApprovalDecisionV1, approves, parseApprovalDecision } from '@pm/envelope-schemas';
import { ApprovalRequiredError } from './approval-required-error.js';
import { invalidArgument } from './invalid-argument.js';

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

/**
 * The time of a Date, from this realm or another (a `vm` context), or NaN for anything
 * else: `Date.prototype.getTime` throws unless given a real Date.
 */
function dateTime(value: unknown): number {
  try {
    return Date.prototype.getTime.call(value);
  } catch {
    return Number.NaN;
  }
}

/**
 * Throws `INVALID_ARGUMENT` unless the context `fn` was given is usable: `runId` and
 * `stage` strings, `at` a valid Date. `at: '2026-06-01'` once ended in a TypeError (or was
 * ignored when the approval did not expire), and `runId: 5` was refused as "names another
 * run" when the approval named run `'5'`.
 */
export function checkApprovalContext(context: ApprovalContext, fn: string): void {
  for (const key of ['runId', 'stage'] as const) {
    const value = context[key];
    if (value !== undefined && typeof value !== 'string') {
      throw invalidArgument(
        fn,
        key,
        'a string',
        value,
        `pass the ${key === 'runId' ? 'run id' : 'stage'} the approval names, or leave it out.`,
      );
    }
  }
  const { at } = context;
  if (at !== undefined && Number.isNaN(dateTime(at))) {
    throw invalidArgument(
      fn,
      'at',
      'a valid Date',
      at,
      'pass e.g. at: new Date(), or leave it out for now.',
    );
  }
}
