import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { strictSchemaProblems } from '../src/openai.js';

const jsonSchema = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { target: 'draft-2020-12' }) as Record<string, unknown>;

describe('strictSchemaProblems', () => {
  it('accepts closed objects with every field required, nullable fields, enums, arrays', () => {
    const schema = z.strictObject({
      command: z.string(),
      modifiesData: z.boolean(),
      confidence: z.number().min(0).max(1),
      flags: z.array(z.enum(['dry-run', 'verbose'])),
      note: z.string().nullable(),
      nested: z.strictObject({ id: z.int() }),
    });
    expect(strictSchemaProblems(jsonSchema(schema))).toEqual([]);
  });

  it('names each optional field and says to use .nullable()', () => {
    const problems = strictSchemaProblems(jsonSchema(z.strictObject({ a: z.string().optional() })));
    expect(problems).toEqual([
      '/properties/a: every field must be required; use .nullable() instead of .optional()',
    ]);
  });

  it('refuses open objects, unsupported keywords and a non-object root', () => {
    const open = { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] };
    expect(strictSchemaProblems(open)).toContain(
      '/: set additionalProperties to false (use z.strictObject or .strict())',
    );
    const allOf = { ...open, additionalProperties: false, allOf: [] };
    expect(strictSchemaProblems(allOf)).toContain('/: keyword "allOf" is not supported; remove it');
    expect(strictSchemaProblems(jsonSchema(z.array(z.string())))[0]).toMatch(
      /root must be an object/,
    );
  });

  it('refuses nesting deeper than 10 levels', () => {
    let schema: z.ZodType = z.strictObject({ leaf: z.string() });
    for (let i = 0; i < 11; i++) schema = z.strictObject({ inner: schema });
    expect(strictSchemaProblems(jsonSchema(schema)).some((p) => p.includes('deeper than 10'))).toBe(
      true,
    );
  });
});
