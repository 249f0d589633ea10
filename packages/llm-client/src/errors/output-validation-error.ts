import { PmError, type SchemaProblem } from '@pm/envelope-schemas';

/** The model's output did not validate against the response schema; nothing is returned as valid. */
export class OutputValidationError extends PmError {
  /** The schema the output was checked against, e.g. `next-command@1`. */
  readonly schemaId: string;
  /**
   * What was wrong, as JSON paths and sentences, never the output itself: a path segment the
   * output chose (a record key) is `<key>`, unrecognized keys are counted, not named.
   */
  readonly problems: readonly SchemaProblem[];

  constructor(schemaId: string, problems: readonly SchemaProblem[]) {
    super(
      'OUTPUT_VALIDATION',
      `The model output does not match ${schemaId}; it was recorded in the ledger and not returned. Problems:\n${problems
        .map((p) => `  - ${p.path}: ${p.message}`)
        .join('\n')}`,
      { details: { schemaId, problems } },
    );
    this.schemaId = schemaId;
    this.problems = problems;
  }
}
