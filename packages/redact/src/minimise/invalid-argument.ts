import { PmError } from '@pm/envelope-schemas/core';
import { mustBeError, typeName, unknownOption } from '../invalid-option.js';

/**
 * The `INVALID_ARGUMENT` error for a bad argument of a ladder function: names the function
 * and the argument (`buildDisclosure: roles.caseId`), what it must be and what to do, and
 * the type given, never the value (rows and column names are the data being protected).
 */
export function invalidArgument(
  fn: string,
  argument: string,
  expected: string,
  got: unknown,
  fix: string,
): PmError {
  return mustBeError(fn, argument, expected, got, fix, { function: fn, argument });
}

/**
 * Throws unless `value` is an object other than null or an array, holding only options
 * `fn` takes (`known`): a misspelt `profile` would leave the default profile redacting.
 */
export function checkOptionsObject(
  value: unknown,
  fn: string,
  example: string,
  known: Readonly<Record<string, true>>,
): asserts value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidArgument(fn, 'options', 'an object', value, `pass e.g. ${example}.`);
  }
  for (const name of Object.keys(value)) {
    if (!Object.hasOwn(known, name)) throw unknownOption(fn, name, Object.keys(known));
  }
}

/**
 * A count option (`n`, `sampleSize`) checked, `fallback` when absent: `n: 'x'` once gave
 * an empty sample and `sampleSize: -1` none, silently.
 */
export function resolveCount(
  value: unknown,
  fn: string,
  option: string,
  fallback: number | undefined,
): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    const got = typeof value === 'number' ? String(value) : typeName(value);
    throw new PmError(
      'INVALID_ARGUMENT',
      `${fn}: ${option} must be a whole number of 0 or more, got ${got === 'undefined' ? 'nothing' : got}; ${fallback === undefined ? `pass how many rows to sample, e.g. ${option}: 20` : `leave it out for the default ${fallback}`}.`,
      { details: { function: fn, argument: option, type: typeof value } },
    );
  }
  return value;
}

/** A sampling seed checked, default 0: a string or a fraction was silently read as another seed. */
export function resolveSeed(value: unknown, fn: string): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw invalidArgument(
      fn,
      'seed',
      'a whole number',
      value,
      'pass e.g. seed: 1 (the same rows and seed give the same sample), or leave it out for 0.',
    );
  }
  return value;
}
