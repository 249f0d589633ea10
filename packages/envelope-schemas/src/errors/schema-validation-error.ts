import { PmError } from './pm-error.js';

/** One problem found while validating input against a @pm schema. */
export interface SchemaProblem {
  /** JSON path of the offending value, e.g. `$.input_artifacts[0]` (`$` is the root). */
  path: string;
  /** A plain sentence saying what is wrong there and what is expected. Never echoes the value. */
  message: string;
}

/**
 * Problems listed in the message. An input can hold any number (an array of 200,000 bad
 * items gave a 19 MB message, logged whole by every host that logs errors); `problems`
 * keeps them all.
 */
export const MESSAGE_PROBLEMS = 50;

/**
 * Thrown by every `parse…` function when the input does not match its schema. The message
 * lists the problems, one per line, as a JSON path and a plain sentence: the first
 * {@link MESSAGE_PROBLEMS}, then how many more `problems` holds.
 */
export class SchemaValidationError extends PmError {
  /** The schema the input was checked against, e.g. `RequestEnvelopeV1`. */
  readonly schema: string;
  /** Every problem found, in input order. */
  readonly problems: readonly SchemaProblem[];

  constructor(schema: string, problems: readonly SchemaProblem[]) {
    const listed = problems.slice(0, MESSAGE_PROBLEMS).map((p) => `  - ${p.path}: ${p.message}`);
    const more = problems.length - listed.length;
    if (more > 0) listed.push(`  … and ${more} more (error.problems lists every one)`);
    const lines = listed.join('\n');
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super('SCHEMA_INVALID', `Invalid ${schema} (${count}); fix these fields:\n${lines}`, {
      details: { schema, problems },
    });
    this.schema = schema;
    this.problems = problems;
  }
}
