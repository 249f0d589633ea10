import { PmError } from '@pm/envelope-schemas';
import { kindOf } from '../kind-of.js';
import { refuseUnknownOptions } from '../unknown-option.js';

const START_RUN_OPTIONS: readonly string[] = ['runId', 'stage'];

/**
 * Checks `startRun`'s options before the run's ledger opens: they must be an object (or left
 * out), and a misspelt one (`runID`) is refused, since it would otherwise silently start a
 * run under a fresh UUID. The values are checked where they are used (stage, ledger).
 */
export function checkStartRunOptions(options: unknown): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new PmError(
      'INVALID_ARGUMENT',
      `startRun(options) takes an object ({ runId?, stage? }) or nothing; got ${kindOf(options)}.`,
      { details: { field: 'options' } },
    );
  }
  refuseUnknownOptions(options, START_RUN_OPTIONS, 'startRun');
}
