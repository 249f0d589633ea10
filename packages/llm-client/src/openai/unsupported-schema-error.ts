import { PmError } from '@pm/envelope-schemas';

/** A response schema that OpenAI's strict structured-output mode cannot take; refused before the call. */
export class UnsupportedSchemaError extends PmError {
  /** Each problem as `<JSON pointer>: <what to change>`. */
  readonly problems: readonly string[];

  constructor(schemaId: string, problems: readonly string[]) {
    super(
      'UNSUPPORTED_SCHEMA',
      `Schema ${schemaId} cannot be used in OpenAI strict structured-output mode:\n${problems
        .map((p) => `  - ${p}`)
        .join('\n')}`,
      { details: { schemaId, problems } },
    );
    this.problems = problems;
  }
}
