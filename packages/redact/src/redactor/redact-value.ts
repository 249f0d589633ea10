import { ArgvReader, judgeBy } from '../detectors/secrets/argv-reader.js';
import type { Finding } from '../finding.js';
import { isMaskPlaceholder } from '../operators/mask.js';
import { setOwn } from '../own-property.js';
import { isArgumentMember, siblingCommand } from './argv-command.js';
import { arrayIndex, SPARSE_WALK_LENGTH } from './array-index.js';
import { childPath, indexPath } from './json-path.js';
import { integerText } from './number-text.js';
import { isSensitiveKey, normaliseKey } from './sensitive-keys.js';
import { scalarOf, unbox } from './unbox.js';

/** What the deep walk needs from its redactor. */
export interface ValueWalker {
  /** Redacts one string; appends its findings (with `path`) to `findings`. */
  redactString(text: string, path: string, findings: Finding[]): string;
  /**
   * Redacts `text` (an object or Map key, a number's digits) like any string; returns null
   * when it holds nothing (the usual case: no findings, no copy). Findings get `path` as
   * given.
   */
  redactFound(text: string, path: string, findings: Finding[]): string | null;
  /** Replaces a value found under a sensitive, hash or drop key; appends one finding. */
  replaceWhole(
    type: string,
    value: string,
    path: string,
    detector: string,
    findings: Finding[],
  ): string;
  /**
   * Replaces the part of `text` from `start` to `end` as a `secret` of `kind` (the argument
   * of a credential flag in an argv array); appends one finding.
   */
  replaceSpan(
    text: string,
    start: number,
    end: number,
    kind: string,
    path: string,
    detector: string,
    findings: Finding[],
  ): string;
  /** Normalised field names hashed whole. */
  hashFields: ReadonlySet<string>;
  /** Normalised field names dropped whole. */
  dropFields: ReadonlySet<string>;
  /** Depth beyond which values become `[MAX_DEPTH]`. */
  maxDepth: number;
  /**
   * True inside a hash field's value: every string, number and BigInt in it (and every
   * object standing for one: a Date, an id object) is an identifier, hashed whole.
   */
  underHashField?: boolean;
  /**
   * The command a sibling member names for the argument array walked next
   * (`{ cmd: 'sshpass', args: […] }`): that array is read as its argv. Cleared below it.
   */
  argvCommand?: string;
}

/** A value that cannot be scanned as text (binary) or walked (too deep, cyclic) is replaced by a marker: fail closed. */
const CIRCULAR = '[CIRCULAR]';
const MAX_DEPTH = '[MAX_DEPTH]';
/** Host code (a getter, a proxy trap, a `toJSON`) threw: the value cannot be read, and the error may hold it. */
const UNREADABLE = '[UNREADABLE]';
/** A function may close over data and its source may hold literals: the copy does not share it. */
const FUNCTION = '[FUNCTION]';

/** Text form of a scalar under a sensitive key, for its finding's length only. */
function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return '';
  return String(value);
}

/**
 * Deep-redacts `value` without mutating it. Strings are scanned, object and Map keys
 * included (two keys that redact alike keep the last value), and so are integers and
 * BigInts as their decimal text (one holding a finding becomes its redacted text); values
 * under sensitive keys are replaced whole (any type); hash fields are hashed whole; drop fields removed.
 * Dates are copied, binary (Buffer, typed arrays, ArrayBuffer) is replaced by a marker
 * with its size (it is not text and cannot be scanned), Maps and Sets are rebuilt, boxed
 * primitives (`new String(…)`) become their primitive (a string is scanned), an object
 * with a `toJSON` (a URL) is read as what that returns, functions become `[FUNCTION]`, a
 * value whose getter, proxy trap or `toJSON` throws becomes `[UNREADABLE]` (the host's
 * error is not rethrown), and array holes stay holes.
 * `ancestors` holds the objects on the current path only, so a shared (not cyclic)
 * object is redacted at each place it appears.
 */
