import { isPmError, type PmErrorCode } from '@pm/envelope-schemas';

/**
 * An `instanceof` check by error code. The `@pm/budget` and `@pm/budget/redis` entries share
 * one copy of each class per module format, but a host can load both formats (ESM and
 * `require`) or end up with two installs, so one error class can exist twice; matching the
 * code keeps `e instanceof BudgetStoreUnavailableError` true for both.
 */
export function hasCode(code: PmErrorCode): (value: unknown) => boolean {
  return (value) => isPmError(value) && value.code === code;
}
