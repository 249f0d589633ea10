import { PmError } from '@pm/envelope-schemas';
import { hasCode } from './has-code.js';

/** The run passed its maximum runtime. */
export class RuntimeExceededError extends PmError {
  /** True for any @pm error with code `RUNTIME_EXCEEDED`, whichever bundle or install threw it. */
  static override [Symbol.hasInstance] = hasCode('RUNTIME_EXCEEDED');

  constructor(maxRuntimeMinutes: number, deadline: Date) {
    super(
      'RUNTIME_EXCEEDED',
      `The run passed its maximum runtime of ${maxRuntimeMinutes} min (deadline ${deadline.toISOString()}). ` +
        'Start a new run, or raise max_runtime_minutes in the policy.',
      { details: { maxRuntimeMinutes, deadline: deadline.toISOString() } },
    );
  }
}
