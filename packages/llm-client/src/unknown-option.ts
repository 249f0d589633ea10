/**
 * The first own key of `options` that `known` does not list, or undefined. Options bags are
 * checked with it because a misspelt option (`promt`, `runID`) would otherwise be ignored
 * silently: the call made without it, a run started under a fresh id.
 */
export function unknownOption(options: object, known: readonly string[]): string | undefined {
  return Object.keys(options).find((key) => !known.includes(key));
}
