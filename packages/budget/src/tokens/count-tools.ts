import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import type { ChatFormat } from './chat-format.js';
import type { ChatTool } from './chat-types.js';
import { describeValue as describe } from './describe-value.js';
import { jsonText } from './json-text.js';
import { descriptionOf, enumItemText, typeText } from './schema-text.js';
import { add, type Tally } from './tally.js';
import type { TokenEngine } from './token-engine.js';

/** Deepest nesting of `properties` and `items` counted; deeper is refused (a cycle?). */
const MAX_DEPTH = 64;

/**
 * Subschema keywords counted as their JSON text, wherever they appear in a tool's
 * parameters. OpenAI renders them in a form it does not publish; their JSON spells out
 * every key, brace and quote, which is meant to err high. Booleans (`additionalProperties:
 * false`, as strict mode writes everywhere) describe no shape and are not counted.
 */
const JSON_COUNTED = [
  'anyOf',
  'oneOf',
  'allOf',
  'not',
  'if',
  'then',
  'else',
  'additionalProperties',
  'patternProperties',
  'dependentSchemas',
  'prefixItems',
  'contains',
  '$defs',
  'definitions',
] as const;

/** A JSON Schema as far as it is counted. */
interface Schema {
  readonly type?: unknown;
  readonly description?: unknown;
  readonly enum?: unknown;
  readonly properties?: unknown;
  readonly items?: unknown;
  readonly [key: string]: unknown;
}

/** A tool's name and where in its parameters a schema sits, for error messages. */
interface Place {
  readonly tool: string;
  /** `address`, `address.street`, `lines[]`. */
  readonly path: string;
}

function whereOf(place: Place): string {
  return `Tool ${place.tool}'s parameter ${place.path}`;
}

/**
 * Function tools as the openai-cookbook's `num_tokens_for_tools` counts them (exact against
 * the tokens the API reported): per function, its name and description, and per top-level
 * property its name, type, description and enum. The notebook stops there; a parameter's
 * own `properties` and `items` (and enums within them) are counted here the same way, one
 * level down at a time, and other subschemas (`anyOf`, `$defs`, ...) as their JSON text.
 * OpenAI does not publish how it renders those, so a count that includes them is flagged
 * approximate (meant to err high, not a proven bound); a schema without them stays exact.
 */
export function addTools(
  engine: TokenEngine,
  tally: Tally,
  f: ChatFormat,
  tools: readonly unknown[],
): void {
  for (const tool of tools) {
    const fn = (tool as Partial<ChatTool> | null)?.function;
    if (fn === null || typeof fn !== 'object' || typeof fn.name !== 'string') {
      throw new InvalidArgumentError(
        "Each tool must be { type: 'function', function: { name, description?, parameters? } } (the Chat Completions shape); " +
          `got ${describe(tool)}.`,
      );
    }
    tally.tokens += f.funcInit;
    add(
      engine,
      tally,
      `${fn.name}:${descriptionOf(fn.description, `Tool ${fn.name}'s description`)}`,
    );
    const parameters = fn.parameters as Schema | null | undefined;
    const properties: unknown = parameters?.properties;
    if (properties !== undefined && (properties === null || typeof properties !== 'object')) {
      throw new InvalidArgumentError(
        `Tool ${fn.name}'s parameters.properties must be an object of JSON Schemas; got ${describe(properties)}.`,
      );
    }
    if (properties !== undefined) addProperties(engine, tally, f, properties, fn.name, '', 0);
    // Shared definitions (`$defs`, as zod writes for a recursive schema) and the like.
    if (parameters !== null && typeof parameters === 'object') {
      addSubschemas(engine, tally, parameters, `Tool ${fn.name}'s parameters`);
    }
  }
  tally.tokens += f.funcEnd;
}

/**
 * One level of `properties`, as the cookbook counts the top level: a start, then per
 * property a fixed cost, its enum and `name:type:description`; then what each nests.
 */
