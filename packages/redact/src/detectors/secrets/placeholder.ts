/**
 * Words and shapes that mark a value as a placeholder or documentation example rather
 * than a live secret: `${PASSWORD}`, `<your-key>`, `{{token}}`, `{PASS}` and `[PASSWORD]`
 * (a name in braces or brackets, no digits: `{ZqL5kVrX1n8tA2}` is a value someone
 * wrapped), `$2` (a shell argument), `%VAR%` (a Windows variable, as `$VAR` is), `%(pw)s`,
 * `****`, `AKIA…EXAMPLE`, `REPLACE_WITH_PASSWORD`, `test`, and the markers redaction
 * leaves (`[SECRET:github]`, `[REDACTED]`, and mask's `[SECRET_1]`, `[URL_CREDENTIALS_2]`,
 * which `\[SECRET\b` misses: `_` is a word character), which docs, logs and redacted text
 * quote. Each is too long or too punctuated to turn up by chance in a random key. A
 * bounded alternation of literals: linear.
 */
const PLACEHOLDER_MARKS =
  /\[(?:SECRET|REDACTED)\b|\[[A-Z][A-Z0-9_]{0,40}_[1-9]\d{0,8}\]|\*{3}|\.{3}|…|<[^>]{0,64}>|\$\{|\$\(|\{\{|%\(|%s\b|example|placeholder|redacted|changeme|replace[_-]?(?:me|with)|secret[_-]?here|key[_-]?here|token[_-]?here|password[_-]?here|^\$[A-Za-z_]|^\$\d{1,2}$|^%\w+%$|^\{[A-Za-z_][A-Za-z_.-]{0,63}\}$|^\[[A-Za-z_][A-Za-z_ .-]{0,63}\]$|^(?:null|none|nil|undefined|true|false|empty|string|secret|password|passwd|token|api[_-]?key|required|optional|test|\*+)$/i;

/**
 * Short marks (`sk-xxxx…`, `fake`, `dummy`, `insert`, `your`; `your` case-sensitive, or it
 * would hit random keys far more often) that a random key spells by chance: about 1 key
 * in 3,000 of 150 characters holds one. They mark a placeholder only when what is left
 * without them does not look random ({@link randomWithout}).
 */
const CHANCE_MARKS = /x{4}|fake|dummy|insert/gi;
const CHANCE_MARKS_CASED = /[Yy]our|YOUR/g;

/** `MY-PASSWORD`, `your_token`, `db-secret`: a credential word standing for itself. */
const NAMED_PLACEHOLDER =
  /^(?:my|your|the|some|db|user|app)[_-]?(?:password|passwd|pass|secret|token|key|api[_-]?key)$/i;

/**
 * Letters and digits that must be left once the chance marks are taken out, and the
 * longest unbroken run among them, for a value to be a key rather than a placeholder:
 * `sk-fake-key-123` keeps a few short words, a random key keeps long random runs.
 */
const RANDOM_REST = 16;
const RANDOM_RUN = 8;

/**
 * True when `value` (the variable part of a candidate secret, without any fixed prefix
 * such as `ghp_`) is a placeholder or example: marked as such, one repeated character,
 * too few distinct characters, or mostly a run like `123456…`/`abcdef…`.
 */
export function isPlaceholder(value: string): boolean {
  if (PLACEHOLDER_MARKS.test(value) || NAMED_PLACEHOLDER.test(value)) return true;
  if (hasChanceMark(value) && !randomWithout(value)) return true;
  return hasPlaceholderShape(value);
}

/** `search`, not `test`: it ignores the `g` flag's `lastIndex`, so calls never interfere. */
function hasChanceMark(value: string): boolean {
  return value.search(CHANCE_MARKS) >= 0 || value.search(CHANCE_MARKS_CASED) >= 0;
}

/**
 * True when `value` with its chance marks taken out still looks random: at least
 * {@link RANDOM_REST} letters and digits, a run of {@link RANDOM_RUN} or more among them,
 * two character classes or more (digits, lower, upper), and no placeholder shape. Runs
 * only on the rare value that holds a chance mark.
 */
function randomWithout(value: string): boolean {
  const runs = value
    .replace(CHANCE_MARKS, '-')
    .replace(CHANCE_MARKS_CASED, '-')
    .split(/[^A-Za-z0-9]+/);
  const rest = runs.join('');
  return (
    rest.length >= RANDOM_REST &&
    runs.some((run) => run.length >= RANDOM_RUN) &&
    characterClasses(rest) >= 2 &&
    !hasPlaceholderShape(rest)
  );
}

/** How many of digits, lower case and upper case letters `value` uses. */
function characterClasses(value: string): number {
  let digit = false;
  let lower = false;
  let upper = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) digit = true;
    else if (c >= 97 && c <= 122) lower = true;
    else if (c >= 65 && c <= 90) upper = true;
  }
  return (digit ? 1 : 0) + (lower ? 1 : 0) + (upper ? 1 : 0);
}

/** One repeated character, too few distinct characters, or mostly an ascending run. */
function hasPlaceholderShape(value: string): boolean {
  const n = value.length;
  if (n === 0) return true;
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
  return value.length >= minLength && characterClasses(value) >= 2 && !isPlaceholder(value);
}
