import type { SchemaProblem } from '@pm/envelope-schemas';
import type { z } from 'zod';

/** The zod 4 internals this file reads: a schema's definition. */
interface ZodInternals {
  _zod: { def: Record<string, unknown> };
}

type Issue = z.core.$ZodIssue;

/** The longest refinement message kept (the host wrote it; it is cut, not trusted to be short). */
const MAX_CUSTOM_MESSAGE = 200;

function isZodSchema(value: unknown): value is ZodInternals {
  return (
    typeof value === 'object' &&
    value !== null &&
    '_zod' in value &&
    typeof (value as ZodInternals)._zod?.def === 'object'
  );
}

/**
 * Every string the schema itself spells that can appear in a path: object member names, and
 * the strings of enums and literals (the keys of a `z.record(z.enum([...]), ...)`). A path
 * segment among them names the schema; any other came from the output.
 */
function schemaNames(schema: unknown): Set<string> {
  const names = new Set<string>();
  const seen = new Set<unknown>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!isZodSchema(node) || seen.has(node)) return;
    seen.add(node);
    const def = node._zod.def;
    for (const [field, value] of Object.entries(def)) {
      if (field === 'shape' && typeof value === 'object' && value !== null) {
        for (const [name, member] of Object.entries(value)) {
          names.add(name);
          visit(member);
        }
      } else if ((field === 'entries' || field === 'values') && typeof value === 'object') {
        for (const entry of Object.values(value ?? {}))
          if (typeof entry === 'string') names.add(entry);
      } else if (field === 'getter' && typeof value === 'function') {
        try {
          visit(value()); // z.lazy: the schema it stands for
        } catch {
          // A getter that fails names nothing: its segments become placeholders.
        }
      } else {
        visit(value);
      }
    }
  };
  visit(schema);
  return names;
}

/** The path of an issue, with every segment the output chose (and the schema did not) as `<key>`. */
function safePath(path: readonly PropertyKey[], names: ReadonlySet<string>): string {
  let out = '$';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && names.has(segment)) out += `.${segment}`;
    else out += '.<key>';
  }
  return out;
}

/** The JSON type of an output value, in a word: never the value. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isNaN(value)) return 'NaN';
  return typeof value;
}

/** A value the schema spells (an enum option, a literal), quoted for the message. */
function quote(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

const UNITS: Record<string, string> = {
  string: 'characters',
  array: 'items',
  set: 'items',
  map: 'entries',
  file: 'bytes',
};

function bound(
  issue: { origin: string; inclusive?: boolean; exact?: boolean },
  limit: number | bigint,
  relation: '<' | '>',
): string {
  const op = issue.exact ? 'exactly ' : `${relation}${issue.inclusive ? '=' : ''} `;
  const unit = UNITS[issue.origin];
  return unit
    ? `expected ${issue.origin} to have ${op}${limit} ${unit}`
    : `expected ${issue.origin} to be ${op}${limit}`;
}

/**
 * What is wrong, in a sentence built from the schema's side of the issue only (what was
 * expected, bounds, formats, options), never from the output: zod's own messages quote
 * unrecognized keys, and a host's error map may quote anything. A refinement's message is
 * the host's own text and is kept, cut to 200 characters.
 */
function sentence(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}, received ${kindOf(issue.input)}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `expected ${quote(issue.values[0])}`
        : `expected one of ${issue.values.map(quote).join(' | ')}`;
    case 'too_big':
      return bound(issue, issue.maximum, '<');
    case 'too_small':
      return bound(issue, issue.minimum, '>');
    case 'invalid_format': {
      const format = issue as z.core.$ZodIssueInvalidStringFormat & {
        prefix?: string;
        suffix?: string;
        includes?: string;
      };
      if (format.format === 'starts_with') return `must start with ${quote(format.prefix)}`;
      if (format.format === 'ends_with') return `must end with ${quote(format.suffix)}`;
      if (format.format === 'includes') return `must include ${quote(format.includes)}`;
      if (format.format === 'regex') return `must match the pattern ${format.pattern}`;
      return `must be in the ${format.format} format`;
    }
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'unrecognized_keys':
      return `has ${issue.keys.length} key${issue.keys.length === 1 ? '' : 's'} the schema does not define (not named here: they are model output)`;
    case 'invalid_key':
      return `has a key that does not match the ${issue.origin}'s key schema`;
    case 'invalid_element':
      return `has a value that does not match the ${issue.origin}'s value schema`;
    case 'invalid_union':
      if (issue.discriminator !== undefined && issue.inclusive !== false && issue.options?.length)
        return `expected ${issue.discriminator} to be one of ${issue.options.map(quote).join(' | ')}`;
      return issue.inclusive === false
        ? 'matches more than one option of the union'
        : 'matches none of the options of the union';
    case 'custom':
      return `fails a refinement: ${issue.message.slice(0, MAX_CUSTOM_MESSAGE)}`;
    default:
      return 'is invalid';
  }
}

/**
 * The problems of an output that failed `schema`, safe to put in errors, events and the
 * ledger: paths name the schema's members (`$.scores.<key>`, `$.items[2]`), never keys the
 * output chose, and sentences say what was expected, never what the output held.
 */
export function outputProblems(schema: unknown, issues: readonly Issue[]): SchemaProblem[] {
  const names = schemaNames(schema);
  return issues.map((issue) => ({
    path: safePath(issue.path, names),
    message: sentence(issue),
  }));
}
