/**
 * OpenAI answers an exhausted quota or credit with a 429, like a rate limit, but waiting does
 * not help: retried, every call would sit through its retries (and their `Retry-After`) only
 * to fail the same way. Recognised by the error's `code` or `type`.
 */
export function isQuotaExhausted(error: { code?: unknown; type?: unknown }): boolean {
  return error.code === 'insufficient_quota' || error.type === 'insufficient_quota';
}

/** What to do about an HTTP error from OpenAI, as a sentence for the error's message. */
export function statusAdvice(status: number, quotaExhausted: boolean): string {
  if (quotaExhausted)
    return 'The account is out of quota or credit: check its plan and billing; not retried.';
  if (status === 401)
    return 'Check the API key: it is wrong, revoked, or belongs to another organization.';
  if (status === 403)
    return 'The key may not use this model, project or region; check its permissions.';
  if (status === 404) return 'Check the model name and the provider baseURL.';
  if (status === 429)
    return 'Rate limited: retried after the wait OpenAI asked for; lower rateLimit or raise the account limits.';
  if (status >= 500) return 'OpenAI or the gateway failed on its side; retried.';
  return 'The request was refused; check the model and call options.';
}
