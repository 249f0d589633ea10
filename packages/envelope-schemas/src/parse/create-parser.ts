import type { z } from 'zod';
import { type SchemaProblem, SchemaValidationError } from '../errors/schema-validation-error.js';
import { compileLazily } from './compile-lazily.js';
import { formatIssues } from './format-issues.js';

/** The result of a `safeParse…` function: the typed value, or every problem found. */
export type SafeParseResult<T> =
  | { success: true; data: T }
  | { success: false; error: SchemaValidationError; problems: readonly SchemaProblem[] };

/**
 * Builds the `parse` / `safeParse` / `is` trio for one schema. All accept `unknown`;
 * `parse` throws nothing but `SchemaValidationError`, `safeParse` and `is` nothing at all:
 * zod's own errors (and anything a hostile getter or proxy throws while being read) are
 * reported as problems, or as `false` by `is`. The schema runs compiled (see
 * {@link compileLazily}).
 */
export function createParser<S extends z.ZodType>(schemaName: string, schema: S) {
  type Output = z.output<S>;
  const compiled = compileLazily(schema);
  function safeParse(input: unknown): SafeParseResult<Output> {
    let result: ReturnType<S['safeParse']>;
    try {
      // `reportInput` keeps each issue's input so a missing field ("is required") can be told
      // from one of the wrong type; the inputs stay in zod's issues, never in a problem.
      result = compiled().safeParse(input, { reportInput: true }) as ReturnType<S['safeParse']>;
    } catch {
      const problems = [{ path: '$', message: 'could not be read (a getter or proxy threw)' }];
      return { success: false, error: new SchemaValidationError(schemaName, problems), problems };
    }
    if (result.success) return { success: true, data: result.data as Output };
    const problems = formatIssues(result.error.issues);
    return { success: false, error: new SchemaValidationError(schemaName, problems), problems };
  }
  function parse(input: unknown): Output {
    const result = safeParse(input);
    if (!result.success) throw result.error;
    return result.data;
  }
  /** `safeParse(input).success`, without building the parsed value or any problem. */
  function is(input: unknown): input is Output {
    try {
      return compiled().validate(input);
    } catch {
      return false;
    }
  }
  return { parse, safeParse, is };
}
