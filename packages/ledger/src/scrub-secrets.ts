import { isSecretValue, REDACTED_TEXT as REDACTED } from '@pm/envelope-schemas/core';
import { InvalidLedgerArgumentError } from './errors/invalid-ledger-argument-error.js';
import type { ScrubbedEntry } from './record-line.js';
import { findSecretSpans } from './secret-spans.js';

/** What one normalisation pass found besides the value: scrubbed spans and artifact refs. */
export interface ScrubReport {
  /** One entry per secret replaced, in document order. */
  scrubbed: ScrubbedEntry[];
  /** Every `artifact://` string met (candidates for the artifact-on-disk check). */
  artifactRefs: string[];
}

/** Longest path recorded in `scrubbed` (the schema's limit). */
const MAX_PATH = 1024;
/** Deep enough for any real record; a cycle fails fast and clearly. */
const MAX_DEPTH = 256;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

interface WellFormed {
  isWellFormed(): boolean;
  toWellFormed(): string;
}

/**
 * Turns `value` into the plain JSON value the ledger writes, with JSON.stringify's rules
 * (`toJSON` honoured, `undefined`/functions dropped from objects and `null` in arrays) and
 * three stricter ones: a secret wrapper becomes `[REDACTED]`; every secret `detectSecrets`
 * finds in a string (or a key) is replaced by `[SECRET:<kind>]` and reported by path, never
 * by value; `NaN`, `Infinity`, bigint and cycles throw instead of silently changing.
 * Lone UTF-16 surrogates become U+FFFD so the result is canonicalisable. The input is
 * never modified.
 *
 * @param value the caller's data.
 * @param rootPath JSON path of `value` within the record, e.g. `$.data`.
 * @param report collects scrubbed paths and artifact refs; reused across calls by the caller.
 */
export function scrubValue(value: unknown, rootPath: string, report: ScrubReport): unknown {
  const path: (string | number)[] = [];
  const out = walk(value, path, rootPath, report, 0);
  if (out === undefined) {
    throw new InvalidLedgerArgumentError(
      `${rootPath} is ${typeof value}, which JSON cannot hold. Pass a JSON value.`,
    );
  }
  return out;
}

/**
 * Scrubs one text (an artifact's content): every secret becomes `[SECRET:<kind>]`.
 * Returns the same string when nothing was found, and the kinds replaced.
 */
export function scrubText(text: string): { text: string; kinds: string[] } {
  const findings = findSecretSpans(text);
  if (findings.length === 0) return { text, kinds: [] };
  return { text: replaceFindings(text, findings), kinds: findings.map((f) => f.kind) };
}

function replaceFindings(
  text: string,
  findings: readonly { start: number; end: number; kind: string }[],
): string {
  // Findings are sorted by start and do not overlap: rebuild the string once.
  let out = '';
  let at = 0;
  for (const f of findings) {
    out += text.slice(at, f.start);
    out += `[SECRET:${f.kind}]`;
    at = f.end;
  }
  return out + text.slice(at);
}

function walk(
  value: unknown,
  path: (string | number)[],
  rootPath: string,
  report: ScrubReport,
  depth: number,
): unknown {
  switch (typeof value) {
    case 'string':
      return scrubString(value, path, rootPath, report);
    case 'number':
      if (!Number.isFinite(value)) {
        throw new InvalidLedgerArgumentError(
          `${formatPath(rootPath, path)} is ${value}; JSON has no NaN or Infinity. Record null or a string instead.`,
        );
      }
      return value;
    case 'boolean':
      return value;
    case 'bigint':
      throw new InvalidLedgerArgumentError(
        `${formatPath(rootPath, path)} is a bigint; JSON cannot hold it exactly. Record it as a string.`,
      );
    case 'object': {
      if (value === null) return null;
      if (isSecretValue(value)) return REDACTED;
      if (depth >= MAX_DEPTH) {
        throw new InvalidLedgerArgumentError(
          `${formatPath(rootPath, path)} is nested deeper than ${MAX_DEPTH} levels (is it cyclic?). Flatten it.`,
        );
      }
      const toJSON = (value as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === 'function') {
        const key = path.length === 0 ? '' : String(path[path.length - 1]);
        return walk(toJSON.call(value, key), path, rootPath, report, depth + 1);
      }
      if (Array.isArray(value)) {
        const out: unknown[] = new Array(value.length);
        for (let i = 0; i < value.length; i++) {
          path.push(i);
          const item = walk(value[i], path, rootPath, report, depth + 1);
          path.pop();
          out[i] = item === undefined ? null : item;
        }
        return out;
      }
      return walkObject(value, path, rootPath, report, depth);
    }
    default:
      // undefined, function, symbol: dropped from objects, null in arrays (JSON's rule).
      return undefined;
  }
}

/**
 * The object branch of {@link walk}. Members are defined, not assigned, so an own
 * `__proto__` member stays a member (assignment would set the prototype and drop it).
 * Member names are scrubbed first; a name changed by scrubbing (or by U+FFFD for a lone
 * surrogate) that now equals another member's name gets `#2`, `#3`… (the first number
 * free, in `Object.keys` order), so no member overwrites another, and `scrubbed` spells
 * the name written.
 */
