import { PmError } from '@pm/envelope-schemas';
import { z } from 'zod';

/**
 * The JSON Schema the provider is asked to answer in. A zod schema that JSON Schema cannot
 * express (`z.date()`, `z.bigint()`, a transform) is the host's to change: `INVALID_ARGUMENT`
 * naming the schema, not an unexpected render failure.
 */
export function responseJsonSchema(schema: z.ZodType, schemaId: string): Record<string, unknown> {
  let jsonSchema: Record<string, unknown>;
  try {
    jsonSchema = z.toJSONSchema(schema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  } catch (error) {
    throw new PmError(
      'INVALID_ARGUMENT',
      `The schema of ${schemaId} cannot be sent as JSON Schema (${error instanceof Error ? error.message.slice(0, 200) : 'zod refused it'}). Use types JSON can carry: e.g. z.iso.datetime() instead of z.date(), z.string() or z.number() instead of z.bigint(), and no transforms.`,
      { details: { field: 'schema', schemaId } },
    );
  }
  const { $schema: _drop, ...rest } = jsonSchema;
  return rest;
}
