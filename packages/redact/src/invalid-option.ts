import { isQuotableKey, PmError } from '@pm/envelope-schemas/core';

/**
 * What a value is, for an error message: `null`, `array`, `RegExp` or its `typeof`. Never
 * the value itself: options carry patterns and field names, and messages end up in logs.
 */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (isRegExp(value)) return 'RegExp';
  return typeof value;
}

/**
 * True for a regular expression, from this realm or another (a `vm` context, a worker's
 * copy): `instanceof` alone misses those.
 */
export function isRegExp(value: unknown): value is RegExp {
  return (
    value instanceof RegExp ||
    (Object.prototype.toString.call(value) === '[object RegExp]' &&
      typeof (value as RegExp).source === 'string' &&
      typeof (value as RegExp).flags === 'string')
  );
}

/**
 * An `INVALID_ARGUMENT` error saying `<where>: <what> must be <expected>, got <type>;
 * <fix>`, with the type given (never the value) added to `details`.
 */
export function mustBeError(
  where: string,
  what: string,
  expected: string,
  got: unknown,
  fix: string,
  details: Readonly<Record<string, unknown>>,
): PmError {
  const type = typeName(got);
  return new PmError(
    'INVALID_ARGUMENT',
    `${where}: ${what} must be ${expected}, got ${type === 'undefined' ? 'nothing' : type}; ${fix}`,
    { details: { ...details, type } },
  );
}

/**
 * The `INVALID_ARGUMENT` error for a bad `createRedactor` option: names the option (its
 * path, e.g. `detectors[2].pattern`), what it must be and what to do, and the type given,
 * never the value.
 */
export function invalidOption(
  option: string,
  expected: string,
  got: unknown,
  fix: string,
): PmError {
  return mustBeError('createRedactor', option, expected, got, fix, { option });
}

/** Throws unless `value` is an object other than null or an array (`option` names it in the error). */
export function checkObject(
  value: unknown,
  option: string,
  expected: string,
  fix: string,
): asserts value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidOption(option, expected, value, fix);
  }
}

/** Throws unless `value` is an array of strings (`option` names it in the error). */
export function checkStrings(value: unknown, option: string, fix: string): void {
  if (!Array.isArray(value)) throw invalidOption(option, 'an array of strings', value, fix);
  for (let i = 0; i < value.length; i++) {
    if (typeof value[i] !== 'string') {
      throw invalidOption(`${option}[${i}]`, 'a string', value[i], fix);
    }
  }
}

/**
 * The `INVALID_ARGUMENT` error for an option `fn` does not take: a misspelt one (`dropField`,
 * `profle`) would be ignored and its redaction silently not done. The name is quoted only
 * when it is shaped like a field name (the rule schema errors follow); a pasted token is
 * given by its length.
 */
export function unknownOption(fn: string, name: string, known: readonly string[]): PmError {
  const quotable = isQuotableKey(name);
  return new PmError(
    'INVALID_ARGUMENT',
    `${fn}: unknown option ${quotable ? `"${name}"` : `of ${name.length} characters`}; the options are ${known.join(', ')}.`,
    { details: { option: quotable ? name : null } },
  );
}
