/**
 * Words and shapes that mark a value as a placeholder or documentation example rather
 * than a live secret: `sk-xxxx…`, `${PASSWORD}`, `<your-key>`, `{{token}}`, `{PASS}` and
 * `[PASSWORD]` (a name in braces or brackets, no digits: `{ZqL5kVrX1n8tA2}` is a value
 * someone wrapped), `$2` (a shell argument), `%(pw)s`, `****`, `AKIA…EXAMPLE`,
 * `REPLACE_WITH_PASSWORD`, `test`, and the markers redaction leaves (`[SECRET:github]`,
 * `[REDACTED]`, `[SECRET_1]`), which docs and logs quote. A bounded alternation of
 * literals: linear.
 */
const PLACEHOLDER_MARKS =
  /x{4}|X{4}|\[(?:SECRET|REDACTED)\b|\*{3}|\.{3}|…|<[^>]{0,64}>|\$\{|\$\(|\{\{|%\(|%s\b|example|placeholder|fake|dummy|redacted|changeme|replace[_-]?(?:me|with)|insert[_-]?|secret[_-]?here|key[_-]?here|token[_-]?here|password[_-]?here|^\$[A-Za-z_]|^\$\d{1,2}$|^\{[A-Za-z_][A-Za-z_.-]{0,63}\}$|^\[[A-Za-z_][A-Za-z_ .-]{0,63}\]$|^(?:null|none|nil|undefined|true|false|empty|string|secret|password|passwd|token|api[_-]?key|required|optional|test|\*+)$/i;

/** `MY-PASSWORD`, `your_token`, `db-secret`: a credential word standing for itself. */
const NAMED_PLACEHOLDER =
  /^(?:my|your|the|some|db|user|app)[_-]?(?:password|passwd|pass|secret|token|key|api[_-]?key)$/i;

/** Short marks kept case-sensitive: `your` in any case would hit random keys too often. */
const SHORT_MARKS = /[Yy]our|YOUR/;

/**
 * True when `value` (the variable part of a candidate secret, without any fixed prefix
 * such as `ghp_`) is a placeholder or example: marked as such, one repeated character,
 * too few distinct characters, or mostly a run like `123456…`/`abcdef…`.
 */
export function isPlaceholder(value: string): boolean {
  const n = value.length;
  if (n === 0) return true;
  if (PLACEHOLDER_MARKS.test(value) || SHORT_MARKS.test(value) || NAMED_PLACEHOLDER.test(value)) {
    return true;
  }
  // Distinct characters and ascending runs, in one pass without allocation beyond a small set.
  let distinct = 0;
  let seen0 = 0;
  let seen1 = 0;
  let seen2 = 0;
  let seen3 = 0;
  let ascending = 0;
  let prev = -2;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c === prev + 1) ascending++;
    prev = c;
    if (c < 128) {
      const bit = 1 << (c & 31);
      const word = c >> 5;
      if (word === 0) {
        if ((seen0 & bit) === 0) distinct++;
        seen0 |= bit;
      } else if (word === 1) {
        if ((seen1 & bit) === 0) distinct++;
        seen1 |= bit;
      } else if (word === 2) {
        if ((seen2 & bit) === 0) distinct++;
        seen2 |= bit;
      } else {
        if ((seen3 & bit) === 0) distinct++;
        seen3 |= bit;
      }
    } else {
      distinct++;
    }
  }
  if (distinct === 1) return true;
  if (n >= 8 && distinct < 4) return true;
  if (n >= 8 && ascending / (n - 1) > 0.6) return true;
  return false;
}

/**
 * True when `value` looks machine-generated: long enough, with letters and digits (or
 * both cases). Used where a prefix alone is not distinctive (bearer tokens, AWS secret keys).
 */
export function looksRandom(value: string, minLength: number): boolean {
  if (value.length < minLength) return false;
  let digit = false;
  let lower = false;
  let upper = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) digit = true;
    else if (c >= 97 && c <= 122) lower = true;
    else if (c >= 65 && c <= 90) upper = true;
  }
  const classes = (digit ? 1 : 0) + (lower ? 1 : 0) + (upper ? 1 : 0);
  return classes >= 2 && !isPlaceholder(value);
}
