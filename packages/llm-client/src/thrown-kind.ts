import { kindOf } from './kind-of.js';

/** A built-in or host error class name (`TypeError`, `SecretManagerError`): never a value. */
const ERROR_NAME = /^(?:[A-Z][A-Za-z]{0,40})?Error$/;

/**
 * What host code threw, in words for a message that cannot quote it: its class name when
 * that reads as one (`a TypeError`), else `an error` or the kind of value thrown (`a string`).
 * Never its message, which may hold a token; and reading it cannot throw in turn (a thrown
 * Proxy or a throwing `name` getter is `an error` too).
 */
export function thrownKind(thrown: unknown): string {
  try {
    if (!(thrown instanceof Error)) return kindOf(thrown);
    const name: unknown = thrown.name;
    if (typeof name !== 'string' || !ERROR_NAME.test(name)) return 'an error';
    return `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name}`;
  } catch {
    return 'an error';
  }
}
