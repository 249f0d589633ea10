/**
 * OpenAI strict structured outputs accept a subset of JSON Schema: every object closed
 * (`additionalProperties: false`) with every property required, a fixed set of keywords,
 * at most 10 levels of nesting and 5,000 properties. This check runs before any call, so
 * an unusable schema is refused locally with the list of changes to make.
 */

const ALLOWED_KEYWORDS = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'enum',
  'const',
  'anyOf',
  '$ref',
  '$defs',
  'description',
  'title',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
]);
const MAX_DEPTH = 10;
const MAX_PROPERTIES = 5000;

type Schema = Record<string, unknown>;

const isSchema = (v: unknown): v is Schema =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Lists what keeps `schema` from OpenAI strict mode; an empty list means it is accepted. */
export function strictSchemaProblems(schema: Schema): string[] {
  const problems: string[] = [];
  let properties = 0;
  if (schema.type !== 'object')
    problems.push('/: the root must be an object schema (type: "object")');

  const visit = (node: unknown, pointer: string, depth: number): void => {
    if (!isSchema(node)) {
      problems.push(`${pointer || '/'}: must be a schema object`);
      return;
    }
    if (depth > MAX_DEPTH) {
      problems.push(`${pointer}: nested deeper than ${MAX_DEPTH} levels; flatten the schema`);
      return;
    }
    for (const key of Object.keys(node)) {
      if (key === '$schema' && pointer === '') continue;
      if (!ALLOWED_KEYWORDS.has(key))
        problems.push(`${pointer || '/'}: keyword "${key}" is not supported; remove it`);
    }
    const isObject =
      node.type === 'object' || (Array.isArray(node.type) && node.type.includes('object'));
    if (isObject || isSchema(node.properties)) {
      const props = isSchema(node.properties) ? node.properties : {};
      const names = Object.keys(props);
      properties += names.length;
      if (node.additionalProperties !== false) {
        problems.push(
          `${pointer || '/'}: set additionalProperties to false (use z.strictObject or .strict())`,
        );
      }
      const required = new Set(Array.isArray(node.required) ? node.required : []);
      for (const name of names) {
        if (!required.has(name)) {
          problems.push(
            `${pointer}/properties/${name}: every field must be required; use .nullable() instead of .optional()`,
          );
        }
        visit(props[name], `${pointer}/properties/${name}`, depth + 1);
      }
    }
    if (node.items !== undefined) visit(node.items, `${pointer}/items`, depth + 1);
    if (Array.isArray(node.anyOf)) {
      for (const [i, option] of node.anyOf.entries())
        visit(option, `${pointer}/anyOf/${i}`, depth + 1);
    }
    if (isSchema(node.$defs)) {
      for (const [name, def] of Object.entries(node.$defs))
        visit(def, `${pointer}/$defs/${name}`, depth);
    }
  };
  visit(schema, '', 0);
  if (properties > MAX_PROPERTIES)
    problems.push(`/: ${properties} properties in all; the limit is ${MAX_PROPERTIES}`);
  return problems;
}