export function walkValue(
  walker: ValueWalker,
  value: unknown,
  path: string,
  depth: number,
  ancestors: Set<object>,
  findings: Finding[],
): unknown {
  if (walker.underHashField === true) {
    const id = identifierText(value);
    if (id !== undefined)
      return walker.replaceWhole('identifier', id, path, 'hash-field', findings);
  }
  if (typeof value === 'string') return walker.redactString(value, path, findings);
  if (typeof value === 'number' || typeof value === 'bigint') {
    return redactNumber(walker, value, path, findings);
  }
  if (typeof value === 'function') return FUNCTION;
  if (value === null || typeof value !== 'object') return value;
  try {
    return walkObject(walker, value, path, depth, ancestors, findings);
  } catch {
    // Never rethrown: a throwing getter's message may quote the very data being redacted.
    return UNREADABLE;
  }
}

function walkObject(
  walker: ValueWalker,
  value: object,
  path: string,
  depth: number,
  ancestors: Set<object>,
  findings: Finding[],
): unknown {
  if (value instanceof Date) return new Date(value.getTime());
  if (
    ArrayBuffer.isView(value) ||
    value instanceof ArrayBuffer ||
    // A worker's shared memory is binary too (it came out as `{}`).
    (typeof SharedArrayBuffer === 'function' && value instanceof SharedArrayBuffer)
  ) {
    return `[BINARY ${value.byteLength} bytes]`;
  }
  // The command of `{ cmd, args }` is for the `args` array only, not what it holds.
  if (walker.argvCommand !== undefined && !Array.isArray(value)) {
    walker = { ...walker, argvCommand: undefined };
  }
  if (ancestors.has(value)) return CIRCULAR;
  if (depth >= walker.maxDepth) return MAX_DEPTH;
  ancestors.add(value);
  try {
    if (Array.isArray(value)) return walkArray(walker, value, path, depth, ancestors, findings);
    if (value instanceof Map) {
      const out = new Map<unknown, unknown>();
      for (const [k, v] of value) {
        if (typeof k === 'string') {
          const key = redactedKey(walker, k, path, findings);
          const r = walkEntry(walker, k, v, childPath(path, key), depth, ancestors, findings);
          if (r !== DROP) out.set(key, r);
        } else {
          // A key object is data too: walked (copied, its strings redacted), never shared.
          const key = walkValue(walker, k, `${path}[?]~`, depth + 1, ancestors, findings);
          out.set(key, walkValue(walker, v, `${path}[?]`, depth + 1, ancestors, findings));
        }
      }
      return out;
    }
    if (value instanceof Set) {
      const out = new Set<unknown>();
      let i = 0;
      for (const v of value) {
        out.add(walkValue(walker, v, indexPath(path, i++), depth + 1, ancestors, findings));
      }
      return out;
    }
    // A boxed primitive (`new String('sk-…')`) is its primitive: walked as an object it
    // would come out as one property per character, none of them scanned.
    const primitive = unbox(value);
    if (primitive !== value) return walkValue(walker, primitive, path, depth, ancestors, findings);
    // What the object serialises to is what it means (a URL, a decimal, a record class);
    // copied as is, an own `toJSON` kept the original data and gave it back on stringify.
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') {
      const json: unknown = toJSON.call(value, '');
      if (json !== value) return walkValue(walker, json, path, depth + 1, ancestors, findings);
    }
    const out: Record<string, unknown> = {};
    const namedValue = namedValueKey(value);
    const command = siblingCommand(value);
    const commanded = command === undefined ? walker : { ...walker, argvCommand: command };
    for (const k of Object.keys(value)) {
      const v = readProperty(value, k);
      const key = redactedKey(walker, k, path, findings);
      const at = childPath(path, key);
      const w = isArgumentMember(k) ? commanded : walker;
      const r = walkEntry(w, k, v, at, depth, ancestors, findings, k === namedValue);
      if (r !== DROP) setOwn(out, key, r);
    }
    return out;
  } finally {
    ancestors.delete(value);
  }
}

