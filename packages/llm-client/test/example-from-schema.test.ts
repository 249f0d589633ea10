import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { exampleFromSchema } from '../src/offline/example-from-schema.js';

const example = (schema: z.ZodType) =>
  exampleFromSchema(z.toJSONSchema(schema, { target: 'draft-2020-12' }) as Record<string, unknown>);

describe('exampleFromSchema', () => {
  it('gives a schema-valid, deterministic object for common shapes', () => {
    const schema = z.strictObject({
      command: z.string().min(20),
      args: z.array(z.string()).min(2).max(5),
      modifiesData: z.boolean(),
      risk: z.enum(['low', 'high']),
      confidence: z.number().gt(0.5).max(1),
      retries: z.int().min(3),
      note: z.string().nullable(),
      at: z.iso.datetime(),
      kind: z.literal('next-command'),
      nested: z.strictObject({ email: z.email(), id: z.uuid() }),
    });
    const value = example(schema);
    expect(schema.safeParse(value).success).toBe(true);
    expect(example(schema)).toEqual(value);
    expect(value).toMatchObject({
      modifiesData: false,
      risk: 'low',
      retries: 3,
      kind: 'next-command',
    });
  });

  it('may not satisfy a pattern: the caller validates and asks for a fixture', () => {
    const schema = z.strictObject({ code: z.string().regex(/^[A-Z]{3}$/) });
    expect(schema.safeParse(example(schema)).success).toBe(false);
  });
});
