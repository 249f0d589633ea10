import type { Detector } from '../../detector.js';
import type { Finding } from '../../finding.js';
import { isSensitiveKey } from '../../redactor/sensitive-keys.js';
import { AnyCaseSearch } from '../any-case-search.js';
import { readElement } from './argv-array.js';
import { isSecretValue } from './secret-value-shape.js';

/**
 * A JSON member naming a setting, then the next member holding its value:
 * `"name": "DB_PASSWORD", "value": "…"` (Kubernetes and ECS environment lists, HAR
 * headers), `"Key"`/`"Value"` (AWS tags and parameters). Quotes may be escaped as JSON
 * inside a JSON string escapes them (group 1). Matched sticky where `name`/`key` was
 * found; the name is group 2. Bounded: linear.
 */
const JSON_PAIR = /(?:name|key)(\\?)"[ \t]{0,4}:[ \t]{0,4}\1"([^"\\<>]{1,128})\1"/iy;

/**
 * A comma and the next member's key and colon, as JSON writes it (escaped, group 1, as the
 * pair's quotes are); the key is group 2. Matched sticky after a member.
 */
const JSON_NEXT_MEMBER =
  /[ \t\r\n]{0,16},[ \t\r\n]{0,16}(\\?)"([A-Za-z_$][\w$-]{0,31})\1"[ \t]{0,4}:[ \t]{0,4}/y;

/** A bare JSON scalar: a number, `true`, `false` or `null`, ending there. */
const JSON_BARE_SCALAR = /(?:-?\d[\d.eE+-]{0,31}|true|false|null)(?![\w.])/y;

/**
 * Most members read between a pair's name and its value (`"type": "string"`, `"secure":
 * true`): constant work per name, and a list of pairs keeps each pair in its own object.
 */
const MAX_MEMBERS_BETWEEN = 3;

/** A JSON `"value":` member's key and colon, matched sticky where `value` was found. */
const JSON_VALUE_KEY = /value(\\?)"[ \t]{0,4}:[ \t]{0,4}/iy;

/**
 * After a JSON value's closing quote, the pair written value first: a comma, then the
 * `name`/`key` member (group 2) with the same escaping (group 1, from the value's key).
 */
const JSON_NAME_AFTER =
  /[ \t\r\n]{0,16},[ \t\r\n]{0,16}(\\?)"(?:name|key)\1"[ \t]{0,4}:[ \t]{0,4}\1"([^"\\<>]{1,128})\1"/iy;

/**
 * A YAML member with a scalar on its line (`type: string`, `secure: true`), ending the line:
 * what may stand between a pair's name and value. The key is group 1. Not a nested block
 * (`meta:` alone) nor a list.
 */
