import { isPmError, PmError } from '@pm/envelope-schemas';
import { shownName } from '../shown-name.js';
import { thrownKind } from '../thrown-kind.js';

/**
 * The hooks a call runs before it sends (`call` has its own handling: it may have sent).
 * `forRun` and `describe` run outside any call, and what they throw reaches the host as is.
 */
export type ProviderHook = 'checkRequest' | 'sentReasoningEffort';

/**
 * What a hook of a provider threw, as the host gets it: a `PmError` as it is (the provider's
 * own refusal, e.g. a schema its API cannot take), anything else as `INTERNAL_ERROR` naming
 * the provider, the hook and the class of what it threw, never its message (it may quote a
 * token). Host code broke its contract: "please report this as a bug" against the SDK, or a
 * bare error without a code, sent the host looking in the wrong place.
 */
export function providerHookError(
  providerName: unknown,
  hook: ProviderHook,
  error: unknown,
  consequence: string,
): unknown {
  if (isPmError(error)) return error;
  return new PmError(
    'INTERNAL_ERROR',
    `Provider "${shownName(providerName)}" threw ${thrownKind(error)} in ${hook}; ${consequence} Fix the provider: a hook reports a refusal as a PmError.`,
    { details: { provider: shownName(providerName), field: hook } },
  );
}

/** `hook()`, with what it throws made a {@link providerHookError}. */
export function runProviderHook<T>(
  providerName: unknown,
  hook: ProviderHook,
  consequence: string,
  run: () => T,
): T {
  try {
    return run();
  } catch (error) {
    throw providerHookError(providerName, hook, error, consequence);
  }
}
