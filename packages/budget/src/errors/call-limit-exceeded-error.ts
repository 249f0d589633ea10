import { PmError } from '@pm/envelope-schemas';
import { hasCode } from './has-code.js';

/** A single call asks for more tokens than a per-call ceiling allows; refused, not trimmed. */
export class CallLimitExceededError extends PmError {
  /** True for any @pm error with code `CALL_LIMIT_EXCEEDED`, whichever bundle or install threw it. */
  static override [Symbol.hasInstance] = hasCode('CALL_LIMIT_EXCEEDED');

  constructor(what: string, requested: number, limit: number, fix: string) {
    super(
      'CALL_LIMIT_EXCEEDED',
      `This call asks for ${requested} ${what} but the per-call ceiling is ${limit}, so it is refused. ${fix}`,
      { details: { what, requested, limit } },
    );
  }
}
