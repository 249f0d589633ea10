import { PmError } from '@pm/envelope-schemas';
import { shownName } from './shown-name.js';

/**
 * The first own key of `options` that `known` does not list, as a message shows it
 * (`shownName`: never a key pasted as an option's name), or undefined. Options bags are
 * checked with it because a misspelt option (`promt`, `runID`) would otherwise be ignored
 * silently: the call made without it, a run started under a fresh id.
 */
export function unknownOption(options: object, known: readonly string[]): string | undefined {
  const unknown = Object.keys(options).find((key) => !known.includes(key));
  return unknown === undefined ? undefined : shownName(unknown);
}

/**
 * Throws `INVALID_ARGUMENT` naming the first option of `options` that `fn` (e.g.
 * `resolveApiKey`) does not take, with the options it does take.
 */
export function refuseUnknownOptions(options: object, known: readonly string[], fn: string): void {
  const unknown = unknownOption(options, known);
  if (unknown === undefined) return;
  throw new PmError(
    'INVALID_ARGUMENT',
    `${fn}({ ${unknown} }) is not an option; the options are ${known.join(', ')}.`,
    { details: { field: unknown } },
  );
}
