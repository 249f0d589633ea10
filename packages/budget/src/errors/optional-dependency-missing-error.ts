import { PmError } from '@pm/envelope-schemas';
import { hasCode } from './has-code.js';

/** An optional peer dependency (ioredis) is needed but not installed or not passed in. */
export class OptionalDependencyMissingError extends PmError {
  /** True for any @pm error with code `OPTIONAL_DEPENDENCY_MISSING`, whichever bundle or install threw it. */
  static override [Symbol.hasInstance] = hasCode('OPTIONAL_DEPENDENCY_MISSING');

  constructor(dependency: string, fix: string) {
    super('OPTIONAL_DEPENDENCY_MISSING', `${dependency} is needed here but was not found. ${fix}`, {
      details: { dependency },
    });
  }
}
