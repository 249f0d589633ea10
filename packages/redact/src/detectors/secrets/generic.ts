import type { Detector } from '../../detector.js';
import type { Finding } from '../../finding.js';
import { isAwsSecretAccessKey } from './aws.js';
import { isSecretValue } from './secret-value-shape.js';

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
/**
 * The rest of a bare value after a `&`: outside a URL query a `&` is part of the value
 * (passwords hold symbols), not the start of the next parameter. Bounded: linear.
 */
const BARE_AFTER_AMPERSAND = /[^\s"'`,;)}\]>\\]{1,256}/y;

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isKeyChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 46;
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
  const bare = group === BARE;
  // After `?` or `&` the key is a URL query parameter; only there does `&` end a value.
  const before = text.charCodeAt(s - 1);
  const inUrlQuery = !colon && spaces === 0 && (before === 63 || before === 38);
  if (bare && !inUrlQuery && text.charCodeAt(end) === 38) {
    BARE_AFTER_AMPERSAND.lastIndex = end;
    if (BARE_AFTER_AMPERSAND.test(text)) end = BARE_AFTER_AMPERSAND.lastIndex;
  }
  const resume = end;
  // Trim spaces inside quotes: the secret is what is between them.
  while (start < end && text.charCodeAt(start) === 32) start++;
  while (end > start && text.charCodeAt(end - 1) === 32) end--;
  const value = text.slice(start, end);
  if (isAwsSecretAccessKey(text.slice(s, e), value)) {
    out.push({ type: 'secret', kind: 'aws', start, end, detector: 'aws-secret-access-key' });
  } else if (isSecretValue(value, bare, inUrlQuery)) {
    out.push({ type: 'secret', kind: 'generic', start, end, detector: 'generic-assignment' });
  }
  return resume;
}
