/**
 * A dated snapshot's suffix (`gpt-4o-mini-2024-07-18`): OpenAI answers a request for an alias
 * with the snapshot that served it. Digits only, fixed length: linear to test.
 */
const SNAPSHOT = /-\d{4}-\d{2}-\d{2}$/;

/**
 * The model a dated snapshot is a version of (`gpt-4o-2024-08-06` -> `gpt-4o`), or undefined
 * for a name without a date suffix. The price table prices a snapshot without a row of its own
 * by this name's row.
 */
export function undatedModel(model: string): string | undefined {
  return SNAPSHOT.test(model) ? model.replace(SNAPSHOT, '') : undefined;
}

/**
 * Whether `answered` is the model `asked` for: the same name, or a dated snapshot of it
 * (`gpt-4o-mini` answered as `gpt-4o-mini-2024-07-18`), by the rule the price table uses. Not
 * the other way round: a request for a snapshot answered by its alias, or by another snapshot,
 * may be another version of the model, priced differently.
 */
export function isSameModel(asked: string, answered: string): boolean {
  return answered === asked || undatedModel(answered) === asked;
}
