import { PmError, StageName } from '@pm/envelope-schemas';

/** True for a valid stage name (the ledger's and the envelope's `StageName`). */
export function isStageName(value: unknown): value is string {
  return StageName.safeParse(value).success;
}

/**
 * Checks a host-given stage before a call or run writes anything: the stage names every
 * ledger record, so a bad one would otherwise surface as the ledger's refusal halfway
 * through the call, with no record of why. `undefined` (use the default) passes. The value
 * itself is not quoted: it is host input of any size.
 */
export function checkStage(value: unknown, where: string): void {
  if (value === undefined || isStageName(value)) return;
  const got =
    typeof value === 'string'
      ? `a string of ${value.length} character(s) that is not one`
      : value === null
        ? 'null'
        : typeof value;
  throw new PmError(
    'INVALID_ARGUMENT',
    `${where} must be a stage name: 1-64 letters, digits, ".", "_", ":" or "-", starting with a letter or digit (e.g. "draft-narrative"), or left out for the run's stage; got ${got}.`,
    { details: { field: 'stage' } },
  );
}
