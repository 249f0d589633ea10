import { PmError } from '@pm/envelope-schemas';
import { shownValue } from '../shown-value.js';
import { refuseUnknownOptions } from '../unknown-option.js';

const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Each option of `resolveApiKey`: what it must be, as a test and the words that say so. */
const RULES: Readonly<Record<string, readonly [(v: unknown) => boolean, string]>> = {
  name: [(v) => typeof v === 'string' && v.trim() !== '', 'a variable name such as "TENANT_KEY"'],
  env: [isObject, 'an object of variables such as process.env'],
  // A number passed the old truthiness test and reached readFile, which reads a file
  // descriptor for a number: `dotenv: 1` read this process's standard output.
  dotenv: [(v) => typeof v === 'boolean' || (typeof v === 'string' && v !== ''), 'true or a path'],
  secretProvider: [(v) => typeof v === 'function', 'a function (name) => key'],
};

/**
 * Refuses what `resolveApiKey` cannot take, with `INVALID_ARGUMENT` saying what it takes:
 * options that are not an object (`resolveApiKey(5)` read OPENAI_API_KEY as if given none),
 * an option it does not know, and an option of the wrong type. Only `undefined` means
 * "left out": a `null` name or env fell back to OPENAI_API_KEY and `process.env`, another key
 * than the one meant, and a `secretProvider` that is not a function failed every lookup as
 * a "secret provider failed" MISSING_CREDENTIAL.
 */
export function checkResolveOptions(options: unknown): void {
  if (!isObject(options)) {
    throw new PmError(
      'INVALID_ARGUMENT',
      `resolveApiKey(options) takes an object ({ name, env, dotenv, secretProvider }), or nothing to read OPENAI_API_KEY from the environment; got ${shownValue(options)}.`,
      { details: { field: 'options' } },
    );
  }
  refuseUnknownOptions(options as object, Object.keys(RULES), 'resolveApiKey');
  for (const [name, [test, expected]] of Object.entries(RULES)) {
    const value = (options as Record<string, unknown>)[name];
    if (value === undefined || test(value)) continue;
    throw new PmError(
      'INVALID_ARGUMENT',
      `resolveApiKey({ ${name} }) must be ${expected}, or left out; got ${shownValue(value)}.`,
      { details: { field: name } },
    );
  }
}
