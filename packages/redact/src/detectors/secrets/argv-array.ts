import { isAsciiAlphanumeric, isBlank } from '../../char-class.js';
import type { Detector } from '../../detector.js';
import type { Finding } from '../../finding.js';
import { isArgumentMember, isCommandMember } from '../../redactor/argv-command.js';
import { ArgvReader, judgeBy } from './argv-reader.js';
import { isSecretValue } from './secret-value-shape.js';

/**
 * The text form of an argument judged as on a command line: a long flag's value as
 * `--password <v>` is (`flag-value.ts`), sshpass's password leniently (a word is taken).
 * Elements are quoted, so never bare code.
 */
const judgeText = judgeBy((value, expect) => isSecretValue(value, false, expect === 'password'));

/** Longest command name read before an array (`spawn('sshpass', [`). */
const MAX_COMMAND = 256;
/** Longest member name read back before an array (`"arguments"`, `"executable"`). */
const MAX_MEMBER = 16;
/** Most blanks read back between two tokens of the members before an array. */
const MAX_GAP = 64;

function skipBlanks(text: string, i: number): number {
  while (isBlank(text.charCodeAt(i))) i++;
  return i;
}

/** One element read: its content's offsets and where reading goes on. */
export interface Element {
  /** Content offsets (without quotes); -1 for an element that is not a string. */
  start: number;
  end: number;
  /** Offset right after the element. */
  next: number;
}

/**
 * The element at `i`: a string in `"`, `'` or the `\"` of JSON inside a JSON string (to its
 * unescaped closing quote, on one line), or a bare token (a variable, a number, `null`).
 * Null when neither: not an argv array.
 */
export function readElement(text: string, i: number): Element | null {
  const c = text.charCodeAt(i);
  if (c === 92 /* \ */ && text.charCodeAt(i + 1) === 34) {
    // `\"…\"`: the content holds no bare `"` and ends at the next `\"`.
    for (let k = i + 2; k < text.length; k++) {
      const d = text.charCodeAt(k);
      if (d === 34 || d === 10 || d === 13) return null;
      if (d === 92) {
        if (text.charCodeAt(k + 1) === 34) return { start: i + 2, end: k, next: k + 2 };
        k++;
      }
    }
    return null;
  }
  if (c === 34 || c === 39) {
    for (let k = i + 1; k < text.length; k++) {
      const d = text.charCodeAt(k);
      if (d === c) return { start: i + 1, end: k, next: k + 1 };
      if (d === 10 || d === 13) return null;
      if (d === 92) k++;
    }
    return null;
  }
  let k = i;
  for (; k < text.length; k++) {
    const d = text.charCodeAt(k);
    if (isBlank(d) || d === 44 /* , */ || d === 93 /* ] */) break;
    if (d === 34 || d === 39 || d === 91 /* [ */ || d === 92) return null;
  }
  return k === i ? null : { start: -1, end: -1, next: k };
}

/** Offset of the last non-blank character at or before `i`, at most {@link MAX_GAP} back; -1 past that. */
function skipBlanksBack(text: string, i: number): number {
  const limit = i - MAX_GAP;
  while (i >= 0 && isBlank(text.charCodeAt(i))) {
    if (i <= limit) return -1;
    i--;
  }
  return i;
}

/** A quoted word ending with its closing quote at `close`: its content and opening quote's offset. */
interface WordBefore {
  word: string;
  open: number;
}

/**
 * The quoted word (no blanks, at most `max` characters) whose closing quote is at `close`;
 * undefined when there is none.
 */
function quotedWordBefore(text: string, close: number, max: number): WordBefore | undefined {
  const quote = text.charCodeAt(close);
  if (quote !== 34 && quote !== 39) return undefined;
  const limit = Math.max(0, close - max);
  for (let k = close - 1; k >= limit; k--) {
    const c = text.charCodeAt(k);
    if (c === quote) return k + 1 < close ? { word: text.slice(k + 1, close), open: k } : undefined;
    if (isBlank(c)) return undefined;
  }
  return undefined;
}

