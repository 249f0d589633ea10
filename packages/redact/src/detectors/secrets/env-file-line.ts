/**
 * An env file's assignment (`DJANGO_SECRET_KEY=…` on its own line): there a bare value
 * runs to the first blank, and parentheses in it are characters of the value, not a call.
 * Django's `get_random_secret_key()` draws from `a-z0-9!@#$%^&*(-_=+)`, so most of its
 * keys hold a `(` or `)`: read as code (`getKey()`) they passed in clear.
 */

/** A name as env files write them: SCREAMING_CASE. */
const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;

/**
 * Windows cmd's `set`, in the cases batch files write it (cmd reads it in any case), and
 * with the `@` that keeps cmd from echoing the line (`@set CMD=…`).
 */
const SET_LEADS: ReadonlySet<string> = new Set(['set', 'Set', 'SET', '@set', '@Set', '@SET']);

/**
 * The shell builtins that declare a variable, flags after them or not (`readonly NAME=…`,
 * `declare -x NAME=…`, `typeset -r NAME=…`, `local NAME=…` in a function).
 */
const DECLARE_LEADS: ReadonlySet<string> = new Set(['readonly', 'declare', 'typeset', 'local']);

/** A declaring builtin's flags as one word (`-x`, `-rx`, `-gx`). */
const DECLARE_FLAGS = /^-[a-zA-Z]{1,4}$/;

/**
 * Words that may stand before the name on its line: `export`, a YAML list's `-`,
 * Dockerfile's `ENV`, cmd's `set` (`set DB_PASSWORD=…`), and the declaring builtins.
 */
const LINE_LEADS: ReadonlySet<string> = new Set([
  'export',
  '-',
  'ENV',
  ...SET_LEADS,
  ...DECLARE_LEADS,
]);

/** Longest lead word read back (`readonly`). */
const MAX_LEAD = 8;

/**
 * Words that may stand before a shell or batch variable's own name (`local cmd=…`,
 * `export cmd=…`, `@set cmd=…`), read only where a command may be the value.
 */
export const VARIABLE_LEADS: ReadonlySet<string> = new Set(['local', 'export', ...SET_LEADS]);

/** Most blanks read back around a line's lead word. */
const MAX_BLANKS = 16;

/**
 * The rest of an env file's bare value: as a bare value's rest in code (`generic.ts`), but
 * over the `)` that ends a value there (`f(password=…)`).
 */
export const ENV_VALUE_REST = /[^\s"'`,;}\]>\\]*/y;

/**
 * A value whose parentheses are code after all: a call first (`getKey()`, `os.getenv(`),
 * a command substitution (`$(cat …)`, Make's `$(shell …)`), an interpolation (`%(pw)s`).
 * Each alternative is anchored or a literal: linear.
 */
const CODE_PARENTHESES = /^[A-Za-z_$][\w$.]*\(|\$\(|%\(/;

/** A character of a name (`randomBytes`, `$el`, `token_hex`). */
function isNameChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36
  );
}

/**
 * Whether `value` ends with a call (`…||randomBytes(32)`): a `)` last, closing a `(` right
 * after a name's character. A random Django key ends so once or twice in a hundred.
 */
function endsWithCall(value: string): boolean {
  if (value.charCodeAt(value.length - 1) !== 41 /* ) */) return false;
  const open = value.lastIndexOf('(');
  return open > 0 && isNameChar(value.charCodeAt(open - 1));
}

/** Offset after blanks read back from `i` (at most {@link MAX_BLANKS}). */
function blanksBefore(text: string, i: number): number {
  const limit = Math.max(0, i - MAX_BLANKS);
  while (i > limit && (text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) i--;
  return i;
}

/** Whether `i` starts a line (or the text). */
function isLineStart(text: string, i: number): boolean {
  return i === 0 || text.charCodeAt(i - 1) === 10 || text.charCodeAt(i - 1) === 13;
}

/** Whether `i` is first on its line after indentation (at most {@link MAX_BLANKS} blanks). */
export function isFirstOnLine(text: string, i: number): boolean {
  return isLineStart(text, blanksBefore(text, i));
}

/**
 * Whether the word ending at `wordEnd` is one of `leads` and stands first on its line
 * (after indentation). Reads back a bounded distance.
 */
function isLeadFirstOnLine(text: string, wordEnd: number, leads: ReadonlySet<string>): boolean {
  const i = wordStart(text, wordEnd);
  return leads.has(text.slice(i, wordEnd)) && isLineStart(text, blanksBefore(text, i));
}

/**
 * Whether the word ending at `wordEnd` is a declaring builtin's flags, after that builtin
 * first on its line (`declare -x NAME=…`).
 */
function isDeclareFlagsFirstOnLine(text: string, wordEnd: number): boolean {
  const i = wordStart(text, wordEnd);
  if (!DECLARE_FLAGS.test(text.slice(i, wordEnd))) return false;
  const before = blanksBefore(text, i);
  return before < i && isLeadFirstOnLine(text, before, DECLARE_LEADS);
}

/** Where the word ending at `wordEnd` starts, read back at most {@link MAX_LEAD} characters. */
function wordStart(text: string, wordEnd: number): number {
  let i = wordEnd;
  while (i > 0 && wordEnd - i < MAX_LEAD && text.charCodeAt(i - 1) > 32) i--;
  return i;
}

/**
 * Whether the name at `keyStart` follows one of `leads` that stands first on its line,
 * blanks between (`local cmd=…`). Reads back a bounded distance.
 */
export function followsLineLead(
  text: string,
  keyStart: number,
  leads: ReadonlySet<string>,
): boolean {
  const i = blanksBefore(text, keyStart);
  return i < keyStart && isLeadFirstOnLine(text, i, leads);
}

/**
 * Whether the name `keyName` at `keyStart` starts an env file's assignment: SCREAMING_CASE,
 * first on its line after indentation and at most one lead word (`export`, `-`, `ENV`,
 * cmd's `set`, `readonly`, `declare`, `typeset`, `local`, the last four also with flags:
 * `declare -x`), or after cmd's quoted form `set "NAME=…"` (the quote right before the
 * name). Reads back a bounded distance: constant work per name.
 */
export function isEnvFileAssignment(text: string, keyStart: number, keyName: string): boolean {
  if (!ENV_NAME.test(keyName)) return false;
  const i = blanksBefore(text, keyStart);
  if (isLineStart(text, i)) return true;
  if (i < keyStart)
    return isLeadFirstOnLine(text, i, LINE_LEADS) || isDeclareFlagsFirstOnLine(text, i);
  if (text.charCodeAt(keyStart - 1) !== 34 /* " */) return false;
  const quote = keyStart - 1;
  const wordEnd = blanksBefore(text, quote);
  return wordEnd < quote && isLeadFirstOnLine(text, wordEnd, SET_LEADS);
}

/** Whether `value` holds a parenthesis that is no code (`k3#v9(u)x…`, not `getKey()`). */
export function holdsDataParentheses(value: string): boolean {
  if (!value.includes('(') && !value.includes(')')) return false;
  return !CODE_PARENTHESES.test(value) && !endsWithCall(value);
}
