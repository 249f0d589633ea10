/**
 * The shape of the words OpenAI's bodies use for a status, a finish reason or an error code
 * (`failed`, `server_error`, `content_filter`): a letter, then letters, digits, `_ . : -`.
 * Prose, a `Bearer ...` header or anything longer is not such a word.
 */
const WORD = /^[A-Za-z][\w.:-]{0,63}$/;

/**
 * A word read from a 2xx body that goes into an error message, a result or a ledger record,
 * or `undefined` when it is not one: not a string, not word-shaped, or holding the key. A
 * gateway that echoes the request's `Authorization` into such a field (its `error.code`, its
 * `model`) would otherwise carry the key into the ledger: the scrubbing of error messages
 * covers what the SDK throws, not what this provider builds from the body. `secrets` are the
 * key's forms (`keyForms`).
 */
export function bodyWord(value: unknown, secrets: readonly string[]): string | undefined {
  if (typeof value !== 'string' || !WORD.test(value)) return undefined;
  return secrets.some((secret) => secret !== '' && value.includes(secret)) ? undefined : value;
}