function walkObject(
  value: object,
  path: (string | number)[],
  rootPath: string,
  report: ScrubReport,
  depth: number,
): Record<string, unknown> {
  const keys = Object.keys(value);
  const safe = keys.map((key) => scrubKey(key));
  // Names that stay as they are keep their place; changed ones make way for them.
  const taken = new Set<string>();
  for (let i = 0; i < keys.length; i++) if (safe[i]!.name === keys[i]) taken.add(keys[i]!);
  const out: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    let name = safe[i]!.name;
    if (name !== key) {
      if (taken.has(name)) {
        let n = 2;
        while (taken.has(`${name}#${n}`)) n++;
        name = `${name}#${n}`;
      }
      taken.add(name);
    }
    // A secret in a key is reported at the member it names, spelled with the name written.
    if (safe[i]!.kinds.length > 0) {
      const where = formatPath(rootPath, [...path, name]);
      for (const kind of safe[i]!.kinds) report.scrubbed.push({ path: where, kind });
    }
    path.push(name);
    const item = walk((value as Record<string, unknown>)[key], path, rootPath, report, depth + 1);
    path.pop();
    if (item !== undefined) {
      Object.defineProperty(out, name, {
        value: item,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return out;
}

/** A member name made well-formed and scrubbed, and the kinds of secret it held. */
function scrubKey(key: string): { name: string; kinds: string[] } {
  let name = key;
  if (!(name as unknown as WellFormed).isWellFormed()) {
    name = (name as unknown as WellFormed).toWellFormed();
  }
  const findings = findSecretSpans(name);
  if (findings.length === 0) return { name, kinds: [] };
  return {
    name: replaceFindings(name, findings),
    kinds: findings.map((f) => f.kind.slice(0, 64)),
  };
}

function scrubString(
  text: string,
  path: (string | number)[],
  rootPath: string,
  report: ScrubReport,
): string {
  let value = text;
  if (!(value as unknown as WellFormed).isWellFormed()) {
    value = (value as unknown as WellFormed).toWellFormed();
  }
  if (value.startsWith('artifact://')) report.artifactRefs.push(value);
  const findings = findSecretSpans(value);
  if (findings.length === 0) return value;
  const where = formatPath(rootPath, path);
  for (const f of findings) report.scrubbed.push({ path: where, kind: f.kind.slice(0, 64) });
  return replaceFindings(value, findings);
}

/** `$.data.a[0]["odd key"]`, built only when a secret is found (not per string). */
function formatPath(rootPath: string, path: readonly (string | number)[]): string {
  let out = rootPath;
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (IDENTIFIER.test(part)) out += `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  if (out.length <= MAX_PATH) return out;
  // Cut before a high surrogate whose low half would fall past the cut: a lone surrogate
  // cannot be canonicalised, and the record would be refused for names the caller wrote
  // well-formed.
  let end = MAX_PATH - 1;
  if (isHighSurrogate(out.charCodeAt(end - 1))) end--;
  return `${out.slice(0, end)}…`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * Reports every secret in a parsed JSON value (strings and keys) by path and kind, for
 * verification. Never reports or keeps the value: a secret-shaped member name is spelled
 * `[SECRET:<kind>]` in the paths below it. Walks with its own stack, not recursion, since
 * the value may come from a damaged line nested far deeper than any record.
 */
export function findSecretsIn(
  value: unknown,
  rootPath: string,
  onSecret: (path: string, kind: string) => void,
): void {
  // Each node knows its parent's place, so nothing is copied per level; a path is spelled
  // only when a secret is found. Children are pushed last-first: document order.
  const stack: Place[] = [{ node: value, parent: null, part: null }];
  while (stack.length > 0) {
    const place = stack.pop()!;
    const node = place.node;
    if (typeof node === 'string') {
      for (const f of findSecretSpans(node)) onSecret(spell(rootPath, place), f.kind);
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) {
        stack.push({ node: node[i], parent: place, part: i });
      }
    } else if (typeof node === 'object' && node !== null) {
      const keys = Object.keys(node);
      const at = stack.length;
      for (const key of keys) {
        const found = findSecretSpans(key);
        // A secret in a member name: report its parent, since the path would spell the key.
        for (const f of found) onSecret(`${spell(rootPath, place)} (a member name)`, f.kind);
        const part = found.length === 0 ? key : replaceFindings(key, found);
        stack.push({ node: (node as Record<string, unknown>)[key], parent: place, part });
      }
      // Pushed first-first above: turn this object's members around.
      for (let i = at, j = stack.length - 1; i < j; i++, j--) {
        [stack[i], stack[j]] = [stack[j]!, stack[i]!];
      }
    }
  }
}

/** A value met by {@link findSecretsIn}, and where it is: its parent and its key or index. */
interface Place {
  node: unknown;
  parent: Place | null;
  part: string | number | null;
}

function spell(rootPath: string, place: Place): string {
  const parts: (string | number)[] = [];
  for (let at: Place | null = place; at !== null && at.part !== null; at = at.parent) {
    parts.push(at.part);
  }
  return formatPath(rootPath, parts.reverse());
}
