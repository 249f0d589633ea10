import { PmError } from '@pm/envelope-schemas';
import { kindOf } from '../kind-of.js';

/** The most redirects `maxRedirects` may allow; browsers and undici stop at 20. */
export const MAX_REDIRECTS = 20;

function invalid(field: string, expected: string, value: unknown): PmError {
  const got = typeof value === 'number' ? String(value) : kindOf(value);
  return new PmError(
    'INVALID_ARGUMENT',
    `createEgressFetch({ ${field} }) must be ${expected}; got ${got}.`,
    { details: { field } },
  );
}

/**
 * Checks `createEgressFetch`'s options when the guard is made, with `INVALID_ARGUMENT` naming
 * the option: a missing `allow` was a `TypeError` from inside the guard, and a `maxRedirects`
 * of `NaN` never reached its limit, so a redirect loop within the list ran until the
 * attempt's timeout, one request per hop.
 */
export function checkEgressOptions(options: unknown): void {
  if (typeof options !== 'object' || options === null) {
    throw invalid('options', 'an object with allow (an array of origins)', options);
  }
  const { allow, maxRedirects, fetch, onDenied, proxy } = options as Record<string, unknown>;
  if (!Array.isArray(allow)) {
    throw invalid('allow', 'an array of origins, e.g. ["https://api.openai.com"]', allow);
  }
  const redirects = maxRedirects as number;
  if (
    maxRedirects !== undefined &&
    !(Number.isInteger(redirects) && redirects >= 0 && redirects <= MAX_REDIRECTS)
  ) {
    throw invalid('maxRedirects', `a whole number from 0 to ${MAX_REDIRECTS}`, maxRedirects);
  }
  if (fetch !== undefined && typeof fetch !== 'function') {
    throw invalid('fetch', 'a fetch function', fetch);
  }
  if (onDenied !== undefined && typeof onDenied !== 'function') {
    throw invalid('onDenied', 'a function', onDenied);
  }
  if (proxy !== undefined && !isProxySettings(proxy)) {
    // A malformed one would read as "no proxy in effect" and let a proxied request through.
    throw invalid('proxy', '{ env: an object of strings, execArgv: an array of strings }', proxy);
  }
}

function isProxySettings(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { env, execArgv } = value as Record<string, unknown>;
  return (
    typeof env === 'object' &&
    env !== null &&
    Object.values(env).every((v) => v === undefined || typeof v === 'string') &&
    Array.isArray(execArgv) &&
    execArgv.every((arg) => typeof arg === 'string')
  );
}
