import type { Finding } from './finding.js';
import { checkObject, checkStrings, invalidOption, isRegExp } from './invalid-option.js';

/**
 * Values a host declares not sensitive: its own support address, documentation IPs, a
 * test card it prints on purpose. Allowed spans are not reported and not redacted.
 */
export interface AllowList {
  /** Exact values never reported (compared case-sensitively, whole span). */
  values?: readonly string[];
  /** Patterns a whole span must match to be allowed (tested with anchors added). */
  patterns?: readonly RegExp[];
  /** Finding types never reported, e.g. `['ip']` for a network-operations tool. */
  types?: readonly string[];
}

/** An allow-list compiled once into a predicate: `true` keeps the finding. */
export type FindingFilter = (finding: Finding, text: string) => boolean;

/**
 * Throws `INVALID_ARGUMENT` naming the field (`allow.patterns[0]`) unless `allow` is an
 * object whose `values` and `types` are arrays of strings and `patterns` an array of
 * RegExps: a string pattern used to throw a TypeError, and a string given for `values`
 * would be spread into its letters.
 */
export function checkAllowList(allow: unknown): void {
  checkObject(
    allow,
    'allow',
    'an object { values?, patterns?, types? }',
    'leave it out to allow nothing.',
  );
  if (allow.values !== undefined)
    checkStrings(allow.values, 'allow.values', 'list the exact values to allow.');
  if (allow.types !== undefined)
    checkStrings(allow.types, 'allow.types', "list finding types, e.g. ['ip'].");
  if (allow.patterns !== undefined) {
    const fix = 'pass regular expressions (e.g. /[^@]+@example\\.com/), not strings.';
    if (!Array.isArray(allow.patterns))
      throw invalidOption('allow.patterns', 'an array of RegExps', allow.patterns, fix);
    allow.patterns.forEach((p, i) => {
      if (!isRegExp(p)) throw invalidOption(`allow.patterns[${i}]`, 'a RegExp', p, fix);
    });
  }
}

/** Compiles an allow-list; `undefined` when it allows nothing (no per-finding cost). */
export function compileAllowList(allow: AllowList | undefined): FindingFilter | undefined {
  if (allow === undefined) return undefined;
  const values = new Set(allow.values ?? []);
  const types = new Set(allow.types ?? []);
  const patterns = (allow.patterns ?? []).map(
    (p) => new RegExp(`^(?:${p.source})$`, p.flags.replace(/[gy]/g, '')),
  );
  if (values.size === 0 && types.size === 0 && patterns.length === 0) return undefined;
  return (finding, text) => {
    if (types.has(finding.type)) return false;
    if (values.size === 0 && patterns.length === 0) return true;
    const value = text.slice(finding.start, finding.end);
    if (values.has(value)) return false;
    for (const p of patterns) if (p.test(value)) return false;
    return true;
  };
}
