import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { describeValue as describe } from './describe-value.js';

// The text a tool schema's values are counted as, or INVALID_ARGUMENT naming where a value
// has none (never the value itself: schemas can carry prompt text).

/** A tool's description or a parameter's: text when given. */
export function descriptionOf(value: unknown, where: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') {
    throw new InvalidArgumentError(`${where} must be a string; got ${describe(value)}.`);
  }
  return value.endsWith('.') ? value.slice(0, -1) : value;
}

/**
 * `String(value)`, or undefined when it has no text form (an object without a prototype, a
 * throwing `toString`): the caller then refuses the schema with INVALID_ARGUMENT.
 */
function textOrUndefined(value: unknown): string | undefined {
  try {
    return String(value);
  } catch {
    return undefined;
  }
}

/** A parameter's JSON Schema `type` as the counted text (a list of types joins with commas). */
export function typeText(type: unknown, where: string): string {
  const text = textOrUndefined(type);
  if (text === undefined) {
    throw new InvalidArgumentError(
      `${where}: type cannot be counted as text (got ${describe(type)}); a JSON Schema type is a string or an array of strings, e.g. type: 'string'.`,
    );
  }
  return text;
}

/** One item of a parameter's `enum` as the counted text. */
export function enumItemText(item: unknown, index: number, where: string): string {
  const text = textOrUndefined(item);
  if (text === undefined) {
    throw new InvalidArgumentError(
      `${where}: enum item ${index} cannot be counted as text (got ${describe(item)}); enum items are strings, numbers, booleans or null.`,
    );
  }
  return text;
}
