/**
 * OpenAI answers an exhausted quota or credit with a 429, like a rate limit, but waiting does
 * not help: retried, every call would sit through its retries (and their `Retry-After`) only
 * to fail the same way. Recognised by the error's `code` or `type`.
 */
export function isQuotaExhausted(error: { code?: unknown; type?: unknown }): boolean {
  return error.code === 'insufficient_quota' || error.type === 'insufficient_quota';
}

/** What the provider decided about an HTTP error: the advice must say what will happen. */
export interface StatusFacts {
  /** A 429 for an exhausted quota (`insufficient_quota`). */
  quotaExhausted: boolean;
  /** Whether the pipeline retries it (408, 409, 429 but quota, 5xx; else as `x-should-retry` says). */
  retryable: boolean;
  /** The wait the server asked for (`Retry-After`, `retry-after-ms`), when it asked for one. */
  waitMs: number | undefined;
  /**
   * The server's `x-should-retry` header turned the status's own verdict around: a retry it
   * asked for (`true`) of a status not retried otherwise, or one it forbade (`false`).
   */
  serverOverrode?: boolean;
}

function shownWait(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 100) / 10} s`;
}

/** How a retryable failure is retried: after the server's wait only when it asked for one. */
function retried(waitMs: number | undefined): string {
  return waitMs === undefined
    ? 'retried while retry.attempts allow, after a backoff with jitter (retry.baseMs, retry.maxMs): it asked for no wait (no Retry-After)'
    : `retried while retry.attempts allow, after the ${shownWait(waitMs)} wait it asked for (Retry-After), unless that is above retry.maxRetryAfterMs, which ends the retries (no earlier attempt would succeed)`;
}

/** What went wrong, for a status the pipeline retries. */
function transient(status: number): string {
  if (status === 408) return 'OpenAI or the gateway timed out waiting for the request';
  if (status === 409) return 'OpenAI reported a conflict with another request, usually brief';
  if (status === 429) return 'Rate limited';
  if (status >= 500) return 'OpenAI or the gateway failed on its side';
  return 'A failure that may pass';
}

/**
 * What to do about an HTTP error from OpenAI, as a sentence for the error's message. It says
 * whether the call is retried and after what wait, from the same facts that decide it: a 429
 * without `Retry-After` said "retried after the wait OpenAI asked for", and a 408 or 409
 * (retried) said "the request was refused; check the model and call options".
 */
export function statusAdvice(status: number, facts: StatusFacts): string {
  if (facts.serverOverrode) {
    return facts.retryable
      ? `The server asked for a retry (x-should-retry: true); ${retried(facts.waitMs)}.`
      : `${transient(status)}; not retried: the server said not to (x-should-retry: false).`;
  }
  if (facts.quotaExhausted)
    return 'The account is out of quota or credit: check its plan and billing; not retried.';
  if (facts.retryable) {
    const what = transient(status);
    const then =
      status === 429 ? '; if it recurs, lower rateLimit or raise the account limits' : '';
    return `${what}; ${retried(facts.waitMs)}${then}.`;
  }
  if (status === 401)
    return 'Check the API key: it is wrong, revoked, or belongs to another organization; not retried.';
  if (status === 403)
    return 'The key may not use this model, project or region; check its permissions; not retried.';
  if (status === 404) return 'Check the model name and the provider baseURL; not retried.';
  // A redirect reaches here only when there was nowhere to go (no Location): not the call's
  // options but where it was sent.
  if (status >= 300 && status < 400)
    return 'A redirect without a Location to follow: check the provider baseURL (its scheme, host and path); not retried.';
  if (status === 413)
    return 'The request is too large for OpenAI or the gateway; shorten the input; not retried.';
  return 'The request was refused; check the model and call options; not retried.';
}
