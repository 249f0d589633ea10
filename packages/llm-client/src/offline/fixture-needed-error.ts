import { PmError } from '@pm/envelope-schemas';

/**
 * The offline provider's answer to a structured call whose schema has a `pattern` it does not
 * solve: without it, it answered a string the call's own schema then refused, an
 * `OUTPUT_VALIDATION` that blamed "the model output" where no model was called.
 * `unsolved` are the schema's paths (`$.code`), never data.
 */
export function fixtureNeededError(formatName: string, unsolved: readonly string[]): PmError {
  const where = unsolved.slice(0, 3).join(', ') + (unsolved.length > 3 ? ', ...' : '');
  return new PmError(
    'INVALID_ARGUMENT',
    `The offline provider cannot answer ${formatName}: it does not write strings to match a pattern (${where}). Give it the object to answer with: offlineProvider({ fixtures: { '<schemaId>': { ... } } }), keyed by the call's schemaId (e.g. 'next-command@1').`,
    { details: { field: 'fixtures', paths: unsolved.slice(0, 10) } },
  );
}
