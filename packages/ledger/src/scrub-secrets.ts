import { isSecretValue, REDACTED_TEXT as REDACTED } from '@pm/envelope-schemas';
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
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        const safeKey = scrubString(key, path, rootPath, report, key);
        path.push(safeKey);
        const item = walk(
          (value as Record<string, unknown>)[key],
          path,
          rootPath,
          report,
          depth + 1,
        );
        path.pop();
        if (item !== undefined) out[safeKey] = item;
      }
      return out;
    }
    default:
      // undefined, function, symbol: dropped from objects, null in arrays (JSON's rule).
      return undefined;
  }
}

function scrubString(
  text: string,
  path: (string | number)[],
  rootPath: string,
  report: ScrubReport,
  asKey?: string,
): string {
  let value = text;
  if (!(value as unknown as WellFormed).isWellFormed()) {
    value = (value as unknown as WellFormed).toWellFormed();
  }
  if (asKey === undefined && value.startsWith('artifact://')) report.artifactRefs.push(value);
  const findings = findSecretSpans(value);
  if (findings.length === 0) return value;
  const replaced = replaceFindings(value, findings);
  // A secret in a key is reported at the member it names, spelled with the scrubbed key.
  const where =
    asKey === undefined ? formatPath(rootPath, path) : formatPath(rootPath, [...path, replaced]);
  for (const f of findings) report.scrubbed.push({ path: where, kind: f.kind.slice(0, 64) });
  return replaced;
}

/** `$.data.a[0]["odd key"]`, built only when a secret is found (not per string). */
function formatPath(rootPath: string, path: readonly (string | number)[]): string {
  let out = rootPath;
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (IDENTIFIER.test(part)) out += `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out.length <= MAX_PATH ? out : `${out.slice(0, MAX_PATH - 1)}…`;
}

/**
 * Reports every secret in a parsed JSON value (strings and keys) by path and kind, for
 * verification. Never reports or keeps the value.
 */
export function findSecretsIn(
  value: unknown,
  rootPath: string,
  onSecret: (path: string, kind: string) => void,
): void {
  const path: (string | number)[] = [];
  const visit = (node: unknown): void => {
    if (typeof node === 'string') {
      for (const f of findSecretSpans(node)) onSecret(formatPath(rootPath, path), f.kind);
    } else if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        path.push(i);
        visit(node[i]);
        path.pop();
      }
    } else if (typeof node === 'object' && node !== null) {
      for (const key of Object.keys(node)) {
        // A secret in a member name: report its parent, since the path would spell the key.
        for (const f of findSecretSpans(key))
          onSecret(`${formatPath(rootPath, path)} (a member name)`, f.kind);
        path.push(key);
        visit((node as Record<string, unknown>)[key]);
        path.pop();
      }
    }
  };
  visit(value);
}
