import { PmError } from './pm-error.js';

/** One problem found while validating input against a @pm schema. */
export interface SchemaProblem {
  /** JSON path of the offending value, e.g. `$.input_artifacts[0]` (`$` is the root). */
  path: string;
  /** A plain sentence saying what is wrong there and what is expected. Never echoes the value. */
  message: string;
}

/**
 * Thrown by every `parse…` function when the input does not match its schema. The message
 * lists every problem, one per line, as a JSON path and a plain sentence.
 */
export class SchemaValidationError extends PmError {
  /** The schema the input was checked against, e.g. `RequestEnvelopeV1`. */
  readonly schema: string;
  /** Every problem found, in input order. */
  readonly problems: readonly SchemaProblem[];

  constructor(schema: string, problems: readonly SchemaProblem[]) {
    const lines = problems.map((p) => `  - ${p.path}: ${p.message}`).join('\n');
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super('SCHEMA_INVALID', `Invalid ${schema} (${count}); fix these fields:\n${lines}`, {
      details: { schema, problems },
    });
    this.schema = schema;
    this.problems = problems;
  }
}