/** Members that name a setting held in a sibling member (`{ name: 'DB_PASSWORD', value }`). */
const NAME_MEMBERS = ['name', 'Name', 'key', 'Key'];
/** The sibling members holding the named setting's value. */
const VALUE_MEMBERS = ['value', 'Value'];

/**
 * The member holding a credential's value when `value` names the setting in another
 * member, as lists of name/value pairs do (Kubernetes and ECS `env`, HAR headers, AWS
 * tags): `{ name: 'DB_PASSWORD', value: '…' }` holds a password under `value`, a key no
 * name check would mask. The name is judged as a key is (`isSensitiveKey`). Undefined when
 * there is none.
 */
function namedValueKey(value: object): string | undefined {
  for (const member of NAME_MEMBERS) {
    if (!Object.hasOwn(value, member)) continue;
    const name = readProperty(value, member);
    if (typeof name !== 'string' || !isSensitiveKey(name)) continue;
    for (const held of VALUE_MEMBERS) if (Object.hasOwn(value, held)) return held;
  }
  return undefined;
}

/** One property, or the marker when its getter throws (its siblings are still walked). */
function readProperty(value: object, key: string): unknown {
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return UNREADABLE;
  }
}

/**
 * An argument in a real argv array sits where its flag puts it, as a value sits under its
 * key: after `--password` it is the password whatever its shape (`raspberry`, a word the
 * text scan leaves), as a value under a `password` key is. Only `-u`'s keeps its check
 * (`user:pass`): `ps -u root` and `docker run -u 1000:1000` take users, not credentials.
 */
const judgeStructured = judgeBy((value) => value.length > 0 && !isMaskPlaceholder(value));

/**
 * An array copied element by element; holes stay holes (they were once filled with
 * `undefined`). A long array is walked by its own keys, so `a[4e9] = x` costs one step,
 * not billions (it once ran the process out of memory). A short one is also read as an
 * argv (`['mysql', '--password', pw]`, see `ArgvReader`): an argument its flag makes a
 * credential is replaced, which the scan of each string alone cannot see.
 */
function walkArray(
  walker: ValueWalker,
  value: readonly unknown[],
  path: string,
  depth: number,
  ancestors: Set<object>,
  findings: Finding[],
): unknown[] {
  const command = walker.argvCommand;
  if (command !== undefined) walker = { ...walker, argvCommand: undefined };
  const out = new Array<unknown>(value.length);
  const walkAt = (i: number, element: unknown) => {
    out[i] = walkValue(walker, element, indexPath(path, i), depth + 1, ancestors, findings);
  };
  if (value.length > SPARSE_WALK_LENGTH) {
    for (const k of Object.keys(value)) {
      const i = arrayIndex(k);
      if (i !== undefined) walkAt(i, value[i]);
    }
    return out;
  }
  // Ids under a hash field are hashed one by one, never read as arguments.
  // The command is the first element, or named beside the array (`{ cmd, args }`).
  const argv =
    walker.underHashField === true ? undefined : new ArgvReader(judgeStructured, command);
  for (let i = 0; i < value.length; i++) {
    if (!(i in value)) {
      argv?.next(undefined);
      continue;
    }
    const element = value[i];
    const secret = typeof element === 'string' ? argv?.next(element) : argv?.next(undefined);
    if (secret === undefined) walkAt(i, element);
    else {
      const { start, end, kind } = secret;
      const elementPath = indexPath(path, i);
      const replaced = walker.replaceSpan(
        element as string,
        start,
        end,
        kind,
        elementPath,
        ARGV,
        findings,
      );
      out[i] = replaced;
    }
  }
  return out;
}

