import { isPmError, isSecretValue, PmError, SecretValue } from '@pm/envelope-schemas';
import { headerSafeKey } from '../credentials/header-safe-key.js';
import { resolveApiKey } from '../credentials/resolve-api-key.js';
import { kindOf } from '../kind-of.js';
import { thrownKind } from '../thrown-kind.js';

/** What `openaiProvider({ apiKey })` accepts. */
export type ApiKeyOption =
  | SecretValue
  | string
  | (() => Promise<SecretValue | string> | SecretValue | string);

/**
 * A key ready for one request: the value sent, and the value as given, both to be scrubbed
 * from errors (see `keyForms`). Kept wrapped until the moment of use.
 */
export interface RequestKey {
  /** Trimmed and header-safe: exactly what the server receives. */
  readonly sent: SecretValue;
  /** As the host gave it (maybe with surrounding whitespace). */
  readonly given: SecretValue;
}

const OPTION = 'openaiProvider({ apiKey })';

/**
 * Normalises a key the way `resolveApiKey` does (trimmed, header-safe) whatever its form,
 * and remembers the form it was given in: `Headers` would trim a key with a trailing
 * newline on the wire, and a server echoing it back must still be scrubbed (the untrimmed
 * string is not found in an echo of the trimmed one).
 */
function requestKey(raw: string, what: string, details: Record<string, unknown>): RequestKey {
  const sent = headerSafeKey(raw, what, details);
  if (sent === undefined) {
    throw new PmError(
      'MISSING_CREDENTIAL',
      `${what} is empty; pass the key (a SecretValue from resolveApiKey(), a string or a function), or leave apiKey out to read OPENAI_API_KEY.`,
      { details },
    );
  }
  const source = String(details.source);
  return { sent: new SecretValue(sent, source), given: new SecretValue(raw, source) };
}

/**
 * Calls the host's key function as `resolveApiKey` asks a secret provider: a failure is
 * `MISSING_CREDENTIAL` naming only the error's type (its message may quote a token), and a
 * `PmError` (e.g. `resolveApiKey`'s own) passes through.
 */
async function fromKeyFunction(
  fn: () => Promise<SecretValue | string> | SecretValue | string,
): Promise<RequestKey> {
  let value: unknown;
  try {
    value = await fn();
  } catch (error) {
    if (isPmError(error)) throw error;
    const kind = thrownKind(error);
    throw new PmError(
      'MISSING_CREDENTIAL',
      `The apiKey function of openaiProvider failed to return a key (${kind}); check the secret manager and its access.`,
      { details: { source: 'secret-provider' } },
    );
  }
  const raw = isSecretValue(value) ? value.reveal() : value;
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw new PmError(
      'MISSING_CREDENTIAL',
      'The apiKey function of openaiProvider returned no key; return a SecretValue (resolveApiKey) or a string.',
      { details: { source: 'secret-provider' } },
    );
  }
  return requestKey(raw, 'The key returned by the apiKey function of openaiProvider', {
    source: isSecretValue(value) ? value.source : 'secret-provider',
  });
}

/**
 * Where each request's key comes from. A string or `SecretValue` is checked once, here (so
 * a bad key fails when the provider is created); a function is called and checked on every
 * request; with none, `resolveApiKey()` reads `OPENAI_API_KEY` on every request.
 */
export function apiKeySource(apiKey: ApiKeyOption | undefined): () => Promise<RequestKey> {
  if (apiKey === undefined) {
    return async () => {
      const secret = await resolveApiKey(); // already trimmed and checked
      return { sent: secret, given: secret };
    };
  }
  if (typeof apiKey === 'function') return () => fromKeyFunction(apiKey);
  if (isSecretValue(apiKey)) {
    const key = requestKey(apiKey.reveal(), `${OPTION} (a SecretValue from ${apiKey.source})`, {
      field: 'apiKey',
      source: apiKey.source,
    });
    return async () => key;
  }
  if (typeof apiKey !== 'string') {
    throw new PmError(
      'INVALID_ARGUMENT',
      `${OPTION} must be a SecretValue (resolveApiKey()), a string or a function returning one; got ${kindOf(apiKey)}.`,
      { details: { field: 'apiKey' } },
    );
  }
  const key = requestKey(apiKey, OPTION, { field: 'apiKey', source: 'host-supplied value' });
  return async () => key;
}

/** How `describe()` names the key's source: never the key. */
export function credentialSource(apiKey: ApiKeyOption | undefined): string {
  if (apiKey === undefined) return 'env:OPENAI_API_KEY (read per request)';
  if (typeof apiKey === 'function') return 'secret-provider (fetched per request)';
  return isSecretValue(apiKey) ? apiKey.source : 'host-supplied value';
}
