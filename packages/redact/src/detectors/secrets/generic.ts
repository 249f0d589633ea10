import { isAsciiAlphanumeric, isBlank, isHexDigit } from '../../char-class.js';
import {
  CREDENTIAL_KEY_ENDING,
  endsWithWeakCredentialName,
  startsWord,
} from '../../credential-names.js';
import type { Detector } from '../../detector.js';
import type { Finding } from '../../finding.js';
import { otherLanguageNameStart } from '../../localized-credential-names.js';
import { MAX_PERCENT_DECODES, percentDecoded } from '../../percent-decoded.js';
import { runEnd } from '../long-value.js';
import { isAwsSecretAccessKey } from './aws.js';
import { cjkProseValue } from './cjk-punctuation.js';
import { withoutEncodedQuotes } from './encoded-quotes.js';
import { ENV_VALUE_REST, holdsDataParentheses, isEnvFileAssignment } from './env-file-line.js';
import { endBeforeMarkup } from './markup-tail.js';
import { isPlaceholder } from './placeholder.js';
import { escapedClose, plainClose, type Quote } from './quoted-value.js';
import { isEnvLetterSecret, isSecretValue } from './secret-value-shape.js';
import { isWeakNameSecret } from './weak-name-value.js';
import { yamlMarkedValue } from './yaml-marked-value.js';
import { yamlNextLineValue } from './yaml-next-line.js';

/**
 * The head of the value after a separator: optional spaces, then an opening quote (", ', `
 * or \" of JSON inside a JSON string: group 1) or a bare token of up to 256 characters
 * (group 2). A quoted value is read to its closing quote by `escapedClose`, which knows
 * backslash escapes: a pattern that stopped at the first `"` or `\` left the tail of
 * `"Str0ngP@ss\"w0rd!"` in clear. A quote may carry a string prefix: C#'s verbatim `@`,
 * Python's `b`, `r`, `u`, `f` and pairs (`rb`): read as a bare value, Flask's
 * `SECRET_KEY = b'…'` was the one letter `b` and the key stayed in clear. The prefix is
 * taken only before a quote. A quoted value may stand on the next line, indented, as
 * Prettier breaks a long string (`password:\n    "…"`, `const token =\n  '…'`) and YAML
 * allows; a bare one there is read only as YAML writes one (`yaml-next-line.ts`). Each alternative
 * starts with a different character, every repetition is bounded: linear.
 */
const VALUE =
  /(?:[ \t]{0,4}\r?\n[ \t]{0,32}(?=(?:@|[bBrRuUfF]{1,2})?["'`]))?[ \t]{0,4}(?:@|[bBrRuUfF]{1,2}(?=["'`]))?(?:("|'|`|\\")|([^\s"'`,;)}\]>&\\]{1,256}))/dy;

/** Capture group of the opening quote. */
const QUOTED = 1;
/** Capture group of the bare (unquoted) value. */
const BARE = 2;
/**
 * The rest of a bare value: outside a URL query a `&` is part of the value (passwords
 * hold symbols), not the start of the next parameter, and a value past the head's bound
 * runs on to its end.
 */
