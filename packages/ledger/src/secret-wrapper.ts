/**
 * What a secret wrapper object becomes in the ledger: the value never lands.
 */
export const REDACTED = '[REDACTED]';

/**
 * Registered symbol a secret wrapper may carry (`wrapper[Symbol.for('@pm/secret')] === true`)
 * to be written as `[REDACTED]` whatever its `toJSON` says. Registered, not module-local,
 * so it works across duplicate installs of the package that defines the wrapper.
 */
export const SECRET_MARKER: unique symbol = Symbol.for('@pm/secret') as never;

/**
 * True for an object marked with {@link SECRET_MARKER}. A wrapper without the marker is
 * still safe when it follows the @pm convention (`toJSON()` returns `[REDACTED]`): the
 * ledger honours `toJSON` like `JSON.stringify` does.
 */
export function isSecretWrapper(value: object): boolean {
  return (value as Record<symbol, unknown>)[SECRET_MARKER] === true;
}