/**
 * A member's name ending at `end` (inclusive), quoted (`"args"`) or bare as a JS key
 * (`args`): the name and where it starts; undefined when there is none.
 */
function memberNameBefore(text: string, end: number): WordBefore | undefined {
  const quoted = quotedWordBefore(text, end, MAX_MEMBER);
  if (quoted !== undefined) return quoted;
  let k = end;
  while (k >= 0 && end - k < MAX_MEMBER && /[A-Za-z]/.test(text[k]!)) k--;
  return k < end ? { word: text.slice(k + 1, end + 1), open: k + 1 } : undefined;
}

/**
 * The command a sibling member names before an argument member whose array opens at
 * `open`, as `redactValue` reads an object (decision 0022), here in text:
 * `{"cmd": "sshpass", "args": [`, Kubernetes' `"command": ["sshpass"], "args": [` (a
 * command array of one element), JS's `{ cmd: 'sshpass', args: [`, also with up to three
 * scalar members between (`"cwd": "/x",`; decision 0042). Read back a bounded number of
 * characters: constant work per array.
 */
function siblingCommandBefore(text: string, open: number): string | undefined {
  const i = skipBlanksBack(text, open - 1);
  if (i < 0 || text.charCodeAt(i) !== 58 /* : */) return undefined;
  const argsMember = memberNameBefore(text, skipBlanksBack(text, i - 1));
  if (argsMember === undefined || !isArgumentMember(argsMember.word)) return undefined;
  let comma = skipBlanksBack(text, argsMember.open - 1);
  // Up to three scalar members between (`"cwd": "/x"`, `"timeout": 30`), as the
  // name/value pairs read them; an object or array between ends the search.
  for (let between = 0; between <= MAX_MEMBERS_BETWEEN; between++) {
    if (comma < 0 || text.charCodeAt(comma) !== 44 /* , */) return undefined;
    const command = commandMemberBefore(text, comma);
    if (command !== undefined) return command;
    comma = scalarMemberBefore(text, comma);
  }
  return undefined;
}

/** Most scalar members read over between a command member and its arguments. */
const MAX_MEMBERS_BETWEEN = 3;

/** Longest bare scalar read back (`30`, `false`, `null`, `1.5e3`). */
const MAX_BARE_SCALAR = 32;

/** A character of a bare JSON or JS scalar: letters, digits, `.`, `+`, `-`. */
function isBareScalarChar(c: number): boolean {
  return isAsciiAlphanumeric(c) || c === 46 || c === 43 || c === 45;
}

/**
 * Offset of the `,` before a member whose scalar value ends right before the `,` at
 * `comma` (`"cwd": "/x"`, `timeout: 30`): a quoted word without blanks or a bare scalar,
 * `:`, a member name; -1 when there is none. Bounded reads back: constant work.
 */
function scalarMemberBefore(text: string, comma: number): number {
  const end = skipBlanksBack(text, comma - 1);
  if (end < 0) return -1;
  let start = quotedWordBefore(text, end, MAX_COMMAND)?.open ?? -1;
  if (start < 0) {
    start = end;
    while (
      start > 0 &&
      end - start < MAX_BARE_SCALAR &&
      isBareScalarChar(text.charCodeAt(start - 1))
    ) {
      start--;
    }
    if (!isBareScalarChar(text.charCodeAt(end)) || !isBareScalarChar(text.charCodeAt(start))) {
      return -1;
    }
  }
  const colon = skipBlanksBack(text, start - 1);
  if (colon < 0 || text.charCodeAt(colon) !== 58 /* : */) return -1;
  const name = memberNameBefore(text, skipBlanksBack(text, colon - 1));
  return name === undefined ? -1 : skipBlanksBack(text, name.open - 1);
}

/**
 * The command a command member (`"cmd": "sshpass"`, `"command": ["sshpass"]`) names when it
 * ends right before the `,` at `comma`; undefined otherwise.
 */
