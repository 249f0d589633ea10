import { CREDENTIAL_KEY_ENDING, startsWord } from '../../credential-names.js';
import type { Detector } from '../../detector.js';
import type { Finding } from '../../finding.js';
import { runEnd } from '../long-value.js';
import { isAwsSecretAccessKey } from './aws.js';
import { isSecretValue } from './secret-value-shape.js';

/** Separator candidates; the assignment is checked around each. */
const SEPARATOR = /[:=]/g;
/**
 * The head of the value after a separator: optional spaces, then "…, '…, `…, \"… (JSON
 * inside a JSON string) or a bare token, each up to 256 characters. The closing quote is
 * checked by the scan, after `QUOTED_REST` has carried a value that filled the bound on to
 * it. Groups 1–5; each alternative starts with a different character, every repetition is
 * bounded: linear.
 */
const VALUE =
  /[ \t]{0,4}@?(?:"([^"\r\n]{1,256})|'([^'\r\n]{1,256})|`([^`\r\n]{1,256})|\\"([^"\\\r\n]{1,256})|([^\s"'`,;)}\]>&\\]{1,256}))/dy;
/** The head's bound: a value that fills it may go on (see `long-value.ts`). */
const HEAD_BOUND = 256;

/** Capture group of the bare (unquoted) value; 1–3 are quoted, 4 is `\\"…\\"` (escaped JSON). */
const BARE = 5;
/** Per quoted group (1–4): the rest of a value past the head, up to its closing quote. */
const QUOTED_REST: readonly RegExp[] = [
  /(?:)/y,
  /[^"\r\n]*/y,
  /[^'\r\n]*/y,
  /[^`\r\n]*/y,
  /[^"\\\r\n]*/y,
];
/** Per quoted group (1–4): the closing quote. */
const CLOSING = ['', '"', "'", '`', '\\"'];
/**
 * The rest of a bare value: outside a URL query a `&` is part of the value (passwords
 * hold symbols), not the start of the next parameter, and a value past the head's bound
 * runs on to its end.
 */
const BARE_REST = /[^\s"'`,;)}\]>\\]*/y;
/** The rest of a bare value in a URL query, where `&` starts the next parameter. */
const QUERY_REST = /[^\s"'`,;)}\]>&\\]*/y;

function isKeyChar(c: number): boolean {
  return (
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    (c >= 48 && c <= 57) ||
    c === 95 ||
    c === 45 ||
    c === 46
  );
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
  const key = CREDENTIAL_KEY_ENDING.exec(text.slice(s, e));
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
  if (bare) {
    end = runEnd(inUrlQuery ? QUERY_REST : BARE_REST, text, end);
  } else {
    // A quoted value that filled the head runs on to its closing quote; one without a
    // closing quote is no value.
    if (end - start === HEAD_BOUND) end = runEnd(QUOTED_REST[group]!, text, end);
    if (!text.startsWith(CLOSING[group]!, end)) return sepEnd;
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
