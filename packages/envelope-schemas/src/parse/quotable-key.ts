/**
 * The shape of a field name: a letter or `_`, then letters, digits, `_`, `.` or `-`, 40
 * characters at most. An e-mail address (`@`), a card or phone number (starts with a
 * digit or `+`), a password (`#`, `$`, `!`), a JWT or a long key never has it.
 */
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,39}$/;
/** From this length, a key holding a digit reads as a token, not a name. */
const TOKEN_SHAPED_FROM = 16;
/** Most digits a field name holds (`iso8601`, `sha256`, `x509`). */
const MAX_DIGITS = 4;
/**
 * A digit followed by a lower-case letter (`a9f8e`, `Xq7Lm`: field names put digits at
 * the end of a word, `s3Bucket`, `sha256_hex`), or a run of letters in one case longer than
 * a word (`AKIA` and 16 upper-case letters; 17 lower-case letters in a row).
 */
const TOKEN_RUN = /[0-9][a-z]|[A-Z]{13,}|[a-z]{17,}/;
/**
 * Case patterns that names written in words rarely hold, counted in mixed-case keys: a
 * single lower-case letter before a capital (`XbQ`; `eTag` has one) and a run of
 * capitals (`XQ`; an acronym such as `HTTPServer` or `userID` has one). Random mixed
 * case, where each letter is as likely upper as lower, is full of both.
 */
const IRREGULAR = /(?<![a-z])[a-z][A-Z]|[A-Z]{2,}/g;
/** Most irregular patterns in a key quoted back. */
const MAX_IRREGULAR = 1;

/** Whether the case of `key`'s letters reads as words (`maxCostUsd`, `XMLHttpRequest`), not noise. */
function readsAsWords(key: string): boolean {
  // One case throughout (`MAX_TOKENS`, `max_tokens`) has no case pattern to judge.
  if (!/[a-z]/.test(key) || !/[A-Z]/.test(key)) return true;
  return (key.match(IRREGULAR)?.length ?? 0) <= MAX_IRREGULAR;
}

/**
 * Whether an unknown key may be quoted back in a problem path. Only a key shaped like the
 * field names people mistype (`max_output_tokens`, `schemaVersion`, `x-api-key`,
 * `allowedModels`) is; anything else may be data pasted as a key (a token, a password, an
 * e-mail address, a card number) and is shown by its length alone. This package cannot
 * run the secret detectors (they depend on it), so it admits a shape rather than
 * excluding the ones it knows; a name it elides costs a look at the input, a secret it
 * quotes ends up in a log.
 */
export function isQuotableKey(key: string): boolean {
  if (!FIELD_NAME.test(key) || TOKEN_RUN.test(key)) return false;
  let digits = 0;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  if (digits > MAX_DIGITS || (digits > 0 && key.length >= TOKEN_SHAPED_FROM)) return false;
  return readsAsWords(key);
}