function commandMemberBefore(text: string, comma: number): string | undefined {
  let i = skipBlanksBack(text, comma - 1);
  const inArray = text.charCodeAt(i) === 93; /* ] */
  if (inArray) i = skipBlanksBack(text, i - 1);
  if (i < 0) return undefined;
  const command = quotedWordBefore(text, i, MAX_COMMAND);
  if (command === undefined) return undefined;
  i = skipBlanksBack(text, command.open - 1);
  if (inArray) {
    if (i < 0 || text.charCodeAt(i) !== 91 /* [ */) return undefined;
    i = skipBlanksBack(text, i - 1);
  }
  if (i < 0 || text.charCodeAt(i) !== 58 /* : */) return undefined;
  const commandMember = memberNameBefore(text, skipBlanksBack(text, i - 1));
  return commandMember !== undefined && isCommandMember(commandMember.word)
    ? command.word
    : undefined;
}

/** The quoted word (no blanks, at most `max` characters) opening with its quote at `open`. */
function quotedWordAfter(text: string, open: number, max: number): WordBefore | undefined {
  const quote = text.charCodeAt(open);
  if (quote !== 34 && quote !== 39) return undefined;
  const limit = Math.min(text.length, open + 1 + max);
  for (let k = open + 1; k < limit; k++) {
    const c = text.charCodeAt(k);
    if (c === quote) return k > open + 1 ? { word: text.slice(open + 1, k), open: k } : undefined;
    if (isBlank(c)) return undefined;
  }
  return undefined;
}

/** Offset of the first non-blank character at or after `i`, at most {@link MAX_GAP} on; -1 past that. */
function skipBlanksOn(text: string, i: number): number {
  const limit = i + MAX_GAP;
  while (isBlank(text.charCodeAt(i))) {
    if (i >= limit) return -1;
    i++;
  }
  return i;
}

/**
 * Whether the array opening at `open` is the value of an argument member (`"args": [`,
 * `argv: [`).
 */
function isArgumentValue(text: string, open: number): boolean {
  const i = skipBlanksBack(text, open - 1);
  if (i < 0 || text.charCodeAt(i) !== 58 /* : */) return false;
  const member = memberNameBefore(text, skipBlanksBack(text, i - 1));
  return member !== undefined && isArgumentMember(member.word);
}

/**
 * The command a sibling member names right after an argument array that closes at `close`
 * (`{"args": [ … ], "cmd": "sshpass"}`, `], command: ['mysql']}`), as
 * {@link siblingCommandBefore} reads one before it: the next member only, bounded gaps and
 * names, constant work per array.
 */
function siblingCommandAfter(text: string, close: number): string | undefined {
  let i = skipBlanksOn(text, close + 1);
  if (i < 0 || text.charCodeAt(i) !== 44 /* , */) return undefined;
  i = skipBlanksOn(text, i + 1);
  if (i < 0) return undefined;
  let name = quotedWordAfter(text, i, MAX_MEMBER);
  if (name === undefined) {
    let k = i;
    while (k - i < MAX_MEMBER && /[A-Za-z]/.test(text[k] ?? '')) k++;
    if (k === i) return undefined;
    name = { word: text.slice(i, k), open: k - 1 };
  }
  if (!isCommandMember(name.word)) return undefined;
  i = skipBlanksOn(text, name.open + 1);
  if (i < 0 || text.charCodeAt(i) !== 58 /* : */) return undefined;
  i = skipBlanksOn(text, i + 1);
  const inArray = i >= 0 && text.charCodeAt(i) === 91; /* [ */
  if (inArray) i = skipBlanksOn(text, i + 1);
  if (i < 0) return undefined;
  const command = quotedWordAfter(text, i, MAX_COMMAND);
  if (command === undefined) return undefined;
  if (inArray) {
    i = skipBlanksOn(text, command.open + 1);
    if (i < 0 || text.charCodeAt(i) !== 93 /* ] */) return undefined;
  }
  return command.word;
}

/**
 * The offset of the `]` closing the array opened at `open` when it is a list of elements
 * separated by commas; -1 when it stops being one first.
 */
