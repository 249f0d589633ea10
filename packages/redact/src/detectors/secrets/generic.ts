import type { Detector } from '../../detector.js';
import type { Finding } from '../../finding.js';
import { isAwsSecretAccessKey } from './aws.js';
import { isPlaceholder } from './placeholder.js';

/**
 * A name that says its value is a credential, at the end of the key before a separator:
 * `password`, `db_pass`, `client_secret`, `apiKey`, `auth_token`, `private_key`, with an
 * optional suffix (`_key`, `_value`, `_hash`…). Anchored at the end of the key.
 */
const KEY_ENDING =
  /(?:pass(?:word|wd|phrase)?|pwd|secret|token|api[_-]?key|access[_-]?key|auth[_-]?key|private[_-]?key|credentials?)(?:[_.-]?(?:key|secret|value|str|string|b64|base64|hash))?$/i;
/** Separator candidates; the assignment is checked around each. */
const SEPARATOR = /[:=]/g;
/**
 * The value after a separator: optional spaces, then "…", '…', `…`, \"…\" (JSON inside a
 * JSON string) or a bare token.
 * Groups 1–5; each alternative starts with a different character, every repetition is
 * bounded: linear.
 */
const VALUE =
  /[ \t]{0,4}@?(?:"([^"\r\n]{1,256})"|'([^'\r\n]{1,256})'|`([^`\r\n]{1,256})`|\\"([^"\\\r\n]{1,256})\\"|([^\s"'`,;)}\]>&\\]{1,256}))/dy;

/** Capture group of the bare (unquoted) value; 1–3 are quoted, 4 is `\\"…\\"` (escaped JSON). */
const BARE = 5;

/** Bare values that are code, not secrets: calls, env lookups, attribute paths. */
const CODE_REFERENCE =
  /\(|^(?:process\.env|os\.environ|os\.getenv|env\.|getenv|this\.|self\.|config\.|settings\.|params\.|props\.|req\.|request\.)|^[A-Za-z_$][\w$]*(?:\.[\w$]+)+$|^[[{]/;

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isKeyChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 46;
}

function hasDigitOrSymbol(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (!isLetter(value.charCodeAt(i))) return true;
  return false;
}

/**
 * Short names (`pass`, `pwd`) must start a word: `db_pass` and `dbPass` do, `bypass` and
 * `compass` do not. Longer names may follow letters (`theapikey`, `githubtoken`).
 */
function startsWord(text: string, at: number): boolean {
  if (at === 0) return true;
  const c1 = text.charCodeAt(at) | 32;
  const short =
    (c1 === 112 && (text.charCodeAt(at + 1) | 32) === 119) || // pwd
    (c1 === 112 && !/^pass(?:word|wd|phrase)/i.test(text.slice(at, at + 10)));
  if (!short) return true;
  const before = text.charCodeAt(at - 1);
  if (!isLetter(before)) return true;
  const first = text.charCodeAt(at);
  return before >= 97 && before <= 122 && first >= 65 && first <= 90;
}

/** Whether a bare (unquoted) value is a credential rather than code or prose. */
function acceptsBare(value: string, colon: boolean, spaced: boolean): boolean {
  if (CODE_REFERENCE.test(value)) return false;
  // `token: abc` in prose and `token = response` in code name no secret; require a digit or
  // symbol there. `DB_PASSWORD=hunter` (env style, no spaces) is taken as it is.
  if ((colon || spaced) && !hasDigitOrSymbol(value)) return false;
  return true;
}

/**
 * Generic credential assignments (`secret` kind `generic`): code (`password = "…"`), env
 * files (`DB_PASSWORD=…`), JSON (`"api_key": "…"`), YAML (`token: …`), headers in curl
 * commands (`-H "X-Api-Key: …"`), URL queries (`?access_token=…`), CLI flags
 * (`--password=…`), Go (`:=`), PHP arrays (`=>`), `dict["secret"] = …`.
 * Found from each `:`/`=` (cheap to find) by looking back at the key name, so prose
 * without separators costs almost nothing. Lowest secret priority: a value a specific
 * detector recognises (`api_key=sk-…`) keeps the specific kind.
 */
export const genericAssignment: Detector = {
  id: 'generic-assignment',
  type: 'secret',
  kind: 'generic',
  priority: 50,
  alsoReports: [{ id: 'aws-secret-access-key', priority: 100 }],
  needles: [':', '='],
  scan(text: string, out: Finding[]): void {
    SEPARATOR.lastIndex = 0;
    let m = SEPARATOR.exec(text);
    while (m !== null) {
      const p = m.index;
      const c = text.charCodeAt(p);
      const nextChar = text.charCodeAt(p + 1);
      let sepEnd = p + 1;
      let skip = false;
      if (c === 58 /* : */) {
        if (nextChar === 61)
          sepEnd = p + 2; // :=
        else if (nextChar === 47 || nextChar === 58) skip = true; // URLs, `::`
      } else {
        const prev = text.charCodeAt(p - 1);
        if (prev === 61 || prev === 33 || prev === 60 || prev === 62 || prev === 58) skip = true;
        else if (nextChar === 62 || nextChar === 61) sepEnd = p + 2; // => ==
      }
      // Resume after the value read (if any): separators inside a value are not keys, and
      // skipping them keeps `password=password=…` linear.
      SEPARATOR.lastIndex = skip ? sepEnd : checkAssignment(text, p, sepEnd, c === 58, out);
      m = SEPARATOR.exec(text);
    }
  },
};

/** Checks the assignment around one separator; returns where the scan resumes. */
function checkAssignment(
  text: string,
  p: number,
  sepEnd: number,
  colon: boolean,
  out: Finding[],
): number {
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
  if (s === e) return sepEnd;
  const key = KEY_ENDING.exec(text.slice(s, e));
  if (key === null || !startsWord(text, s + key.index)) return sepEnd;
  VALUE.lastIndex = sepEnd;
  const v = VALUE.exec(text);
  if (v === null) return sepEnd;
  const indices = v.indices!;
  let group = 1;
  while (group < BARE && indices[group] === undefined) group++;
  const span = indices[group]!;
  let start = span[0];
  let end = span[1];
  // Trim spaces inside quotes: the secret is what is between them.
  while (start < end && text.charCodeAt(start) === 32) start++;
  while (end > start && text.charCodeAt(end - 1) === 32) end--;
  const value = text.slice(start, end);
  const spaced = spaces > 0 || text.charCodeAt(sepEnd) === 32;
  if (isAwsSecretAccessKey(text.slice(s, e), value)) {
    out.push({ type: 'secret', kind: 'aws', start, end, detector: 'aws-secret-access-key' });
  } else if (
    value.length >= 4 &&
    !isPlaceholder(value) &&
    (group !== BARE || acceptsBare(value, colon, spaced))
  ) {
    out.push({ type: 'secret', kind: 'generic', start, end, detector: 'generic-assignment' });
  }
  return span[1];
}
