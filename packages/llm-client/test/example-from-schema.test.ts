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

  it.each([
    [
      'a discriminated union (oneOf)',
      z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('move'), to: z.string() }),
        z.strictObject({ kind: z.literal('stop') }),
      ]),
    ],
    ['a tuple (prefixItems)', z.strictObject({ pair: z.tuple([z.string(), z.number()]) })],
    [
      'a multipleOf',
      z.strictObject({ n: z.number().min(3).multipleOf(5), m: z.int().max(-1).multipleOf(4) }),
    ],
    ['an IP address', z.strictObject({ v4: z.ipv4(), v6: z.ipv6() })],
    [
      'a range open at both ends, narrower than 1',
      z.strictObject({
        a: z.number().gt(5).lt(6),
        b: z.number().gt(0).lt(0.5),
        c: z.number().gte(1).lt(1.5),
      }),
    ],
  ])('gives a schema-valid object for %s', (_name, schema) => {
    // Before: null for the union, [null, null] for the tuple, 3 for the multiple of 5.
    expect(schema.safeParse(example(schema)).success).toBe(true);
  });

  it('may not satisfy a pattern: schemaExample says where, and the caller asks for a fixture', () => {
    const schema = z.strictObject({ code: z.string().regex(/^[A-Z]{3}$/) });
    expect(schema.safeParse(example(schema)).success).toBe(false);
  });
});
