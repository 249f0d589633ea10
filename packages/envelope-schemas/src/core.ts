// `@pm/envelope-schemas/core`: everything of the package but the schemas, so it loads no
// zod (the root import costs ~100 ms in a fresh thread, nearly all of it zod). Code that
// needs only the shared error base and the secret wrapper (the redaction detectors, a
// ledger's artifact helper thread) imports this. The root re-exports the same modules, so
// `instanceof PmError` holds whichever path an error came from.
export type { PmErrorCode } from './errors/error-codes.js';
export { isPmError, PmError, type PmErrorOptions } from './errors/pm-error.js';
export { type SchemaProblem, SchemaValidationError } from './errors/schema-validation-error.js';
export { isQuotableKey } from './parse/quotable-key.js';
export { isSecretValue, REDACTED_TEXT, SecretValue } from './secret/secret-value.js';
export { onAbort } from './signal/on-abort.js';
