type Schema = Record<string, unknown>;

const isSchema = (v: unknown): v is Schema =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const FORMATS: Readonly<Record<string, string>> = {
  'date-time': '2026-01-01T00:00:00Z',
  date: '2026-01-01',
  time: '00:00:00',
  email: 'offline@example.invalid',
  uri: 'https://example.invalid/',
  uuid: '00000000-0000-4000-8000-000000000000',
  // Documentation addresses (RFC 5737, RFC 3849): valid, and never anyone's.
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
};

/** Whether `value` is within the node's bounds, inclusive and exclusive. */
function inRange(value: number, node: Schema): boolean {
  const { minimum, exclusiveMinimum, maximum, exclusiveMaximum } = node;
  return (
    (typeof minimum !== 'number' || value >= minimum) &&
    (typeof exclusiveMinimum !== 'number' || value > exclusiveMinimum) &&
    (typeof maximum !== 'number' || value <= maximum) &&
    (typeof exclusiveMaximum !== 'number' || value < exclusiveMaximum)
  );
}

function numberIn(node: Schema, integer: boolean): number {
  const min = typeof node.minimum === 'number' ? node.minimum : undefined;
  const exMin = typeof node.exclusiveMinimum === 'number' ? node.exclusiveMinimum : undefined;
  const max = typeof node.maximum === 'number' ? node.maximum : undefined;
  const exMax = typeof node.exclusiveMaximum === 'number' ? node.exclusiveMaximum : undefined;
  let value = 0;
  if (min !== undefined && value < min) value = min;
  if (exMin !== undefined && value <= exMin) value = integer ? Math.floor(exMin) + 1 : exMin + 1;
  if (max !== undefined && value > max) value = max;
  if (exMax !== undefined && value >= exMax) value = integer ? Math.ceil(exMax) - 1 : exMax - 1;
  if (integer) value = Math.round(value);
  // Stepping 1 past an exclusive bound overshot a range narrower than that (gt(5).lt(6) gave
  // 5, then refused): its middle is in it.
  const lower = exMin ?? min;
  const upper = exMax ?? max;
  if (!integer && lower !== undefined && upper !== undefined && !inRange(value, node)) {
    value = (lower + upper) / 2;
  }
  const step = typeof node.multipleOf === 'number' && node.multipleOf > 0 ? node.multipleOf : 0;
  if (step > 0 && value % step !== 0) {
    // The nearest multiple inside the range: up from a minimum, else down from a maximum.
    const up = Math.ceil(value / step) * step;
    const fitsUp = (max === undefined || up <= max) && (exMax === undefined || up < exMax);
    value = fitsUp ? up : Math.floor(value / step) * step;
  }
  return value;
}

/** Whether `text` matches a JSON Schema `pattern` (one that does not compile: no). */
function matches(text: string, pattern: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(text);
  } catch {
    return false;
  }
}

/** Where a walk of the schema is, and the places whose `pattern` it could not meet. */
interface Walk {
  readonly path: string;
  readonly unsolved: string[];
}

function stringFor(node: Schema, name: string, walk: Walk): string {
  const format = typeof node.format === 'string' ? FORMATS[node.format] : undefined;
  let text = format ?? `offline ${name}`.trim();
  const min = typeof node.minLength === 'number' ? node.minLength : 0;
  const max = typeof node.maxLength === 'number' ? node.maxLength : Number.POSITIVE_INFINITY;
  if (text.length < min) text = text.padEnd(min, '.');
  text = text.slice(0, max);
  if (typeof node.pattern === 'string' && !matches(text, node.pattern))
    walk.unsolved.push(walk.path);
  return text;
}

/** An example of `schema` and the paths (`$.code`) whose `pattern` it does not meet. */
export interface SchemaExample {
  readonly value: unknown;
  readonly unsolved: readonly string[];
}

/**
 * {@link exampleFromSchema}, saying where its strings miss a `pattern` (they are not solved),
 * so the offline provider can ask for a fixture instead of answering what its own schema refuses.
 */
export function schemaExample(schema: Schema): SchemaExample {
  const unsolved: string[] = [];
  const value = exampleAt(schema, '', schema, 0, { path: '$', unsolved });
  return { value, unsolved };
}

/**
 * A deterministic instance of a JSON Schema, for the offline provider's `generateObject`:
 * the first enum value or `anyOf`/`oneOf` option, every `allOf` part merged, `false` for
 * booleans, the smallest number in range (a multiple of `multipleOf`), a tuple's own items
 * then `minItems` (at least one) array items, and a readable placeholder for strings.
 * Patterns are not solved: {@link schemaExample} says where, so the caller asks for a fixture.
 */
export function exampleFromSchema(schema: Schema): unknown {
  return schemaExample(schema).value;
}

function exampleAt(schema: Schema, name: string, root: Schema, depth: number, walk: Walk): unknown {
  if (depth > 32) return null;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (typeof schema.$ref === 'string' && schema.$ref.startsWith('#/$defs/')) {
    const defs = isSchema(root.$defs) ? root.$defs : {};
    const target = defs[schema.$ref.slice('#/$defs/'.length)];
    return isSchema(target) ? exampleAt(target, name, root, depth + 1, walk) : null;
  }
  // `oneOf` is what zod writes for a discriminated union: any one option is an instance.
  const options = Array.isArray(schema.anyOf) ? schema.anyOf : schema.oneOf;
  if (Array.isArray(options) && isSchema(options[0])) {
    const option = options.find((o) => isSchema(o) && o.type !== 'null') ?? options[0];
    return exampleAt(option as Schema, name, root, depth + 1, walk);
  }
  if (Array.isArray(schema.allOf) && schema.allOf.every(isSchema) && schema.allOf.length > 0) {
    // An instance of every part: the parts' objects merged (an intersection of objects).
    const parts = schema.allOf.map((part) => exampleAt(part, name, root, depth + 1, walk));
    return parts.every(isSchema) ? Object.assign({}, ...parts) : parts[0];
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const properties = isSchema(schema.properties) ? schema.properties : {};
      for (const [key, sub] of Object.entries(properties)) {
        if (isSchema(sub)) {
          const at = { path: `${walk.path}.${key}`, unsolved: walk.unsolved };
          out[key] = exampleAt(sub, key, root, depth + 1, at);
        }
      }
      return out;
    }
    case 'array': {
      // A tuple (`prefixItems`) has one schema per position; the rest follow `items`.
      const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems.filter(isSchema) : [];
      const count = Math.max(
        typeof schema.minItems === 'number' ? schema.minItems : 0,
        prefix.length,
        1,
      );
      const limit = typeof schema.maxItems === 'number' ? Math.min(count, schema.maxItems) : count;
      const item = isSchema(schema.items) ? schema.items : {};
      return Array.from({ length: limit }, (_, i) =>
        exampleAt(prefix[i] ?? item, name, root, depth + 1, {
          path: `${walk.path}[${i}]`,
          unsolved: walk.unsolved,
        }),
      );
    }
    case 'string':
      return stringFor(schema, name, walk);
    case 'integer':
      return numberIn(schema, true);
    case 'number':
      return numberIn(schema, false);
    case 'boolean':
      return false;
    default:
      return null;
  }
}