const BARE_REST = /[^\s"'`,;)}\]>\\]*/y;
/** The rest of a bare value in a URL query, where `&` starts the next parameter. */
const QUERY_REST = /[^\s"'`,;)}\]>&\\]*/y;
/**
 * How many times over an encoded `=` is read encoded: `%3D` once, `%253D` twice (a query
 * in a query in a URL: an SSO redirect chain), `%25253D` three times.
 */
const MAX_ENCODINGS = 3;

/**
 * A bare value after an `=` encoded `n` times (at index `n - 1`), in a query carried inside
 * another: `&` and an `&` encoded as often or less (`%26`, `%2526`) start the next
 * parameter. The alternatives take disjoint characters (`%` only when it starts no such
 * `&`): linear.
 */
const ENCODED_QUERY_REST = Array.from(
  { length: MAX_ENCODINGS },
  (_, i) => new RegExp(`(?:[^\\s"'\`,;)}\\]>&\\\\%]|%(?!(?:25){0,${i}}26))*`, 'y'),
);

function isKeyChar(c: number): boolean {
  return isAsciiAlphanumeric(c) || c === 95 || c === 45 || c === 46;
}

/** U+FF1A FULLWIDTH COLON. */
const WIDE_COLON = '\uff1a';
const WIDE_COLON_CODE = WIDE_COLON.charCodeAt(0);

/**
 * Generic credential assignments (`secret` kind `generic`): code (`password = "…"`), env
 * files (`DB_PASSWORD=…`), JSON (`"api_key": "…"`), YAML (`token: …`), headers in curl
 * commands (`-H "X-Api-Key: …"`), URL queries (`?access_token=…`), CLI flags
 * (`--password=…`), Go (`:=`), PHP arrays (`=>`), `dict["secret"] = …`.
 * Found from each `:`/`=` (cheap to find) by looking back at the key name, so prose
 * without separators costs almost nothing. A credential name alone proves nothing in
 * code, config and prose (`apiKey: Options['apiKey']`, `"js-tiktoken": "^1.0.21"`,
 * `secret: 'mask'`), so the value must also look like a secret (`isSecretValue`).
 * Lowest secret priority: a value a specific detector recognises (`api_key=sk-…`) keeps
 * the specific kind.
 */
export const genericAssignment: Detector = {
  id: 'generic-assignment',
  type: 'secret',
  kind: 'generic',
  priority: 50,
  alsoReports: [{ id: 'aws-secret-access-key', priority: 100 }],
  // `%3D`: an encoded `=` (a query inside a query) in a text that may hold no `=` itself;
  // `%25` starts one encoded more than once (`%253D`).
  needles: [':', '=', '%3D', '%3d', '%25', WIDE_COLON],
  scan(text: string, out: Finding[]): void {
    // The next `:` and the next `=`, each kept from its own `indexOf`: a regex for either
    // allocated a match per separator, and JSON holds one every dozen characters.
    let colonAt = text.indexOf(':');
    let equalsAt = text.indexOf('=');
    // A percent-encoded `=` (`%3D`): a query or form carried inside another one.
    let encodedAt = encodedEquals(text, 0);
    // The full-width colon Chinese and Japanese input methods type (`password：…`), read
    // as `:`. A one-byte string cannot hold it, so its search costs nothing there.
    let wideColonAt = text.indexOf(WIDE_COLON);
    while (colonAt >= 0 || equalsAt >= 0 || encodedAt >= 0 || wideColonAt >= 0) {
      let p = equalsAt < 0 || (colonAt >= 0 && colonAt < equalsAt) ? colonAt : equalsAt;
      if (encodedAt >= 0 && (p < 0 || encodedAt < p)) p = encodedAt;
      if (wideColonAt >= 0 && (p < 0 || wideColonAt < p)) p = wideColonAt;
      const c = text.charCodeAt(p);
      const nextChar = text.charCodeAt(p + 1);
      let sepEnd = p + 1;
      let skip = false;
      if (c === WIDE_COLON_CODE) {
        // A separator of prose typed in those scripts: never part of a URL or `:=`.
      } else if (c === 37 /* % */) {
        sepEnd = p + 1 + 2 * encodings(text, p);
      } else if (c === 58 /* : */) {
        if (nextChar === 61)
          sepEnd = p + 2; // :=
        else if (nextChar === 47 || nextChar === 58) skip = true; // URLs, `::`
      } else {
        const prev = text.charCodeAt(p - 1);
        if (prev === 61 || prev === 33 || prev === 60 || prev === 62 || prev === 58) skip = true;
        else if (nextChar === 62 || nextChar === 61) sepEnd = p + 2; // => ==
      }
      // Resume after the value read (if any): separators inside a value are not keys, and
      // skipping them keeps `password=password=…` linear. Always past `p`.
      const sep = c === WIDE_COLON_CODE ? 58 : c;
      const resume = skip ? sepEnd : checkAssignment(text, p, sepEnd, sep, out);
      if (colonAt >= 0 && colonAt < resume) colonAt = text.indexOf(':', resume);
      if (equalsAt >= 0 && equalsAt < resume) equalsAt = text.indexOf('=', resume);
      if (encodedAt >= 0 && encodedAt < resume) encodedAt = encodedEquals(text, resume);
      if (wideColonAt >= 0 && wideColonAt < resume) wideColonAt = text.indexOf(WIDE_COLON, resume);
    }
  },
};

/** Offset of the next encoded `=` (`%3D`, `%3d`, `%253D`, …) from `from`, or -1. */
function encodedEquals(text: string, from: number): number {
  let i = text.indexOf('%', from);
  while (i >= 0) {
    if (encodings(text, i) > 0) return i;
    i = text.indexOf('%', i + 1);
  }
  return -1;
}

/**
 * How many times the `=` at the `%` at `at` is encoded: `%3D` 1, `%253D` 2 (each `25` is
 * one more), up to {@link MAX_ENCODINGS}; 0 when no `=` is encoded there.
 */
function encodings(text: string, at: number): number {
  let i = at + 1;
  let n = 1;
  while (n < MAX_ENCODINGS && text.charCodeAt(i) === 50 /* 2 */ && text.charCodeAt(i + 1) === 53) {
    i += 2;
    n++;
  }
  return text.charCodeAt(i) === 51 /* 3 */ && (text.charCodeAt(i + 1) | 32) === 100 /* d */ ? n : 0;
}

/**
 * Checks the assignment around one separator (`sep`: the character code of `:`, `=`, or
 * `%` of an encoded `%3D`); returns where the scan resumes.
 */
function checkAssignment(
  text: string,
  p: number,
  sepEnd: number,
  sep: number,
  out: Finding[],
): number {
  const colon = sep === 58;
  // Walk back: spaces, a closing `]`, a closing quote, then the key.
  let e = p;
  let spaces = 0;
  while (e > 0 && spaces < 4 && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 9)) {
    e--;
    spaces++;
  }
  if (text.charCodeAt(e - 1) === 93) e--; // ]
  const q = text.charCodeAt(e - 1);
  if (q === 34 || q === 39) {
    e--;
    // `\"password\": …`: JSON inside a JSON string (a ledger record holding a request).
    if (text.charCodeAt(e - 1) === 92) e--;
  }
  let s = e;
  const limit = Math.max(0, e - 64);
  while (s > limit && isKeyChar(text.charCodeAt(s - 1))) s--;
  // A key right after a percent-escape (`%3Fpassword%3D…`, `%26pwd=…`): the escape's two
  // hex digits are not part of the name (`3Fpwd` would fail `pwd`'s word start).
  // Encoded more than once (`%253F`: `%25` is `%`), the escape runs on to the next two.
  let escapeBefore = -1;
  if (text.charCodeAt(s - 1) === 37) {
    while (
      (escapeBefore === -1 || escapeBefore === 37) &&
      isHexDigit(text.charCodeAt(s)) &&
      isHexDigit(text.charCodeAt(s + 1))
    ) {
      escapeBefore = Number.parseInt(text.slice(s, s + 2), 16);
      s += 2;
    }
  }
  const key = s < e ? CREDENTIAL_KEY_ENDING.exec(text.slice(s, e)) : null;
  // A name right after an escape starts a word: `%3Fpwd` is `?pwd`, not `Fpwd`.
  const afterEscape = escapeBefore >= 0 && key !== null && key.index === 0;
  let strong = key !== null && (afterEscape || startsWord(text, s + key.index));
  if (!strong) {
    // A name in another language: `Passwort:`, `mot de passe :`, `пароль:`, `密码：`.
    const start = otherLanguageNameStart(text, e);
    if (start >= 0) {
      s = start;
      strong = true;
    }
  }
  const keyName = text.slice(s, e);
  // `STRIPE_KEY`, `NPM_AUTH`, `?key=`: read too, but only a machine-made value is taken.
  const weak = !strong && s < e && endsWithWeakCredentialName(keyName);
  if (!strong && !weak) return sepEnd;
  // YAML's bare value on the next line (`password:\n  …`, `password: |\n  …`).
  const nextLine = colon ? yamlNextLineValue(text, s, sepEnd) : undefined;
  if (nextLine !== undefined) {
    report(text, keyName, weak, nextLine[0], nextLine[1], true, false, out);
    return nextLine[1];
  }
  // After `?` or `&` (or their escapes `%3F`, `%26`) the key is a URL query parameter;
  // only there does `&` end a value.
  const before = escapeBefore >= 0 ? escapeBefore : text.charCodeAt(s - 1);
  const inUrlQuery = !colon && spaces === 0 && (before === 63 || before === 38);
  // An env file's line (`DJANGO_SECRET_KEY=k3#v9(u)…`), or its YAML form (`DJANGO_SECRET_KEY:
  // k3#v9(u)…`, compose `environment:` maps, ConfigMaps; decision 0032): the value runs to
  // its blank, and parentheses there are the value's own characters unless they make a
  // call. After `=` it may start with the `&` or `)` that the head of a value in code never
  // does (after YAML's `: `, `&` starts an anchor, read below).
  const first = text.charCodeAt(sepEnd);
  const envLine =
    spaces === 0 &&
    !inUrlQuery &&
    (sep === 61 || (colon && (first === 32 || first === 9))) &&
    isEnvFileAssignment(text, s, keyName);
  if (envLine && sep === 61 && (first === 38 || first === 41)) {
    const run = runEnd(ENV_VALUE_REST, text, sepEnd);
    return reportBare(text, keyName, weak, sepEnd, run, true, false, 0, out, true);
  }
  // After YAML's `: `, an anchor before the value (`password: &db_pw …`), or on an env line
  // a key starting with `)` or `&` (`yaml-marked-value.ts`).
  let valueFrom = sepEnd;
  if (colon && (first === 32 || first === 9)) {
    const marked = yamlMarkedValue(text, sepEnd, envLine);
    if (marked !== undefined && marked.end >= 0) {
      return reportBare(text, keyName, weak, marked.start, marked.end, true, false, 0, out, true);
    }
    if (marked !== undefined) valueFrom = marked.start;
  }
  VALUE.lastIndex = valueFrom;
  const v = VALUE.exec(text);
  if (v === null) return sepEnd;
  const indices = v.indices!;
  if (indices[QUOTED] === undefined) {
    const [start, head] = indices[BARE]!;
    // In CJK prose the sentence goes on after the value with no blank (`…，请妥善保管`): the
    // value up to its punctuation is taken when it is a secret, the rest left to be read.
    // Read in the head only, before the run to the blank is measured (the rest of the text,
    // it may be): each assignment reads a bounded stretch, and the scan stays linear.
    const prose = cjkProseValue(text, start, head);
    if (
      prose !== null &&
      report(text, keyName, weak, prose[0], prose[1], true, inUrlQuery, out, prose[1], 0, envLine)
    ) {
      return prose[1];
    }
    // After an encoded `=` the query is encoded as often: `%26` (`%2526` encoded twice)
    // starts its next parameter (an `&` in the value would be encoded once more). Read from
    // the value's start: the head may have run past it.
    const encoded = sep === 37 ? (sepEnd - p - 1) / 2 : 0;
    let run =
      encoded > 0
        ? runEnd(ENCODED_QUERY_REST[encoded - 1]!, text, start)
        : runEnd(inUrlQuery ? QUERY_REST : BARE_REST, text, head);
    if (envLine) run = Math.max(run, runEnd(ENV_VALUE_REST, text, head));
    // In YAML's form the value must be a whole plain scalar, to a blank or the line's end:
    // cut at `,` or `;` it is a JS object's member (`TOKEN: s?.slice(0,8),`), code.
    const dataParentheses = envLine && (sep === 61 || endsToken(text, run));
    return reportBare(
      text,
      keyName,
      weak,
      start,
      run,
      dataParentheses,
      inUrlQuery,
      encoded,
      out,
      envLine,
    );
  }
  // A quoted value runs to its closing quote, escapes read as escapes; one without a
  // closing quote is no value. The reading without escapes is the fallback when that one
  // is open or no secret (a shell `'pa\ss\'`, a Windows path `"C:\dir\" x="y"`, where a
  // backslash is literal): either reading that holds a secret is taken, failing closed.
  const quote = v[QUOTED] as Quote;
  const start = indices[QUOTED]![1];
  const escaped = escapedClose(text, start, quote);
  if (
    escaped > start &&
    report(text, keyName, weak, start, escaped, false, inUrlQuery, out, escaped, 0, envLine)
  ) {
    return escaped;
  }
  // Resuming after the shorter reading leaves the separators past it to be checked: a
  // rejected reading may have run over the next assignment (`x="C:\dir\" token="…"`).
  const plain = plainClose(text, start, quote);
  if (plain <= start) return sepEnd;
  if (plain !== escaped) {
    // The plain reading stopped on an escaped quote (`"admin123\" OR \"1\"=\"1"` in JSON)
    // and the escaped one closes a string there: the finding covers the whole string, or
    // it would end on the escaping backslash, leave the tail in clear and unbalance the
    // quotes. A quote that closes nothing (`"C:\dir\" other="x"`) keeps the plain reading:
    // there the backslash is literal.
    const whole = escaped > plain && closesString(text, escaped);
    const spanEnd = whole ? escaped : plain;
    report(text, keyName, weak, start, plain, false, inUrlQuery, out, spanEnd, 0, envLine);
  }
  return plain;
}

/** Whether a token ends at `i`: a blank, a line end or the text's end follows. */
function endsToken(text: string, i: number): boolean {
  return i >= text.length || isBlank(text.charCodeAt(i));
}

/**
 * Reports the bare value `text[start, run)` (see `report`); returns where the scan resumes.
 * A tag the value ran into (`…</password>`) is markup, and the scan resumes at it. On an
 * env file's line or its YAML form (`dataParentheses`) parentheses that make no call are
 * judged as a quoted value's. `envLine`: see `report`.
 */
function reportBare(
  text: string,
  keyName: string,
  weak: boolean,
  start: number,
  run: number,
  dataParentheses: boolean,
  inUrlQuery: boolean,
  encoded: number,
  out: Finding[],
  envLine: boolean,
): number {
  const end = endBeforeMarkup(text, start, run);
  const [from, to] = withoutEncodedQuotes(text, start, end);
  const bare = !(dataParentheses && holdsDataParentheses(text.slice(from, to)));
  report(text, keyName, weak, from, to, bare, inUrlQuery, out, to, encoded, envLine);
  return end;
}

/**
 * Whether the quote at `close` ends a string of JSON or code: blanks, then `,`, `}`, `]`,
 * `)`, `;`, a line end or the end of the text.
 */
function closesString(text: string, close: number): boolean {
  let i = close + 1;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  if (i >= text.length) return true;
  const c = text.charCodeAt(i);
  return c === 44 || c === 125 || c === 93 || c === 41 || c === 59 || c === 10 || c === 13;
}

/**
 * Reports the value in `text[start, end)` (spaces inside quotes trimmed: the secret is
 * what is between them) when it is shaped like a secret (looks machine-made under a
 * `weakName`: `STRIPE_KEY`, `?key=`); says whether it did. The finding
 * runs to `spanEnd` when that is further (the whole string the value starts). A value
 * after an `=` encoded `encoded` times is also decoded as often (until no `%` is left when
 * it holds one), and is no secret when that is a placeholder; the shape is judged as written,
 * where a space decoded from a sloppy `%20` would turn a password away. On an env file's
 * line or its YAML form (`envLine`) a long value of letters in both cases is taken under a
 * credential name however it reads (`isEnvLetterSecret`).
 */
function report(
  text: string,
  keyName: string,
  weakName: boolean,
  start: number,
  end: number,
  bare: boolean,
  inUrlQuery: boolean,
  out: Finding[],
  spanEnd = end,
  encoded = 0,
  envLine = false,
): boolean {
  while (start < end && text.charCodeAt(start) === 32) start++;
  while (end > start && text.charCodeAt(end - 1) === 32) end--;
  const value = text.slice(start, end);
  // Percent-encoded in a query, even after a plain `=` (`token=%5BSECRET_1%5D`): a value
  // that decodes to a placeholder is one, so redacting a redacted URL changes nothing.
  // Encoded again inside another URL (`%255BSECRET_1%255D`), it is decoded as often as needed.
  const times = value.includes('%') ? Math.max(encoded, MAX_PERCENT_DECODES) : encoded;
  if (times > 0 && isPlaceholder(percentDecoded(value, times))) return false;
  const to = Math.max(end, spanEnd);
  if (isAwsSecretAccessKey(keyName, value)) {
    out.push({ type: 'secret', kind: 'aws', start, end: to, detector: 'aws-secret-access-key' });
    return true;
  }
  const shaped = weakName
    ? isWeakNameSecret(keyName, value, bare, inUrlQuery)
    : isSecretValue(value, bare, inUrlQuery) || (envLine && isEnvLetterSecret(value));
  if (shaped) {
    out.push({ type: 'secret', kind: 'generic', start, end: to, detector: 'generic-assignment' });
    return true;
  }
  return false;
}
