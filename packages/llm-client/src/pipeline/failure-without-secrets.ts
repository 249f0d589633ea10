import { PmError } from '@pm/envelope-schemas';
import { ProviderUnavailableError } from '../provider/provider-unavailable-error.js';
import { scrubSecrets } from '../secrets/scrub-text.js';

/**
 * `failure` as the host, its `onEvent` hook and the ledger get it: itself when its message
 * holds nothing secret-shaped, else a copy (same class, code and facts) whose message has each
 * secret replaced by `[SECRET:<kind>]`. A provider of a host's own may quote its upstream's
 * answer, which can echo the key it was sent; the ledger scrubs its records, but the error and
 * the `call.failed` event did not. A copy, not the message changed in place: the error's
 * `stack` was built from the message and would keep the secret. Details that quote a secret
 * are left out of the copy, and so is any `cause`.
 */
export function failureWithoutSecrets(failure: PmError): PmError {
  const message = scrubSecrets(failure.message);
  if (message === failure.message) return failure;
  if (failure instanceof ProviderUnavailableError) {
    return new ProviderUnavailableError(message, {
      retryable: failure.retryable,
      ...(failure.status === undefined ? {} : { status: failure.status }),
      ...(failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs }),
      ...(failure.attempts === undefined ? {} : { attempts: failure.attempts }),
      ...(failure.usage === undefined ? {} : { usage: failure.usage }),
      ...(failure.possiblyBilled ? { possiblyBilled: true } : {}),
    });
  }
  const details = failure.details;
  const detailsClean =
    details !== undefined && scrubSecrets(JSON.stringify(details)) === JSON.stringify(details);
  return new PmError(failure.code, message, detailsClean ? { details } : {});
}