function addProperties(
  engine: TokenEngine,
  tally: Tally,
  f: ChatFormat,
  properties: object,
  tool: string,
  parent: string,
  depth: number,
): void {
  const keys = Object.keys(properties);
  if (keys.length === 0) return;
  tally.tokens += f.propInit;
  for (const key of keys) {
    const property = (properties as Record<string, unknown>)[key] as Schema | null;
    const place = { tool, path: parent === '' ? key : `${parent}.${key}` };
    const where = whereOf(place);
    if (property === null || typeof property !== 'object') {
      throw new InvalidArgumentError(
        `${where} must be a JSON Schema object; got ${describe(property)}.`,
      );
    }
    tally.tokens += f.propKey;
    addEnum(engine, tally, f, property.enum, where);
    add(
      engine,
      tally,
      `${key}:${typeText(property.type, where)}:${descriptionOf(property.description, `${where}'s description`)}`,
    );
    addNested(engine, tally, f, property, place, where, depth + 1);
  }
}

/**
 * What a property nests: its `properties`, its `items`, other subschemas. Approximate.
 * `where` is `whereOf(place)`, which the caller has already built.
 */
function addNested(
  engine: TokenEngine,
  tally: Tally,
  f: ChatFormat,
  schema: Schema,
  place: Place,
  where: string,
  depth: number,
): void {
  if (depth > MAX_DEPTH) {
    throw new InvalidArgumentError(
      `${where} nests schemas more than ${MAX_DEPTH} levels deep (a cycle?); a tool's parameters must be a JSON Schema tree (use $defs and $ref for recursion).`,
    );
  }
  const { properties, items } = schema;
  if (properties !== undefined) {
    if (properties === null || typeof properties !== 'object') {
      throw new InvalidArgumentError(
        `${where}'s properties must be an object of JSON Schemas; got ${describe(properties)}.`,
      );
    }
    if (Object.keys(properties).length > 0) {
      tally.approximate = true;
      addProperties(engine, tally, f, properties, place.tool, place.path, depth);
    }
  }
  if (Array.isArray(items)) {
    for (let i = 0; i < items.length; i++) {
      addItem(engine, tally, f, items[i], { tool: place.tool, path: `${place.path}[${i}]` }, depth);
    }
  } else if (items !== undefined) {
    addItem(engine, tally, f, items, { tool: place.tool, path: `${place.path}[]` }, depth);
  }
  addSubschemas(engine, tally, schema, where);
}

/** An array's item schema, counted as one more property without a name. */
function addItem(
  engine: TokenEngine,
  tally: Tally,
  f: ChatFormat,
  item: unknown,
  place: Place,
  depth: number,
): void {
  // `items: true` allows anything: there is no shape to describe.
  if (typeof item === 'boolean') return;
  const where = whereOf(place);
  if (item === null || typeof item !== 'object') {
    throw new InvalidArgumentError(
      `${where} (an array's items) must be a JSON Schema object; got ${describe(item)}.`,
    );
  }
  const schema = item as Schema;
  tally.approximate = true;
  tally.tokens += f.propKey;
  addEnum(engine, tally, f, schema.enum, where);
  add(
    engine,
    tally,
    `${typeText(schema.type, where)}:${descriptionOf(schema.description, `${where}'s description`)}`,
  );
  addNested(engine, tally, f, schema, place, where, depth + 1);
}

/** An `enum`: the cookbook's start (negative) and per-item cost, and each item's text. */
function addEnum(
  engine: TokenEngine,
  tally: Tally,
  f: ChatFormat,
  values: unknown,
  where: string,
): void {
  if (values === undefined) return;
  if (!Array.isArray(values)) {
    throw new InvalidArgumentError(`${where}: enum must be an array; got ${describe(values)}.`);
  }
  tally.tokens += f.enumInit;
  for (let i = 0; i < values.length; i++) {
    tally.tokens += f.enumItem;
    add(engine, tally, enumItemText(values[i], i, where));
  }
}

/** The subschema keywords of `schema` (see JSON_COUNTED) as their JSON text. */
function addSubschemas(engine: TokenEngine, tally: Tally, schema: Schema, where: string): void {
  for (const key of JSON_COUNTED) {
    const value = schema[key];
    if (value === null || typeof value !== 'object') continue;
    const json = jsonText(value, `${where}: ${key}`);
    tally.approximate = true;
    add(engine, tally, json);
  }
}
