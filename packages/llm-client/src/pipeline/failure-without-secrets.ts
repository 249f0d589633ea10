import { PmError } from '@pm/envelope-schemas';
import { copyOfClass } from '../errors/copy-of-class.js';
import { ProviderUnavailableError } from '../provider/provider-unavailable-error.js';
import { scrubSecrets } from '../secrets/scrub-text.js';

/** `value` when nothing in it looks secret, a string scrubbed, else `undefined` (left out). */
function withoutSecrets(value: unknown): unknown {
  if (typeof value === 'string') return scrubSecrets(value);
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    return undefined; // cannot be checked (a cycle, a bigint): left out
  }
  return json === undefined || scrubSecrets(json) === json ? value : undefined;
}

/** How many links of a `cause` chain are looked at (a longer chain is copied without it). */
const MAX_CAUSES = 8;

/**
 * Whether anything `failure` carries looks secret: its message, or an own field (`details`,
 * a subclass's facts) or `cause` the host would see in a log of it. A field that is a
 * getter is host code, not run here: it counts as secret (the copy leaves it out).
 */
function carriesSecret(failure: Error, depth = 0): boolean {
  if (scrubSecrets(failure.message) !== failure.message) return true;
  for (const name of Object.getOwnPropertyNames(failure)) {
    if (name === 'message' || name === 'stack') continue;
    const descriptor = Object.getOwnPropertyDescriptor(failure, name);
    if (descriptor === undefined || !('value' in descriptor)) return true;
    const value: unknown = descriptor.value;
    if (value instanceof Error) {
      if (depth >= MAX_CAUSES || carriesSecret(value, depth + 1)) return true;
    } else if (withoutSecrets(value) !== value) {
      return true;
    }
  }
  return false;
}

/**
 * `failure` as the host, its `onEvent` hook and the ledger get it: itself when nothing it
 * carries (message, details, own fields, causes) is secret-shaped, else a copy (same class,
 * code and facts: a host's `ProviderUnavailableError` or `PmError` subclass stays one, so
 * `instanceof` holds) whose message has each secret replaced by `[SECRET:<kind>]`. A provider of a host's own may quote
 * its upstream's answer, which can echo the key it was sent; the ledger scrubs its records,
 * but the error and the `call.failed` event did not. A copy, not the message changed in place:
 * the error's `stack` was built from the message and would keep the secret. Details and a
 * subclass's own fields that quote a secret are left out of the copy (a text field is
 * scrubbed), and so is any `cause`.
 */
export function failureWithoutSecrets(failure: PmError): PmError {
  if (!carriesSecret(failure)) return failure;
  const message = scrubSecrets(failure.message);
  if (failure instanceof ProviderUnavailableError) {
    return copyOfClass(
      failure,
      ProviderUnavailableError,
      [
        message,
        {
          retryable: failure.retryable,
          ...(failure.status === undefined ? {} : { status: failure.status }),
          ...(failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs }),
          ...(failure.attempts === undefined ? {} : { attempts: failure.attempts }),
          ...(failure.usage === undefined ? {} : { usage: failure.usage }),
          ...(failure.possiblyBilled ? { possiblyBilled: true } : {}),
        },
      ],
      withoutSecrets,
    );
  }
  const details = failure.details;
  const detailsClean = details !== undefined && withoutSecrets(details) !== undefined;
  return copyOfClass(
    failure,
    PmError,
    [failure.code, message, detailsClean ? { details } : {}],
    withoutSecrets,
  );
}