function arrayClose(text: string, open: number): number {
  let i = skipBlanks(text, open + 1);
  for (;;) {
    const element = readElement(text, i);
    if (element === null) return -1;
    i = skipBlanks(text, element.next);
    const c = text.charCodeAt(i);
    if (c === 93 /* ] */) return i;
    if (c !== 44 /* , */) return -1;
    i = skipBlanks(text, i + 1);
  }
}

/**
 * The command named right before an array, as `spawn('sshpass', ['-p', …])` and
 * `execFile("mysql", [...])` write it (a quoted word, a comma, the `[`), or in a sibling
 * member before the argument member (`{"cmd": "sshpass", "args": [`). Undefined when
 * something else comes before it.
 */
function commandBefore(text: string, open: number): string | undefined {
  let i = open - 1;
  while (i >= 0 && isBlank(text.charCodeAt(i))) i--;
  if (text.charCodeAt(i) !== 44 /* , */) return siblingCommandBefore(text, open);
  i--;
  while (i >= 0 && isBlank(text.charCodeAt(i))) i--;
  return quotedWordBefore(text, i, MAX_COMMAND)?.word;
}

/**
 * Reads the array opened at `open`, element by element, reporting the secrets its flags
 * take; returns where reading stopped (after its `]`, or where it stopped being an array
 * of elements separated by commas).
 */
function readArray(text: string, open: number, out: Finding[]): number {
  let command = commandBefore(text, open);
  // An argument member whose command member comes after it (`{"args": […], "cmd": …}`):
  // the array is walked once more to find its end, so each array costs two passes.
  if (command === undefined && isArgumentValue(text, open)) {
    const close = arrayClose(text, open);
    if (close >= 0) command = siblingCommandAfter(text, close);
  }
  const reader = new ArgvReader(judgeText, command);
  let i = skipBlanks(text, open + 1);
  for (;;) {
    const element = readElement(text, i);
    if (element === null) return i;
    const { start, end } = element;
    const secret = reader.next(start < 0 ? undefined : text.slice(start, end));
    if (secret !== undefined) {
      out.push({
        type: 'secret',
        kind: secret.kind,
        start: start + secret.start,
        end: start + secret.end,
        detector: 'argv-flag-value',
      });
    }
    i = skipBlanks(text, element.next);
    const c = text.charCodeAt(i);
    if (c === 93 /* ] */) return i + 1;
    if (c !== 44 /* , */) return i;
    i = skipBlanks(text, i + 1);
  }
}

/**
 * A command line given as an argv array written out (JSON, a JS or Python list literal,
 * JSON inside a JSON string): `["mysql","--password","…"]`, `['curl','-u','user:<password>']`,
 * `spawn('sshpass', ['-p', '…', 'ssh', host])`. Elements are read as `ArgvReader` reads a
 * command line's words; the command is the array's first element or the quoted word
 * before it. A `--password <v>` in a plain command line is `flag-value`'s.
 *
 * Found from each quoted element starting with `-` (`"-`, `'-`): the last `[` before it
 * is followed forward with `indexOf`, and each array is read once from its `[` (an array
 * read already, or one that stopped being an array before, is not read again), so a text
 * costs one pass however many flags it holds.
 */
export const argvArray: Detector = {
  id: 'argv-flag-value',
  type: 'secret',
  kind: 'generic',
  priority: 85,
  anchors: ['"-', "'-"],
  scan(text: string, out: Finding[]): void {
    let double = text.indexOf('"-');
    let single = text.indexOf("'-");
    let open = -1;
    let nextOpen = text.indexOf('[');
    let readTo = -1;
    let tried = -1;
    while (double >= 0 || single >= 0) {
      const at = single < 0 || (double >= 0 && double < single) ? double : single;
      if (at === double) double = text.indexOf('"-', at + 2);
      else single = text.indexOf("'-", at + 2);
      while (nextOpen >= 0 && nextOpen < at) {
        open = nextOpen;
        nextOpen = text.indexOf('[', nextOpen + 1);
      }
      if (open < 0 || open === tried || at < readTo) continue;
      tried = open;
      readTo = readArray(text, open, out);
    }
  },
};