const YAML_SCALAR_MEMBER = /([A-Za-z_][\w-]{0,31}):[ \t]{1,4}[^\s#\-[{|>][^\r\n]{0,255}(?=\r?\n)/y;

/**
 * A YAML `name: DB_PASSWORD` ending its line: before the `value: …` line (name first, the
 * same column) or after it (value first). The name is group 2.
 */
const YAML_NAME_LINE = /(?:name|key):[ \t]{1,4}(["']?)([\w.-]{1,128})\1[ \t]*(?=\r?\n|$)/iy;
/** `value:` and the blanks after it, at the start of a value-first pair's line. */
const YAML_VALUE_KEY = /value:[ \t]{1,4}/iy;
/** Longest line before a value-first pair's name that is read back: bounded per name. */
const MAX_VALUE_LINE = 512;

/** Where a `name` or `key` member may start, in any letter case. */
const NAME_WORD = new AnyCaseSearch('name');
const KEY_WORD = new AnyCaseSearch('key');
const VALUE_WORD = new AnyCaseSearch('value');

/** An HTTP auth scheme before the credentials of an `Authorization` value. */
const AUTH_SCHEME = /^(?:token|api-token|bearer|basic)[ \t]+/i;

/** End of a bare YAML value: the line's end, or ` #` (a comment), trailing blanks off. */
function bareEnd(text: string, i: number): number {
  let end = i;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    if (c === 10 || c === 13) break;
    if (c === 35 /* # */ && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9))
      break;
    end++;
  }
  while (end > i && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
  return end;
}

/** Reports the value at `start, end)` when it is shaped like a secret, an auth scheme skipped. */
function report(text: string, start: number, end: number, bare: boolean, out: Finding[]): void {
  const scheme = AUTH_SCHEME.exec(text.slice(start, Math.min(end, start + 16)));
  const from = scheme === null ? start : start + scheme[0].length;
  if (isSecretValue(text.slice(from, end), bare, false)) {
    out.push({ type: 'secret', kind: 'generic', start: from, end, detector: 'named-value-pair' });
  }
}

/** Where the line holding `at` starts. */
function lineStart(text: string, at: number): number {
  return text.lastIndexOf('\n', at) + 1;
}

/**
 * A setting's value held apart from its name, as lists of name/value pairs write it: JSON
 * `{"name": "DB_PASSWORD", "value": "…"}` (also value first) (Kubernetes and ECS `env`, HAR headers such as
 * `X-Api-Key` or `Authorization`, AWS `Key`/`Value` pairs) and YAML's `- name: DB_PASSWORD`
 * with `value: …` on a line below in the same column (or `- value: …` on a line above). The name must be one `redactValue`
 * masks a value under (`isSensitiveKey`: `DB_PASSWORD`, `X-Api-Key`, `Authorization`); the
 * value must pass an assignment's value check, a scheme such as `Token ` left out. In JSON
 * up to three scalar members may stand between (`"type": "string"`), and in YAML up to three
 * lines of them, in the pair's column. `valueFrom` (a reference to a secret store) is no value.
 *
 * Found from each `name`/`key` in any case (`AnyCaseSearch`, as `xml-named-value` finds
 * its attributes) with a short sticky pattern: linear. The YAML form reads back to the
 * line's start (bounded by the pattern's indentation) once per candidate.
 */
export const namedValuePair: Detector = {
  id: 'named-value-pair',
  type: 'secret',
  kind: 'generic',
  priority: 50,
  needles: ['alue', 'ALUE'],
  scan(text: string, out: Finding[]): void {
    const names = NAME_WORD;
    const keys = KEY_WORD;
    names.start(text);
    keys.start(text);
    let nameAt = names.next(0);
    let keyAt = keys.next(0);
    while (nameAt >= 0 || keyAt >= 0) {
      const at = keyAt < 0 || (nameAt >= 0 && nameAt < keyAt) ? nameAt : keyAt;
      if (at === nameAt) nameAt = names.next(at + 1);
      else keyAt = keys.next(at + 1);
      const before = text.charCodeAt(at - 1);
      if (before === 34 /* " */) readJson(text, at, out);
      else if (at === 0 || before === 32 || before === 9 || before === 10) {
        readYaml(text, at, out);
        readYamlValueFirst(text, at, out);
      }
    }
    const values = VALUE_WORD;
    values.start(text);
    for (let at = values.next(0); at >= 0; at = values.next(at + 1)) {
      if (text.charCodeAt(at - 1) === 34 /* " */) readJsonValueFirst(text, at, out);
    }
  },
};

/**
 * Offset right after a scalar member value at `i` (a string quoted as `escaped` says, a
 * number, `true`, `false`, `null`); -1 for anything else (an object, an array: nested
 * members are not followed).
 */
function scalarEnd(text: string, i: number, escaped: string): number {
  const c = text.charCodeAt(i);
  if (c === 34 || c === 92) {
    if (!text.startsWith(escaped === '' ? '"' : '\\"', i)) return -1;
    return readElement(text, i)?.next ?? -1;
  }
  JSON_BARE_SCALAR.lastIndex = i;
  return JSON_BARE_SCALAR.test(text) ? JSON_BARE_SCALAR.lastIndex : -1;
}

/** Whether a member key is one of the pair's own (`name`, `key`, `value`, any case). */
function isPairKey(key: string): boolean {
  const lower = key.toLowerCase();
  return lower === 'name' || lower === 'key' || lower === 'value';
}

/**
 * JSON's pair written name first: `{"name": "DB_PASSWORD", "value": "…"}`, up to
 * {@link MAX_MEMBERS_BETWEEN} scalar members between (`"type": "string"`). Each name reads
 * at most that many members on: linear.
 */
function readJson(text: string, at: number, out: Finding[]): void {
  JSON_PAIR.lastIndex = at;
  const m = JSON_PAIR.exec(text);
  if (m === null || !isSensitiveKey(m[2]!)) return;
  const escaped = m[1]!;
  let i = JSON_PAIR.lastIndex;
  for (let between = 0; ; between++) {
    JSON_NEXT_MEMBER.lastIndex = i;
    const member = JSON_NEXT_MEMBER.exec(text);
    if (member === null || member[1] !== escaped) return;
    const key = member[2]!;
    i = JSON_NEXT_MEMBER.lastIndex;
    if (key.toLowerCase() === 'value') {
      const element = readElement(text, i);
      if (element !== null && element.start >= 0) {
        report(text, element.start, element.end, false, out);
      }
      return;
    }
    if (between === MAX_MEMBERS_BETWEEN || isPairKey(key)) return;
    i = scalarEnd(text, i, escaped);
    if (i < 0) return;
  }
}

/**
 * JSON's pair written value first: `{"value": "…", "name": "DB_PASSWORD"}`. Read forward
 * from `value`: its string (to the next quote on its line), then the members after it, up
 * to {@link MAX_MEMBERS_BETWEEN} scalar ones before the name; each `value` reads a bounded
 * number of members, so linear.
 */
function readJsonValueFirst(text: string, at: number, out: Finding[]): void {
  JSON_VALUE_KEY.lastIndex = at;
  const key = JSON_VALUE_KEY.exec(text);
  if (key === null) return;
  const escaped = key[1]!;
  const from = JSON_VALUE_KEY.lastIndex;
  // The value's quote is escaped as its key's is (`\"value\":\"…\"` inside a JSON string).
  if (!text.startsWith(escaped === '' ? '"' : '\\"', from)) return;
  const element = readElement(text, from);
  if (element === null || element.start < 0) return;
  let i = element.next;
  for (let between = 0; ; between++) {
    JSON_NAME_AFTER.lastIndex = i;
    const name = JSON_NAME_AFTER.exec(text);
    if (name !== null) {
      if (name[1] === escaped && isSensitiveKey(name[2]!)) {
        report(text, element.start, element.end, false, out);
      }
      return;
    }
    // A scalar member between (`"type": "string"`), at most {@link MAX_MEMBERS_BETWEEN}.
    JSON_NEXT_MEMBER.lastIndex = i;
    const member = JSON_NEXT_MEMBER.exec(text);
    if (between === MAX_MEMBERS_BETWEEN || member === null || member[1] !== escaped) return;
    if (isPairKey(member[2]!)) return;
    i = scalarEnd(text, JSON_NEXT_MEMBER.lastIndex, escaped);
    if (i < 0) return;
  }
}

/**
 * YAML's pair written name first: `- name: DB_PASSWORD` then `value: …` on a line below in
 * the name's column, up to {@link MAX_MEMBERS_BETWEEN} lines of scalar members between
 * (`type: string`) in that column. Each name reads at most that many lines on: linear.
 */
function readYaml(text: string, at: number, out: Finding[]): void {
  YAML_NAME_LINE.lastIndex = at;
  const m = YAML_NAME_LINE.exec(text);
  if (m === null || !isSensitiveKey(m[2]!)) return;
  // The value stands in the name's column (`- name:` puts the name after `- `).
  const column = at - lineStart(text, at);
  let i = YAML_NAME_LINE.lastIndex;
  for (let between = 0; ; between++) {
    if (text.charCodeAt(i) === 13) i++;
    if (text.charCodeAt(i) !== 10) return;
    const lineAt = ++i;
    while (i - lineAt <= column && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    if (i - lineAt !== column) return;
    YAML_VALUE_KEY.lastIndex = i;
    if (YAML_VALUE_KEY.test(text)) {
      reportYamlValue(text, YAML_VALUE_KEY.lastIndex, out);
      return;
    }
    if (between === MAX_MEMBERS_BETWEEN) return;
    YAML_SCALAR_MEMBER.lastIndex = i;
    const member = YAML_SCALAR_MEMBER.exec(text);
    if (member === null || isPairKey(member[1]!)) return;
    i = YAML_SCALAR_MEMBER.lastIndex;
  }
}

/**
 * Reports a YAML value starting at `from`: quoted (closing by `lineEnd`), or bare to its
 * line's end or comment.
 */
function reportYamlValue(text: string, from: number, out: Finding[], lineEnd = text.length): void {
  const c = text.charCodeAt(from);
  if (c === 34 || c === 39) {
    const element = readElement(text, from);
    if (element !== null && element.start >= 0 && element.end <= lineEnd)
      report(text, element.start, element.end, false, out);
    return;
  }
  report(text, from, bareEnd(text, from), true, out);
}

/**
 * Offset where the line holding `at` starts when only indentation (at most 64 blanks)
 * stands before `at` on it; -1 otherwise. Bounded: a name after other words costs nothing.
 */
function indentedLineStart(text: string, at: number): number {
  let i = at;
  while (i > 0 && at - i < 64) {
    const c = text.charCodeAt(i - 1);
    if (c === 10) return i;
    if (c !== 32 && c !== 9) return -1;
    i--;
  }
  return i === 0 ? 0 : -1;
}

/**
 * The line before the one starting at `lineAt`, without its line break: `[start, end)`;
 * undefined at the text's first line or when that line is longer than
 * {@link MAX_VALUE_LINE} (read back no further).
 */
function previousLine(text: string, lineAt: number): [number, number] | undefined {
  if (lineAt <= 0) return undefined;
  let end = lineAt - 1;
  if (text.charCodeAt(end - 1) === 13) end--;
  let start = end;
  while (start > 0 && text.charCodeAt(start - 1) !== 10) {
    if (end - start >= MAX_VALUE_LINE) return undefined;
    start--;
  }
  return [start, end];
}

/**
 * What stands before a member at `memberAt` on a line starting at `lineAt`: `'indent'`
 * (blanks only), `'item'` (blanks and the list item's `- ` right before it: the item's
 * first member), or undefined (anything else).
 */
function memberLead(text: string, lineAt: number, memberAt: number): 'indent' | 'item' | undefined {
  let item = false;
  for (let i = lineAt; i < memberAt; i++) {
    const c = text.charCodeAt(i);
    const dash = c === 45 && i === memberAt - 2 && text.charCodeAt(i + 1) === 32;
    if (dash) item = true;
    else if (c !== 32 && c !== 9) return undefined;
  }
  return item ? 'item' : 'indent';
}

/**
 * YAML's pair written value first: `- value: …` on a line above `name: DB_PASSWORD` in the
 * same column (as the list item's first member the value sits after `- `), right above it
 * or with up to {@link MAX_MEMBERS_BETWEEN} lines of scalar members between (`type:
 * string`) in that column; a list item's first line ends the search. Read from the name
 * back over at most that many lines of at most {@link MAX_VALUE_LINE} characters: constant
 * work per name.
 */
function readYamlValueFirst(text: string, at: number, out: Finding[]): void {
  YAML_NAME_LINE.lastIndex = at;
  const m = YAML_NAME_LINE.exec(text);
  if (m === null || !isSensitiveKey(m[2]!)) return;
  const start = indentedLineStart(text, at);
  if (start <= 0) return;
  const column = at - start;
  let lineAt = start;
  for (let between = 0; ; between++) {
    const line = previousLine(text, lineAt);
    if (line === undefined) return;
    const [prevStart, prevEnd] = line;
    const memberAt = prevStart + column;
    if (memberAt >= prevEnd) return;
    const lead = memberLead(text, prevStart, memberAt);
    if (lead === undefined) return;
    YAML_VALUE_KEY.lastIndex = memberAt;
    if (YAML_VALUE_KEY.test(text)) {
      reportYamlValue(text, YAML_VALUE_KEY.lastIndex, out, prevEnd);
      return;
    }
    // Above the item's first line, members are another item's.
    if (lead === 'item' || between === MAX_MEMBERS_BETWEEN) return;
    YAML_SCALAR_MEMBER.lastIndex = memberAt;
    const member = YAML_SCALAR_MEMBER.exec(text);
    if (member === null || isPairKey(member[1]!) || YAML_SCALAR_MEMBER.lastIndex !== prevEnd) {
      return;
    }
    lineAt = prevStart;
  }
}
