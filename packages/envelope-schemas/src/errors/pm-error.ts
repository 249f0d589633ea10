import type { PmErrorCode } from './error-codes.js';

/**
 * Marks @pm errors across duplicate installs of the package: `instanceof` fails when a
 * host ends up with two copies, a registered symbol does not.
 */
const PM_ERROR_MARKER = Symbol.for('@pm/error');

/** Options every @pm error accepts besides its message. */
export interface PmErrorOptions {
  /** The underlying error. Must already be free of secrets: it is kept as `cause`. */
  cause?: unknown;
  /** Structured, secret-free facts about the failure (limit names, JSON paths, counts). */
  details?: Readonly<Record<string, unknown>>;
}

/**
 * The base of every error a @pm package throws. `code` is stable and machine-readable;
 * the message says what was wrong and what to do next.
 */
export class PmError extends Error {
  readonly code: PmErrorCode;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: PmErrorCode, message: string, options: PmErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details;
    this.name = new.target.name;
    Object.defineProperty(this, PM_ERROR_MARKER, { value: true });
  }
}

/** True for any @pm error, including one thrown by another installed copy of a @pm package. */
export function isPmError(value: unknown): value is PmError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[PM_ERROR_MARKER] === true
  );
}