/**
 * A number is scanned as its digits: a card number a type-converting CSV parser turned
 * into a number is a card number still. Where something is found the number becomes the
 * redacted text (`[CREDIT_CARD_1]`, as the same digits in a string would); otherwise it
 * stays the number it was. Every integer is scanned, not only long ones: a host detector
 * may look for 6-digit staff numbers, and skipping short integers saved little (a
 * 7-field row of numbers went from 13 to 21.5 µs with integers of 9+ digits scanned and
 * 21.9 µs with all; digits cost the same as a number as in a string, 2026-12-06).
 */
function redactNumber(
  walker: ValueWalker,
  value: number | bigint,
  path: string,
  findings: Finding[],
): unknown {
  const text = integerText(value);
  if (text === undefined) return value;
  return walker.redactFound(text, path, findings) ?? value;
}

/** Detector name of an argv argument replaced by its flag (the text scan's name for the same). */
const ARGV = 'argv-flag-value';

const DROP: unique symbol = Symbol('drop');

/**
 * The text an identifier is hashed as: a string, a number's or BigInt's decimal text, or
 * that of the scalar an object stands for (a boxed `new String(email)`, a Date's ISO text,
 * an id object's `toJSON`); undefined for anything else (an array, a plain object,
 * `true`), which is walked.
 */
function identifierText(value: unknown): string | undefined {
  const scalar = typeof value === 'object' && value !== null ? scalarOf(value) : value;
  if (typeof scalar === 'string' || typeof scalar === 'number' || typeof scalar === 'bigint') {
    return String(scalar);
  }
  return undefined;
}

/**
 * The key as it may appear in the output and in paths: an address or a token used as a
 * key is as sensitive as one in a value. Its findings carry the redacted key's path with
 * `~` appended (JSONPath-Plus's mark for a property name): `$.notes["[EMAIL_1]"]~`.
 * Name checks (sensitive, hash and drop fields) still read the original key.
 */
function redactedKey(
  walker: ValueWalker,
  key: string,
  parent: string,
  findings: Finding[],
): string {
  const start = findings.length;
  const redacted = walker.redactFound(key, '', findings);
  if (redacted === null) return key;
  const path = `${childPath(parent, redacted)}~`;
  for (let i = start; i < findings.length; i++) findings[i]!.path = path;
  return redacted;
}

function walkEntry(
  walker: ValueWalker,
  key: string,
  v: unknown,
  path: string,
  depth: number,
  ancestors: Set<object>,
  findings: Finding[],
  namedCredential = false,
): unknown {
  const nk = normaliseKey(key);
  if (walker.dropFields.has(nk)) {
    findings.push({
      type: 'free_text',
      start: 0,
      end: scalarText(v).length,
      detector: 'drop-field',
      path,
    });
    return DROP;
  }
  if (v === null || v === undefined) return v;
  if (namedCredential || isSensitiveKey(key)) {
    // Redacted already (`{ password: '[SECRET_1]' }`): masking it again renumbered it, so
    // redacting a redacted record changed it.
    if (typeof v === 'string' && isMaskPlaceholder(v)) return v;
    // Objects under a sensitive key are replaced whole too; their text is never built
    // (it may be cyclic or hold BigInts).
    const text = typeof v === 'object' ? '[object]' : scalarText(v);
    return walker.replaceWhole('secret', text, path, 'sensitive-key', findings);
  }
  if (walker.hashFields.has(nk)) {
    // Each id in it is hashed, however it is held: alone, or in an array, Set, Map or
    // object (an event linked to two orders, a merged customer). Walked as any value, ids
    // no detector knows (`C-10442`) came out in clear.
    const hashing = walker.underHashField === true ? walker : { ...walker, underHashField: true };
    return walkValue(hashing, v, path, depth + 1, ancestors, findings);
  }
  return walkValue(walker, v, path, depth + 1, ancestors, findings);
}
