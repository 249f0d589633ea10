import { PmError } from '@pm/envelope-schemas';
import { hasCode } from './has-code.js';

/** An option passed to a @pm/budget function is missing or malformed. */
export class InvalidArgumentError extends PmError {
  /** True for any @pm error with code `INVALID_ARGUMENT`, whichever bundle or install threw it. */
  static override [Symbol.hasInstance] = hasCode('INVALID_ARGUMENT');

  constructor(message: string, details?: Readonly<Record<string, unknown>>) {
    super('INVALID_ARGUMENT', message, details === undefined ? {} : { details });
  }
}
