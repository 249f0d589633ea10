import { PmError } from '@pm/envelope-schemas';
import { OutputValidationError } from '../errors/output-validation-error.js';
import { thrownKind } from '../thrown-kind.js';
import type { CallInput } from './call-input.js';
import { outputProblems } from './output-problems.js';

/** Step 11: the output must satisfy the response schema before anything acts on it. */
export function validateAnswer(call: CallInput, schemaId: string, text: string): unknown {
  if (!call.schema) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new OutputValidationError(schemaId, [{ path: '$', message: 'is not valid JSON' }]);
  }
  // `reportInput` lets the problems say what type was received; the input itself is never used.
  let result: ReturnType<NonNullable<CallInput['schema']>['safeParse']>;
  try {
    result = call.schema.safeParse(json, { reportInput: true });
  } catch (error) {
    // A refine or transform of the host's schema threw: say whose code broke, not "report
    // a bug" in the SDK. Only the error's name: its message may quote the output.
    throw new PmError(
      'INTERNAL_ERROR',
      `The schema ${schemaId} threw ${thrownKind(error)} while checking the output (a refine or transform in it): fix the schema so it returns a verdict. The output is in the ledger (its response record, valid: false).`,
    );
  }
  if (!result.success) {
    // The error reaches onEvent and the ledger: paths and sentences never quote the output.
    throw new OutputValidationError(schemaId, outputProblems(call.schema, result.error.issues));
  }
  return result.data;
}
