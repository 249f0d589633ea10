import { type BudgetExceededDetails, BudgetExceededError } from '@pm/budget';
import { isPmError, ProviderUnavailableError } from '@pm/llm-client';

/** An error as the service answers it: a status, headers and `{ error: { code, message } }`. */
export interface HttpError {
  status: number;
  headers: Record<string, string>;
  body: { error: { code: string; message: string; runId?: string } };
}

// Refusals by policy, approval or egress: the request is not allowed as configured.
const FORBIDDEN = new Set([
  'POLICY_DENIED',
  'RUN_WINDOW_CLOSED',
  'APPROVAL_REQUIRED',
  'APPROVAL_DENIED',
  'EGRESS_DENIED',
  'UNKNOWN_MODEL_PRICE',
]);

/** The service's own errors (bad request, unknown tenant), in the same body shape. */
export function httpError(status: number, code: string, message: string): HttpError {
  return { status, headers: {}, body: { error: { code, message } } };
}

/**
 * Maps an error to its HTTP answer. A `PmError`'s message is written to be shown and is
 * scrubbed of secrets; any other error may carry anything, so only a generic line goes out.
 */
export function httpErrorFor(error: unknown, runId?: string): HttpError {
  if (!isPmError(error)) {
    return httpError(500, 'INTERNAL_ERROR', 'Internal error; the service log has the details.');
  }
  const answer = (status: number, headers: Record<string, string> = {}): HttpError => ({
    status,
    headers,
    body: { error: { code: error.code, message: error.message, ...(runId ? { runId } : {}) } },
  });
  if (error instanceof BudgetExceededError) {
    // A spent day or month cap clears at the period's end: 429 with when to come back. A
    // request too big for the per-request cap never fits, however long the client waits.
    const retryAfter = secondsUntilReset(error.details);
    return retryAfter === undefined
      ? answer(402)
      : answer(429, { 'retry-after': String(retryAfter) });
  }
  if (error.code === 'CALL_LIMIT_EXCEEDED') return answer(402);
  if (FORBIDDEN.has(error.code)) return answer(403);
  if (error instanceof ProviderUnavailableError) {
    if (!error.retryable) return answer(502);
    return error.retryAfterMs === undefined
      ? answer(503)
      : answer(503, { 'retry-after': String(Math.ceil(error.retryAfterMs / 1000)) });
  }
  if (error.code === 'OUTPUT_VALIDATION') return answer(502);
  if (error.code === 'BUDGET_STORE_UNAVAILABLE' || error.code === 'MISSING_CREDENTIAL') {
    return answer(503);
  }
  if (error.code === 'RUNTIME_EXCEEDED') return answer(504);
  // The client hung up (its call was cancelled): nobody reads this answer; 499 as nginx logs it.
  if (error.code === 'CALL_CANCELLED') return answer(499);
  return answer(500);
}

/** Seconds until a day or month scope resets (the service's periods are UTC). */
function secondsUntilReset(details: BudgetExceededDetails, now = new Date()): number | undefined {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  let reset: number;
  if (details.scope === 'day') reset = Date.UTC(y, m, now.getUTCDate() + 1);
  else if (details.scope === 'month') reset = Date.UTC(y, m + 1, 1);
  else return undefined;
  return Math.ceil((reset - now.getTime()) / 1000);
}
